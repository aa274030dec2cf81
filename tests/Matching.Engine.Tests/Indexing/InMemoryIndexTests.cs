using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;
using static Matching.Engine.Tests.Indexing.IndexTestKit;

namespace Matching.Engine.Tests.Indexing;

public sealed class InMemoryIndexTests
{
    private static readonly DocumentCompiler s_compiler = new(Esco);

    [Fact]
    public void CompactionDropsTombstonesAndKeepsTheSameResults()
    {
        var index = new InMemoryIndex(Esco, Graph, AreaOfCommune);
        var skills = UnlinkedSkills(3);
        var offers = Enumerable.Range(0, 40).Select(i => Offer($"o{i}", skills.Take(1 + i % 3), place: i % 2 == 0 ? Paris : Versailles)).ToList();
        foreach (var row in s_compiler.CompileOffers(offers))
        {
            index.Add(row);
        }
        // Updates and deletes leave tombstones.
        foreach (var row in s_compiler.CompileOffers(offers.Where((_, i) => i % 4 == 0).Select(o => o with { Place = Lyon }).ToList()))
        {
            index.Add(row);
        }
        for (var i = 1; i < 40; i += 5)
        {
            index.Offers.Remove($"o{i}");
        }
        var probe = s_compiler.CompileProfileProbe(Profile("p", skills, place: Paris, radiusKm: 1000));
        var before = index.MatchOffers(probe, new MatchOptions(Size: 100));
        Assert.True(index.Offers.DeadCount > 0);

        index.Replace(index.RebuildOffers(), null);

        Assert.Equal(0, index.Offers.DeadCount);
        Assert.Equal(index.Offers.LiveCount, index.Offers.HighWater);
        var after = index.MatchOffers(probe, new MatchOptions(Size: 100));
        Assert.Equal(before.Total, after.Total);
        Assert.Equal(before.Hits.Select(h => (h.Id, h.Score)), after.Hits.Select(h => (h.Id, h.Score)));
        Assert.Equal(32, after.Total);
    }

    [Theory]
    [InlineData(1000, true)]
    [InlineData(150, true)]
    [InlineData(1000, false)]
    public void PagedResultsEqualABruteForceRankingOfEveryPair(double radiusKm, bool allowRelated)
    {
        var random = new Random((int)radiusKm);
        var index = new InMemoryIndex(Esco, Graph, AreaOfCommune);
        var occupations = Esco.Occupations.Where(o => o.EssentialSkills.Length >= 4).Take(15).ToArray();
        var offers = Enumerable.Range(0, 400).Select(i =>
        {
            var occupation = occupations[random.Next(occupations.Length)];
            var essential = occupation.EssentialSkills.Where(_ => random.Next(3) > 0).Select(id => Esco.Skills[id]).ToList();
            return Offer($"o{i:D3}", essential.Skip(1), occupation.OptionalSkills.Take(3).Select(id => Esco.Skills[id]),
                place: random.Next(10) == 0 ? null : new Place(43 + random.NextDouble() * 6, -1 + random.NextDouble() * 7),
                contract: (ContractType)random.Next(3), experience: (ExperienceRequirement)random.Next(3),
                mustHave: essential.Take(random.Next(4) == 0 ? 1 : 0));
        }).ToList();
        var rows = s_compiler.CompileOffers(offers);
        foreach (var row in rows)
        {
            index.Add(row);
        }

        for (var p = 0; p < 5; p++)
        {
            var occupation = occupations[random.Next(occupations.Length)];
            var profile = Profile("p", occupation.EssentialSkills.Concat(occupation.OptionalSkills).Where(_ => random.Next(2) == 0).Select(id => Esco.Skills[id]),
                place: new Place(45 + random.NextDouble() * 2, 1 + random.NextDouble() * 3), radiusKm: radiusKm, experienceYears: random.Next(3), wishes: [ContractType.Permanent]);
            var probe = s_compiler.CompileProfileProbe(profile);

            var expected = new List<(string Id, double Score)>();
            foreach (var row in rows)
            {
                double? distance = row.HasPlace ? Matching.Engine.Scoring.MatchScorer.DistanceKm(row.Latitude, row.Longitude, probe.Latitude, probe.Longitude) : null;
                var explanation = index.Explain(row.Skills, probe.Skills, allowRelated, distance, radiusKm, row.Contract, probe.ContractWishes, row.Experience, null, probe.ExperienceYears, placeUnknown: row.HasPlace != probe.HasPlace);
                var met = explanation.Matched.Concat(explanation.MatchedThroughRelated).Select(m => m.SkillUri).ToHashSet();
                var mustHaveMet = row.Skills.Where(k => (k & Packed.MustHave) != 0).All(k => met.Contains(Esco.Skills[k & Packed.IdMask].Uri));
                if (mustHaveMet && explanation.Parts.Total > 0)
                {
                    expected.Add((row.Id, explanation.Parts.Total));
                }
            }
            expected = [.. expected.OrderByDescending(e => e.Score).ThenBy(e => e.Id, StringComparer.Ordinal)];

            var paged = new List<(string, double)>();
            string? cursor = null;
            long? total = null;
            do
            {
                var page = index.MatchOffers(probe, new MatchOptions(Size: 6, Cursor: cursor, AllowRelated: allowRelated));
                total ??= page.Total;
                Assert.Equal(total, page.Total);
                paged.AddRange(page.Hits.Select(h => (h.Id, h.Score)));
                cursor = page.NextCursor;
            }
            while (cursor is not null);

            Assert.True(expected.Count > 6, $"only {expected.Count} matches: the test would prove little");
            Assert.Equal(expected.Count, total);
            Assert.Equal(expected, paged);
        }
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(2000.0, false)]
    public void PagedProfilesForAnOfferEqualABruteForceRanking(double? radiusOverride, bool allowRelated)
    {
        var random = new Random(5);
        var index = new InMemoryIndex(Esco, Graph, AreaOfCommune);
        var occupations = Esco.Occupations.Where(o => o.EssentialSkills.Length >= 4).Take(15).ToArray();
        var profiles = Enumerable.Range(0, 400).Select(i =>
        {
            var occupation = occupations[random.Next(occupations.Length)];
            return Profile($"p{i:D3}", occupation.EssentialSkills.Concat(occupation.OptionalSkills).Where(_ => random.Next(2) == 0).Select(id => Esco.Skills[id]),
                place: random.Next(10) == 0 ? null : new Place(43 + random.NextDouble() * 6, -1 + random.NextDouble() * 7),
                radiusKm: random.Next(50, 800), experienceYears: random.Next(3), wishes: random.Next(2) == 0 ? [] : [(ContractType)random.Next(1, 3)],
                searchable: random.Next(5) > 0);
        }).ToList();
        var rows = s_compiler.CompileProfiles(profiles);
        foreach (var row in rows)
        {
            index.Add(row);
        }

        var matches = 0;
        for (var q = 0; q < 5; q++)
        {
            var occupation = occupations[random.Next(occupations.Length)];
            var offer = Offer("q", occupation.EssentialSkills.Skip(1).Select(id => Esco.Skills[id]), occupation.OptionalSkills.Take(4).Select(id => Esco.Skills[id]),
                place: new Place(45 + random.NextDouble() * 2, 1 + random.NextDouble() * 3), contract: ContractType.Permanent, experience: ExperienceRequirement.Desired,
                mustHave: q % 2 == 0 ? [Esco.Skills[occupation.EssentialSkills[0]]] : null);
            var probe = s_compiler.CompileOfferProbe(offer);

            var expected = new List<(string Id, double Score)>();
            foreach (var row in rows.Where(r => r.Searchable))
            {
                double? distance = row.HasPlace ? Matching.Engine.Scoring.MatchScorer.DistanceKm(probe.Latitude, probe.Longitude, row.Latitude, row.Longitude) : null;
                var explanation = index.Explain(probe.Skills, row.Skills, allowRelated, distance, radiusOverride ?? row.RadiusKm, probe.Contract, row.ContractWishes, probe.Experience, null, row.ExperienceYears, placeUnknown: row.HasPlace != probe.HasPlace);
                var met = explanation.Matched.Concat(explanation.MatchedThroughRelated).Select(m => m.SkillUri).ToHashSet();
                var mustHaveMet = probe.Skills.Where(k => (k & Packed.MustHave) != 0).All(k => met.Contains(Esco.Skills[k & Packed.IdMask].Uri));
                if (mustHaveMet && explanation.Parts.Total > 0)
                {
                    expected.Add((row.Id, explanation.Parts.Total));
                }
            }
            expected = [.. expected.OrderByDescending(e => e.Score).ThenBy(e => e.Id, StringComparer.Ordinal)];

            var paged = new List<(string, double)>();
            string? cursor = null;
            do
            {
                var page = index.MatchProfiles(probe, new MatchOptions(Size: 7, Cursor: cursor, AllowRelated: allowRelated, RadiusKm: radiusOverride, SearchableOnly: true));
                Assert.Equal(expected.Count, page.Total);
                paged.AddRange(page.Hits.Select(h => (h.Id, h.Score)));
                cursor = page.NextCursor;
            }
            while (cursor is not null);

            Assert.Equal(expected, paged);
            matches += expected.Count;
        }
        Assert.True(matches > 40, $"only {matches} matches: the test would prove little");
    }

    [Fact]
    public void QueriesRunningWhileAnotherQueryRunsGetTheirOwnScratch()
    {
        var index = new InMemoryIndex(Esco, Graph, AreaOfCommune);
        var skills = UnlinkedSkills(4);
        foreach (var row in s_compiler.CompileOffers([.. Enumerable.Range(0, 200).Select(i => Offer($"o{i}", skills.Where((_, k) => (i >> k & 1) == 1).DefaultIfEmpty(skills[0])))]))
        {
            index.Add(row);
        }
        var probes = skills.Select(s => s_compiler.CompileProfileProbe(Profile("p", [s]))).ToArray();
        var expected = probes.Select(p => index.MatchOffers(p, new MatchOptions(Size: 50)).Hits.Select(h => h.Id).ToArray()).ToArray();

        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var page = index.MatchOffers(probes[i % 4], new MatchOptions(Size: 50));
            Assert.Equal(expected[i % 4], page.Hits.Select(h => h.Id));
        });
    }
}

public sealed class RadiusBoxTests
{
    [Fact]
    public void TheBoxExcludesOnlyPointsTheHaversinePutsBeyondTheRadius()
    {
        var random = new Random(11);
        var excluded = 0;
        for (var i = 0; i < 200_000; i++)
        {
            var lat = random.NextDouble() * 170 - 85;
            var lon = random.NextDouble() * 360 - 180;
            var radius = random.NextDouble() * 500;
            var otherLat = Math.Clamp(lat + (random.NextDouble() - 0.5) * 20, -90, 90);
            var otherLon = (lon + (random.NextDouble() - 0.5) * 40 + 540) % 360 - 180;
            var box = RadiusBox.Around(lat, radius);
            if (box.SurelyBeyond(lat, lon, otherLat, otherLon))
            {
                excluded++;
                Assert.True(Matching.Engine.Scoring.MatchScorer.DistanceKm(otherLat, otherLon, lat, lon) > radius, $"({lat}, {lon}) r={radius} excluded ({otherLat}, {otherLon})");
            }
            if (RadiusBox.LatitudesSurelyBeyond(lat, otherLat, radius))
            {
                Assert.True(Matching.Engine.Scoring.MatchScorer.DistanceKm(otherLat, otherLon, lat, lon) > radius);
            }
        }
        Assert.True(excluded > 100_000, "the box should exclude most far points");
    }
}
