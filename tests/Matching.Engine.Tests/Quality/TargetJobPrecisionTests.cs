using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;
using Matching.Engine.Ingest;
using Matching.Engine.Tests.Coaching;
using Xunit.Abstractions;

namespace Matching.Engine.Tests.Quality;

/// <summary>
/// "A seeker types the job title and gives no skills: are the offers of that job on top?" (issue 10, item 8), on the
/// real offers of the development sample, as <c>../shared/tools/realmatch.py</c> measures it over HTTP but without
/// HTTP: the 1,976 offers read by the builder the API uses (places from the reference geography), an embedded index
/// holding nothing else, and for every job title (<c>appellationlibelle</c>) carried by at least 8 offers a seeker in
/// Paris (radius 1,000 km) who types that title, with 3 years in the job or with nothing else. An offer is relevant
/// when its <c>romeCode</c> is the one most offers of that title carry. P@10 over the 10 matches a seeker is shown,
/// MRR of the first relevant one. Deterministic: same data, same figures (docs/quality.md, "Reading a real offer").
/// </summary>
public sealed class TargetJobPrecisionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int MinOffersPerTitle = 8;
    private static readonly DateOnly s_today = new(2026, 12, 1);
    private readonly string _root = Directory.CreateTempSubdirectory("coach-target-job-").FullName;
    private EmbeddedMatchIndex _index = default!;
    private SeekerCoach _coach = default!;
    private Seekers.JobReadings _readings = default!;
    private readonly Dictionary<string, string> _romeOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _codesByTitle = new(StringComparer.Ordinal);
    // Per ROME code, its distinct postings (the same job at the same company and place counts once, as a seeker is shown it).
    private readonly Dictionary<string, HashSet<string>> _postingsByCode = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        var (referenceData, index) = await CoachTestData.OpenAsync(_root);
        _index = index;
        var data = await referenceData.Loaded;
        var builder = new OfferDocumentBuilder(data.Taxonomy, PlaceResolvers.From(data.Geography), () => data.OccupationClassifier.Value);
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(TaxonomyFixture.DataPath, "samples", "ft_offers_dev.json")))!.AsArray();
        var documents = new List<OfferDocument>();
        foreach (var node in sample)
        {
            using var json = JsonDocument.Parse(node!.ToJsonString());
            var document = builder.Build(OfferIngestReader.Read(json.RootElement)).Document!;
            documents.Add(document);
            var id = (string)node["id"]!;
            if (node["romeCode"]?.GetValue<string>() is { Length: > 0 } code)
            {
                _romeOf[id] = code;
                (_postingsByCode.TryGetValue(code, out var keys) ? keys : _postingsByCode[code] = []).Add(Seekers.OfferMatchViews.PostingKey(document));
                if (node["appellationlibelle"]?.GetValue<string>() is { Length: > 0 } title)
                {
                    (_codesByTitle.TryGetValue(title, out var codes) ? codes : _codesByTitle[title] = []).Add(code);
                }
            }
        }
        foreach (var batch in documents.Chunk(500))
        {
            await _index.UpsertOffersAsync(batch);
        }
        _coach = new SeekerCoach(referenceData, _index);
        _readings = new Seekers.JobReadings(referenceData, _coach);
    }

    public Task DisposeAsync()
    {
        _index.Dispose();
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_seeker_who_types_a_job_gets_that_jobs_offers_on_top()
    {
        var titles = _codesByTitle.Where(t => t.Value.Count >= MinOffersPerTitle).Select(t => t.Key).Order(StringComparer.Ordinal).ToList();
        Assert.True(titles.Count >= 30, $"{titles.Count} titles");

        var experienced = await MeasureAsync(titles, years: 3);
        var bare = await MeasureAsync(titles, years: null);

        // The best a page of 10 can do once repeated postings are shown once: fewer than 10 distinct postings of the job cap it.
        var ceiling = titles.Average(t => Math.Min(10, _postingsByCode[Relevant(t)].Count) / 10.0);
        output.WriteLine($"{titles.Count} titles, {_romeOf.Count} offers; the best P@10 possible with each posting shown once: {ceiling:F3}");
        output.WriteLine($"3 years in the job: answered {experienced.Answered:P1}, P@10 {experienced.P10:F3}, MRR {experienced.Mrr:F3}");
        output.WriteLine($"only the job typed: answered {bare.Answered:P1}, P@10 {bare.P10:F3}, MRR {bare.Mrr:F3}");
        foreach (var title in titles)
        {
            output.WriteLine($"  {experienced.PerTitle[title],4:F1} {bare.PerTitle[title],4:F1}  {title}");
            if (bare.PerTitle[title] < 0.8)
            {
                output.WriteLine($"        only the job typed: {bare.Why[title]}");
            }
            if (experienced.PerTitle[title] < 0.8)
            {
                output.WriteLine($"        3 years in the job: {experienced.Why[title]}");
            }
        }
        // The same seekers through the questionnaire: the title typed in lower case in its first gender form ("aide-soignant"),
        // saved as the questionnaire saves what it understood first (a ROME 4.0 title, its sheet and occupation).
        var typed = titles.ToDictionary(t => t, t => Matching.Engine.Text.TextNormalizer.GenderForms(t)[0].ToLowerInvariant(), StringComparer.Ordinal);
        var asSaved = await MeasureAsync(titles, years: null, t => _readings.Target(typed[t], null, "fr")!);
        var asSavedExperienced = await MeasureAsync(titles, years: 3, t => _readings.Target(typed[t], null, "fr")!);
        output.WriteLine($"through the questionnaire, only the job typed: P@10 {asSaved.P10:F3}, MRR {asSaved.Mrr:F3}; 3 years: P@10 {asSavedExperienced.P10:F3}, MRR {asSavedExperienced.Mrr:F3}");
        foreach (var title in titles.Where(t => asSaved.PerTitle[t] < bare.PerTitle[t]))
        {
            output.WriteLine($"  lower through the questionnaire ({typed[title]} -> {_readings.Target(typed[title], null, "fr")}): {asSaved.PerTitle[title]:F1} < {bare.PerTitle[title]:F1}  {asSaved.Why[title]}");
        }
        Assert.True(asSaved.P10 >= 0.83, $"P@10 through the questionnaire (only the job typed) {asSaved.P10:F3}");
        Assert.True(asSavedExperienced.P10 >= 0.87, $"P@10 through the questionnaire (3 years in the job) {asSavedExperienced.P10:F3}");

        // Floors just under the figures measured on 1 Dec 2026 with the occupation factor (0.841 and 0.885; skills alone: 0.723
        // and 0.641, docs/quality.md); the issue's target is P@10 ≥ 0.8.
        Assert.True(bare.P10 >= 0.83, $"P@10 (only the job typed) {bare.P10:F3}");
        Assert.True(experienced.P10 >= 0.87, $"P@10 (3 years in the job) {experienced.P10:F3}");
        Assert.Equal(1.0, experienced.Answered);
    }

    /// <summary>The ROME code most offers of the title carry (the first met on a tie, as realmatch.py's Counter does).</summary>
    private string Relevant(string title) => _codesByTitle[title].CountBy(c => c).OrderByDescending(g => g.Value).First().Key;

    private sealed record Measure(double Answered, double P10, double Mrr, IReadOnlyDictionary<string, double> PerTitle, IReadOnlyDictionary<string, string> Why);

    private async Task<Measure> MeasureAsync(IReadOnlyList<string> titles, double? years, Func<string, TargetJob>? target = null)
    {
        double answered = 0, p10 = 0, mrr = 0;
        var perTitle = new Dictionary<string, double>(StringComparer.Ordinal);
        var why = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var title in titles)
        {
            var rome = Relevant(title);
            var profile = new SeekerProfile
            {
                Id = "seeker",
                TargetJobs = [target?.Invoke(title) ?? new TargetJob(title)],
                Commune = "75056",
                RadiusKm = 1000,
                YearsOfExperienceInTarget = years,
            };
            var assessment = await _coach.AssessAsync(profile, s_today, "fr");
            var got = assessment.Matches.Hits.Select(h => _romeOf.GetValueOrDefault(h.Id)).ToList();
            answered += got.Count > 0 ? 1 : 0;
            var precision = got.Take(10).Count(c => c == rome) / 10.0;
            perTitle[title] = precision;
            why[title] = $"{rome} ({_romeOf.Values.Count(c => c == rome)} offers, {_postingsByCode[rome].Count} distinct postings); understood {string.Join("/", assessment.Profile.TargetRomeCodes)}; top: " +
                string.Join(" ", assessment.Matches.Hits.Take(10).Select(h => $"{_romeOf.GetValueOrDefault(h.Id)}:{h.Score:F2}x{h.Explanation.Parts.Occupation:F1}"));
            p10 += precision;
            var first = got.IndexOf(rome);
            mrr += first < 0 ? 0 : 1.0 / (first + 1);
        }
        return new Measure(answered / titles.Count, p10 / titles.Count, mrr / titles.Count, perTitle, why);
    }
}
