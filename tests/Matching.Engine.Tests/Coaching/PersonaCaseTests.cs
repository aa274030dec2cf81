using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Diagnosis;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Coaching.Texts;
using Matching.Engine.Corpus;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing.Embedded;
using Xunit.Abstractions;

namespace Matching.Engine.Tests.Coaching;

/// <summary>
/// Coach as the first-start user meets it: the reference data, the default seeded store (the corpus of
/// <see cref="MatchingEngineOptions"/>'s defaults), and the whole coaching pipeline, shared by the persona tests.
/// </summary>
public sealed class SeededCoachFixture : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("coach-personas-").FullName;
    private EmbeddedMatchIndex? _index;

    public SeekerCoach Coach { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        var (referenceData, index) = await CoachTestData.OpenAsync(_root);
        _index = index;
        var data = await referenceData.Loaded;
        var defaults = new MatchingEngineOptions();
        var generator = new CorpusGenerator(data.Taxonomy, CorpusSources.From(data.Geography, data.Market.OfferCounts), defaults.SeedRandom);
        foreach (var batch in generator.Offers(defaults.SeedOffers).Chunk(2_000))
        {
            await _index.UpsertOffersAsync(batch);
        }
        foreach (var batch in generator.Profiles(defaults.SeedProfiles).Chunk(2_000))
        {
            await _index.UpsertProfilesAsync(batch);
        }
        Coach = new SeekerCoach(referenceData, _index);
    }

    public Task DisposeAsync()
    {
        _index?.Dispose();
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>
/// The persona cases (../shared/personas/cases.json and our own Coaching/PersonaCases.json): each seeker's
/// questionnaire run through Coach on the day the case was written for, judged as the adviser who wrote it
/// expects. They are examples of a judgement; the rules they exercise are pinned one by one in the engine tests.
/// </summary>
public sealed class PersonaCaseTests(SeededCoachFixture fixture, ITestOutputHelper output) : IClassFixture<SeededCoachFixture>
{
    private static readonly JsonSerializerOptions s_json = SeekerStore.JsonOptions;

    public static string SharedCases => Path.GetFullPath(Path.Combine(TaxonomyFixture.DataPath, "..", "personas", "cases.json"));

    public static string OwnCases => Path.Combine(AppContext.BaseDirectory, "Coaching", "PersonaCases.json");

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var file in new[] { SharedCases, OwnCases })
        {
            foreach (var node in JsonNode.Parse(File.ReadAllText(file))!.AsArray())
            {
                cases.Add(Path.GetFileName(Path.GetDirectoryName(file)!), node!["id"]!.GetValue<string>());
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_persona_gets_what_an_adviser_expects(string set, string id)
    {
        var file = set == "personas" ? SharedCases : OwnCases;
        var node = JsonNode.Parse(File.ReadAllText(file))!.AsArray().Single(n => n!["id"]!.GetValue<string>() == id)!;
        var today = DateOnly.Parse(node["today"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var profile = node["profile"].Deserialize<SeekerProfile>(s_json)!;
        var expect = node["expect"]!;
        Assert.Empty(SeekerProfileValidator.Validate(profile, today));

        var assessment = await fixture.Coach.AssessAsync(profile, today, "fr");

        var main = assessment.Diagnosis.MainChallenge?.Id();
        var shown = assessment.Advice.Where(a => a.Score > 0).Select(a => a.ModuleId).ToHashSet();
        output.WriteLine($"{id}: main {main}; advice {string.Join(", ", assessment.Advice.Select(a => $"{a.ModuleId} {a.Score}"))}; close jobs {assessment.CloseJobs.Count}");
        var problems = new List<string>();
        if (main is null || !Strings(expect["mainChallengeAnyOf"]).Contains(main))
        {
            problems.Add($"main challenge {main}, expected one of {string.Join(", ", Strings(expect["mainChallengeAnyOf"]))}");
        }
        problems.AddRange(Strings(expect["adviceMustInclude"]).Where(m => !shown.Contains(m)).Select(m => $"missing advice {m}"));
        problems.AddRange(Strings(expect["adviceMustNotInclude"]).Where(shown.Contains).Select(m => $"unwanted advice {m}"));
        if (expect["closeJobsNonEmpty"]?.GetValue<bool>() == true && assessment.CloseJobs.Count == 0)
        {
            problems.Add("no close job");
        }
        problems.AddRange(Strings(expect["questionsMustNotInclude"]).Where(f => assessment.Diagnosis.MissingAnswers.Any(q => q.Field == f)).Select(f => $"asks {f}"));
        // What the adviser reads: words no French sentence of the diagnosis or the advice may hold, and words one must.
        var diagnosis = assessment.Diagnosis.Localize(CoachTexts.French);
        var sentences = diagnosis.Categories.SelectMany(c => c.Reasons)
            .Concat(assessment.Advice.Localize(CoachTexts.French).SelectMany(a => a.Steps.Prepend(a.Reason)))
            .ToList();
        problems.AddRange(Strings(expect["textMustNotContain"]).SelectMany(w => sentences.Where(t => t.Contains(w, StringComparison.Ordinal)).Select(t => $"says \"{t}\"")));
        problems.AddRange(Strings(expect["textMustContain"]).Where(w => !sentences.Any(t => t.Contains(w, StringComparison.Ordinal))).Select(w => $"never says \"{w}\""));
        Assert.True(problems.Count == 0, $"{id}: {string.Join("; ", problems)}");
    }

    private static List<string> Strings(JsonNode? node) => node?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
}
