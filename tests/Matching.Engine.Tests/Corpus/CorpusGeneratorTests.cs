using System.Text.Json;
using Matching.Engine.Corpus;
using Matching.Engine.Indexing;
using Matching.Engine.Market;

namespace Matching.Engine.Tests.Corpus;

public sealed class CorpusGeneratorTests
{
    private const int Sample = 50_000;

    private static readonly Lazy<OfferDocument[]> s_sample = new(() => [.. CorpusFixture.Generator(7).Offers(Sample)]);

    [Fact]
    public void Same_seed_gives_the_same_first_100_documents()
    {
        var first = CorpusFixture.Generator(42);
        var second = CorpusFixture.Generator(42);

        Assert.Equal(Json(first.Offers(100)), Json(second.Offers(100)));
        Assert.Equal(Json(first.Profiles(100)), Json(second.Profiles(100)));
    }

    [Fact]
    public void A_stream_does_not_depend_on_what_else_ran()
    {
        var generator = CorpusFixture.Generator(42);
        var alone = Json(generator.Offers(100));

        _ = generator.Profiles(500).Count();
        _ = generator.Offers(1_000).Count();

        Assert.Equal(alone, Json(generator.Offers(100)));
        // A longer stream starts with the shorter one.
        Assert.Equal(alone, Json(generator.Offers(1_000).Take(100)));
    }

    [Fact]
    public void Different_seeds_give_different_documents()
    {
        var a = CorpusFixture.Generator(1).Offers(100).ToList();
        var b = CorpusFixture.Generator(2).Offers(100).ToList();

        Assert.NotEqual(Json(a.Select(o => o with { Id = "" })), Json(b.Select(o => o with { Id = "" })));
        Assert.Equal("gen-o-1-0", a[0].Id);
        Assert.Equal("gen-o-2-99", b[99].Id);
        Assert.Equal("gen-p-3-5", CorpusFixture.Generator(3).Profiles(6).Last().Id);
    }

    [Fact]
    public void Top_rome_codes_follow_the_real_counts()
    {
        var generator = CorpusFixture.Generator(7);
        var real = CorpusFixture.Sources.OfferCounts
            .Where(c => TaxonomyFixture.Taxonomy.RomeJob(c.RomeCode) is { Occupations.Length: > 0 })
            .GroupBy(c => c.RomeCode)
            .Select(g => (Code: g.Key, Count: g.Sum(c => (long)c.Count)))
            .OrderByDescending(c => c.Count)
            .ToList();
        var realTotal = real.Sum(c => c.Count);
        var generated = s_sample.Value.GroupBy(o => o.RomeCode!).ToDictionary(g => g.Key, g => g.Count());
        var generatedTop = generated.OrderByDescending(kv => kv.Value).Take(5).Select(kv => kv.Key).ToList();
        var realTop10 = real.Take(10).Select(c => c.Code).ToList();

        Assert.All(generatedTop, code => Assert.Contains(code, realTop10));
        foreach (var (code, count) in real.Take(5))
        {
            var expected = (double)count / realTotal;
            var actual = (double)generated.GetValueOrDefault(code) / Sample;
            Assert.InRange(actual, expected * 0.85, expected * 1.15);
        }
        Assert.True(generator.UnmappedOffers < generator.CountedOffers / 10, $"{generator.UnmappedOffers} of {generator.CountedOffers} offers have no ESCO occupation");
    }

    [Theory]
    [InlineData("75")]
    [InlineData("69")]
    [InlineData("13")]
    public void Share_of_offers_in_a_big_departement_matches_the_real_counts(string departement)
    {
        var sources = CorpusFixture.Sources;
        var communes = sources.Communes.ToDictionary(c => c.Code);
        var population = sources.Communes.Sum(c => (double)c.Population);
        var departementPopulation = sources.Communes.Where(c => c.Departement == departement).Sum(c => (double)c.Population);
        double total = 0, expected = 0;
        foreach (var count in sources.OfferCounts.Where(c => TaxonomyFixture.Taxonomy.RomeJob(c.RomeCode) is { Occupations.Length: > 0 }))
        {
            total += count.Count;
            if (count.CommuneInsee is null)
            {
                // Offers without a commune are spread by population.
                expected += count.Count * departementPopulation / population;
            }
            else if (count.CommuneInsee.StartsWith(departement, StringComparison.Ordinal))
            {
                expected += count.Count;
            }
        }
        expected /= total;

        var actual = s_sample.Value.Count(o => communes[o.Place!.CommuneCode!].Departement == departement) / (double)Sample;

        Assert.InRange(actual, expected * 0.85, expected * 1.15);
    }

    [Fact]
    public void Contract_mix_follows_the_france_travail_shares()
    {
        var offers = s_sample.Value;

        Assert.InRange(offers.Count(o => o.Contract == ContractType.Permanent) / (double)Sample, 0.42, 0.48);
        Assert.InRange(offers.Count(o => o.Contract == ContractType.FixedTerm) / (double)Sample, 0.27, 0.33);
        Assert.InRange(offers.Count(o => o.Contract == ContractType.Temporary) / (double)Sample, 0.15, 0.21);
        Assert.Contains(offers, o => o.Experience == ExperienceRequirement.Required && o.ExperienceYears is > 0);
    }

    [Fact]
    public void Every_generated_skill_and_occupation_exists_in_the_taxonomy()
    {
        var taxonomy = TaxonomyFixture.Taxonomy;
        var generator = CorpusFixture.Generator(11);

        foreach (var offer in generator.Offers(2_000))
        {
            var occupation = taxonomy.OccupationByUri(offer.OccupationUri!);
            Assert.NotNull(occupation);
            Assert.Contains(offer.RomeCode!, occupation.RomeCodes);
            Assert.NotEmpty(offer.Skills);
            Assert.All(offer.Skills, s => Assert.NotNull(taxonomy.SkillByUri(s.SkillUri)));
            // Essential demands come from the occupation's essential skills, optional from its optional ones.
            var essential = occupation.EssentialSkills.Select(id => taxonomy.Skills[id].Uri).ToHashSet();
            Assert.All(offer.Skills.Where(s => s.Importance == SkillImportance.Essential), s => Assert.Contains(s.SkillUri, essential));
            Assert.All(offer.Skills.Where(s => s.MustHave), s => Assert.Equal(SkillImportance.Essential, s.Importance));
        }
        foreach (var profile in generator.Profiles(2_000))
        {
            Assert.NotNull(taxonomy.OccupationByUri(Assert.Single(profile.TargetOccupationUris)));
            Assert.NotEmpty(profile.Skills);
            Assert.All(profile.Skills, s => Assert.NotNull(taxonomy.SkillByUri(s.SkillUri)));
            Assert.Equal(profile.Skills.Count, profile.Skills.Select(s => s.SkillUri).Distinct().Count());
        }
    }

    [Fact]
    public void Profiles_keep_most_essential_skills_and_add_unrelated_ones()
    {
        var taxonomy = TaxonomyFixture.Taxonomy;
        double kept = 0, essential = 0, unrelated = 0, skills = 0;
        var profiles = CorpusFixture.Generator(5).Profiles(5_000).ToList();
        foreach (var profile in profiles)
        {
            var occupation = taxonomy.OccupationByUri(profile.TargetOccupationUris[0])!;
            var own = occupation.EssentialSkills.Concat(occupation.OptionalSkills).Select(id => taxonomy.Skills[id].Uri).ToHashSet();
            var essentialUris = occupation.EssentialSkills.Select(id => taxonomy.Skills[id].Uri).ToHashSet();
            essential += essentialUris.Count;
            kept += profile.Skills.Count(s => essentialUris.Contains(s.SkillUri));
            unrelated += profile.Skills.Count(s => !own.Contains(s.SkillUri));
            skills += profile.Skills.Count;
        }

        Assert.InRange(kept / essential, 0.66, 0.74);
        Assert.InRange(unrelated / essential, 0.17, 0.23);
        Assert.InRange(profiles.Count(p => p.Searchable) / (double)profiles.Count, 0.77, 0.83);
        Assert.All(profiles, p => Assert.InRange(p.RadiusKm, 10, 100));
        Assert.All(profiles, p => Assert.InRange(p.ExperienceYears, 0, 25));
        Assert.Contains(profiles, p => p.ContractWishes.Count == 0);
        Assert.Contains(profiles, p => p.ContractWishes.Count > 0);
        Assert.Equal(3, profiles.SelectMany(p => p.Skills).Select(s => s.Evidence).Distinct().Count());
    }

    [Fact]
    public void Coordinates_are_in_france()
    {
        var generator = CorpusFixture.Generator(13);
        var places = generator.Offers(5_000).Select(o => o.Place!).Concat(generator.Profiles(5_000).Select(p => p.Place!));

        Assert.All(places, p => Assert.True(InFrance(p.Latitude, p.Longitude), $"{p.CommuneCode} at {p.Latitude}, {p.Longitude}"));
    }

    [Fact]
    public void A_negative_count_is_rejected_naming_the_argument()
    {
        var generator = CorpusFixture.Generator(1);

        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => generator.Offers(-1)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => generator.Profiles(-1)).ParamName);
    }

    [Fact]
    public void Counts_without_a_known_rome_code_or_place_still_generate()
    {
        CorpusCommune[] communes = [new("01001", "A", 46.15, 4.93, 800, "01"), new("01002", "B", 46.0, 5.42, 200, "01")];
        OfferCount[] counts = [new(null, "M1805", 3), new("01999", "M1805", 2), new("01001", "ZZ999", 5)];

        var generator = new CorpusGenerator(TaxonomyFixture.Taxonomy, communes, counts, 3);
        var offers = generator.Offers(200).ToList();

        Assert.Equal(10, generator.CountedOffers);
        Assert.Equal(5, generator.UnmappedOffers);
        Assert.All(offers, o => Assert.Equal("M1805", o.RomeCode));
        Assert.All(offers, o => Assert.Contains(o.Place!.CommuneCode, new[] { "01001", "01002" }));
    }

    [Fact]
    public void Counts_that_map_to_no_occupation_are_a_clear_error()
    {
        CorpusCommune[] communes = [new("01001", "A", 46.15, 4.93, 800, "01")];

        var error = Assert.Throws<ArgumentException>(() => new CorpusGenerator(TaxonomyFixture.Taxonomy, communes, [new("01001", "ZZ999", 5)], 1));

        Assert.Equal("offerCounts", error.ParamName);
    }

    private static bool InFrance(double lat, double lon) =>
        (lat is >= 41.3 and <= 51.1 && lon is >= -5.2 and <= 9.6) // metropolitan France and Corsica
        || (lat is >= 15.8 and <= 16.6 && lon is >= -61.9 and <= -61.0) // Guadeloupe
        || (lat is >= 14.3 and <= 14.9 && lon is >= -61.3 and <= -60.8) // Martinique
        || (lat is >= 2.1 and <= 5.8 && lon is >= -54.6 and <= -51.6) // Guyane
        || (lat is >= -21.4 and <= -20.8 && lon is >= 55.2 and <= 55.9) // La Réunion
        || (lat is >= -13.1 and <= -12.6 && lon is >= 45.0 and <= 45.3); // Mayotte

    private static string Json<T>(IEnumerable<T> documents) => JsonSerializer.Serialize(documents.ToList());
}
