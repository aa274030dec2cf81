using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;
using Matching.Engine.Privacy;
using Matching.Engine.Ranking;
using Matching.Engine.Reviews;
using Matching.Engine.Tests.Corpus;
using Xunit.Abstractions;

namespace Matching.Engine.Tests.Ranking;

/// <summary>
/// The offer ranking's loop on generated advisers with a planted preference: feedback written through the real stores,
/// <see cref="OfferRankingTraining"/> as <c>coach train ranking</c> runs it, the saved model read back by the engine.
/// Figures are printed (docs/quality.md records them).
/// </summary>
public sealed class FeedbackLoopTests(FeedbackLoopTests.Corpus corpus, ITestOutputHelper output) : IClassFixture<FeedbackLoopTests.Corpus>
{
    private static readonly int s_permanent = PairFeatures.IndexOf("offer_permanent");

    [Fact]
    public async Task The_loop_recovers_a_planted_preference_for_permanent_contracts_and_the_engine_then_uses_the_model()
    {
        using var run = await corpus.RunAsync(PlantedPreference.Permanent);
        var report = run.Report;
        Print(report);

        Assert.True(report.Evaluation.BeatsBaseline, report.Evaluation.Decision);
        Assert.True(report.Evaluation.ModelNdcgAt10 > report.Evaluation.BaselineNdcgAt10 + 0.02,
            $"model {report.Evaluation.ModelNdcgAt10:F3} vs scorer {report.Evaluation.BaselineNdcgAt10:F3}");

        // Recovered: on held-out groups, turning an offer into a CDI (all else equal) raises the model's score.
        var held = report.Groups.Where(g => RankingTrainer.IsHeldOut(g.Id, new RankingTrainingOptions().TestShare)).ToList();
        var pairs = held.SelectMany(g => g.Examples).Where(e => e.Features[s_permanent] == 0).Take(300).ToList();
        var model = RankingModels.LoadActive(run.Models, RankingModels.Offers, PairFeatures.Version);
        Assert.NotNull(model);
        var before = model.Score([.. pairs.Select(e => e.Features)]);
        var after = model.Score([.. pairs.Select(e => Flip(e.Features))]);
        var raised = pairs.Where((_, i) => after[i] > before[i]).Count() / (double)pairs.Count;
        output.WriteLine($"non-CDI held-out pairs made CDI: score raised for {raised:P1} of {pairs.Count}");
        Assert.True(raised > 0.9, $"only {raised:P1} raised");

        // And the ranking shows it: more CDI in the model's top 3 than in the scorer's, on the same held-out lists.
        double Share(Func<RankingGroup, IEnumerable<RankingExample>> order) =>
            held.SelectMany(g => order(g).Take(3)).Average(e => e.Features[s_permanent]);
        var scorerShare = Share(g => g.Examples);
        var modelShare = Share(g => RankingTrainer.Order(g.Examples, model.Score([.. g.Examples.Select(e => e.Features)])));
        output.WriteLine($"CDI share of the top 3: scorer {scorerShare:P1}, model {modelShare:P1}");
        Assert.True(modelShare > scorerShare + 0.1);

        // The engine re-orders a seeker's first page with it, and says so in each hit's parts.
        var ranking = new OfferRanking(run.Impressions, run.Models, TimeProvider.System);
        Assert.Equal(report.Card!.Version, ranking.ActiveModel?.Version);
        var seeker = corpus.Seekers.First(s => held.Any(g => g.Id == "seeker:" + s.Id));
        var page = await corpus.Index.MatchOffersAsync(seeker, new MatchOptions(20));
        var offers = await OfferRanking.OffersAsync(corpus.Index, page);
        var reranked = ranking.Rerank(seeker, page, offers, tension: null);
        Assert.Equal(page.Hits.Select(h => h.Id).Order(), reranked.Hits.Select(h => h.Id).Order());
        Assert.Equal(page.NextCursor, reranked.NextCursor);
        Assert.All(reranked.Hits, (h, i) => Assert.Equal(i + 1, h.Explanation.Parts.Learned?.Rank));
        Assert.All(reranked.Hits, h => Assert.Equal(page.Hits.ToList().FindIndex(p => p.Id == h.Id) + 1, h.Explanation.Parts.Learned!.ScorerRank));
        Assert.NotEqual(page.Hits.Select(h => h.Id), reranked.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task Advisers_who_agree_with_the_scorer_give_a_model_that_does_not_win_and_is_not_used()
    {
        using var run = await corpus.RunAsync(PlantedPreference.None);
        Print(run.Report);

        Assert.False(run.Report.Evaluation.BeatsBaseline, run.Report.Evaluation.Decision);
        Assert.NotNull(run.Report.Card);
        Assert.False(run.Report.Card.Active);
        Assert.Null(RankingModels.LoadActive(run.Models, RankingModels.Offers, PairFeatures.Version));

        var ranking = new OfferRanking(run.Impressions, run.Models, TimeProvider.System);
        Assert.Null(ranking.ActiveModel);
        var seeker = corpus.Seekers[0];
        var page = await corpus.Index.MatchOffersAsync(seeker, new MatchOptions(20));
        Assert.Same(page, ranking.Rerank(seeker, page, await OfferRanking.OffersAsync(corpus.Index, page), tension: null));
    }

    [Fact]
    public async Task Training_is_deterministic()
    {
        using var run = await corpus.RunAsync(PlantedPreference.Near);
        Print(run.Report);
        var again = RankingTrainer.Train(run.Report.Groups, PairFeatures.Count);

        Assert.Equal(run.Report.Evaluation, again.Evaluation);
        var group = run.Report.Groups[0];
        Assert.Equal(run.Report.Trained.Score(group, PairFeatures.Count), again.Score(group, PairFeatures.Count));
    }

    private static float[] Flip(float[] features)
    {
        var copy = (float[])features.Clone();
        copy[s_permanent] = 1;
        copy[PairFeatures.IndexOf("offer_short_contract")] = 0;
        return copy;
    }

    private void Print(OfferRankingReport report)
    {
        output.WriteLine($"dataset: {report.Dataset}");
        output.WriteLine($"evaluation: {report.Evaluation}");
    }

    /// <summary>A generated corpus in an embedded index, shared by the tests; each run writes its feedback to its own store.</summary>
    public sealed class Corpus : IAsyncLifetime
    {
        public const int Offers = 6_000;
        public const int SeekerCount = 600;

        private readonly string _directory = Path.Combine(Path.GetTempPath(), "coach-ranking-" + Guid.NewGuid().ToString("N"));
        private EmbeddedMatchIndex? _index;

        public IMatchIndex Index => _index!;

        public IReadOnlyList<ProfileDocument> Seekers { get; private set; } = [];

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(_directory);
            _index = EmbeddedMatchIndex.Open(Path.Combine(_directory, "index.db"), TaxonomyFixture.Taxonomy, _ => null, _ => null);
            var generator = CorpusFixture.Generator(14);
            await _index.UpsertOffersAsync([.. generator.Offers(Offers)]);
            // Seekers without a target job, so the scorer shown to the advisers ranks by the fit alone. The preferences are
            // planted on the scorer's total; with a target, the occupation factor (the job asked ×4 over another job) outweighs
            // a CDI's ×2 in most pairs shown, and at 600 seekers too few held-out groups change for the sign test (measured
            // 1 Dec 2026: 36 better, 25 worse, model not used though 0.976 vs 0.958). The loop, not the factor, is tested here.
            Seekers = [.. generator.Profiles(SeekerCount).Select(p => p with { TargetOccupationUris = [], TargetRomeCodes = [] })];
        }

        /// <summary>Generates feedback with the preference into a new store and trains on it.</summary>
        public async Task<Run> RunAsync(PlantedPreference preference)
        {
            var store = Path.Combine(_directory, $"feedback-{preference.Name}-{Guid.NewGuid():N}.db");
            var impressions = new ImpressionLog(store);
            var reviews = new ReviewStore(store);
            var contacts = new ContactRequests(new PrivacyDatabase(store), TimeProvider.System);
            await new FeedbackGenerator(Index, tension: null, seed: 5).GenerateAsync(Seekers, preference, impressions, reviews, contacts);
            var models = Path.Combine(_directory, "models-" + Path.GetFileNameWithoutExtension(store));
            var report = OfferRankingTraining.Run(impressions, reviews, contacts, models, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
            return new Run(report, impressions, reviews, models);
        }

        public Task DisposeAsync()
        {
            _index?.Dispose();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A pooled SQLite handle may linger a moment; the temp folder is not worth failing a test.
            }
            return Task.CompletedTask;
        }
    }

    public sealed record Run(OfferRankingReport Report, ImpressionLog Impressions, ReviewStore Reviews, string Models) : IDisposable
    {
        public void Dispose()
        {
            Impressions.Dispose();
            Reviews.Dispose();
        }
    }
}
