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

        index.Offers.Compact();

        Assert.Equal(0, index.Offers.DeadCount);
        Assert.Equal(index.Offers.LiveCount, index.Offers.HighWater);
        var after = index.MatchOffers(probe, new MatchOptions(Size: 100));
        Assert.Equal(before.Total, after.Total);
        Assert.Equal(before.Hits.Select(h => (h.Id, h.Score)), after.Hits.Select(h => (h.Id, h.Score)));
        Assert.Equal(32, after.Total);
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
