using System.Text.Json;
using Matching.Engine.Coaching.Advice;
using Matching.Engine.Coaching.Diagnosis;
using Matching.Engine.Ranking;
using Matching.Engine.Reviews;
using Xunit.Abstractions;

namespace Matching.Engine.Tests.Ranking;

/// <summary>
/// How many reviews the advice ranking needs: generated reviews with a planted adviser habit (for a stuck market or a
/// search to start, they raise "network" by one and lower "events" by one), a learning curve over the number of
/// reviews. docs/quality.md records the figures.
/// </summary>
public sealed class AdviceRankingTests(ITestOutputHelper output) : IDisposable
{
    private static readonly DateTimeOffset s_t0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"coach-advice-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void The_advice_ranking_learns_a_planted_habit_from_enough_reviews_and_is_not_used_on_thin_data()
    {
        using var store = new ReviewStore(_path);
        var rows = Generate(store, 1600, seed: 3);
        var curve = new List<(int Reviews, RankingEvaluation Evaluation)>();
        foreach (var n in new[] { 50, 100, 200, 400, 800, 1600 })
        {
            var subset = rows.Where(r => r.ReviewId <= n).ToList();
            var report = AdviceRanking.Train(subset, modelDirectory: null, s_t0);
            curve.Add((n, report.Evaluation));
            output.WriteLine($"{n,5} reviews: {report.Dataset.Changed} changed scores, {report.Dataset.Groups} groups; {report.Evaluation}");
        }

        Assert.False(curve[0].Evaluation.BeatsBaseline, "50 reviews are too thin to be trusted");
        Assert.False(curve[1].Evaluation.BeatsBaseline, "100 reviews are too thin to be trusted");
        Assert.True(curve[^1].Evaluation.BeatsBaseline, curve[^1].Evaluation.Decision);
    }

    [Fact]
    public void A_winning_advice_model_reorders_only_within_an_engine_score()
    {
        using var store = new ReviewStore(_path);
        var rows = Generate(store, 1600, seed: 3);
        var models = Path.Combine(Path.GetTempPath(), $"coach-advice-models-{Guid.NewGuid():N}");
        try
        {
            var report = AdviceRanking.Train(rows, models, s_t0);
            Assert.True(report.Card?.Active, report.Evaluation.Decision);
            var ranking = new AdviceRanking(models);
            Assert.NotNull(ranking.ActiveModel);

            ScoredAdvice A(string module, int score) => new(module, score, DiagnosisCategory.StuckMarket, Matching.Engine.Coaching.Texts.TextRef.Of("x"), []);
            IReadOnlyList<ScoredAdvice> engine = [A("events", 2), A("commute", 2), A("network", 2), A("relocate", 1)];
            var served = ranking.Reorder(engine, DiagnosisCategory.StuckMarket);

            Assert.Equal(engine.Select(a => a.Score), served.Select(a => a.Score));
            Assert.Equal("network", served[0].ModuleId);
            Assert.Equal("relocate", served[^1].ModuleId);
        }
        finally
        {
            Directory.Delete(models, recursive: true);
        }
    }

    /// <summary>Reviews of generated snapshots, through the store, with the planted habit and a little noise.</summary>
    private static IReadOnlyList<AdviceReviewRow> Generate(ReviewStore store, int count, int seed)
    {
        var random = new Random(seed);
        var modules = AdviceEngine.Modules;
        var challenges = Enum.GetValues<DiagnosisCategory>();
        for (var n = 1; n <= count; n++)
        {
            var main = challenges[random.Next(challenges.Length)];
            var shown = modules.Select((m, order) => (m, order)).Where(_ => random.NextDouble() < 0.4)
                .Select(p => (p.m.Id, Score: 1 + random.Next(3), p.order, Serves: p.m.Category == main))
                .OrderByDescending(a => a.Score).ThenBy(a => a.Serves ? 0 : 1).ThenBy(a => a.order)
                .ToList();
            var snapshot = JsonSerializer.Serialize(new
            {
                mainChallenge = main.ToString(),
                advice = shown.Select(a => new { moduleId = a.Id, score = a.Score }),
            });
            var seeker = $"gen-seeker-{n}";
            store.Enqueue(seeker, snapshot, s_t0.AddMinutes(n));
            var habit = main is DiagnosisCategory.StuckMarket or DiagnosisCategory.StartYourSearch;
            var reviews = shown.Select(a =>
            {
                var score = a.Score;
                if (habit && a.Id == "network")
                {
                    score = Math.Min(3, score + 1);
                }
                if (habit && a.Id == "events")
                {
                    score = Math.Max(0, score - 1);
                }
                if (random.NextDouble() < 0.05)
                {
                    score = Math.Clamp(score + (random.Next(2) == 0 ? -1 : 1), 0, 3);
                }
                return new AdviceReview(a.Id, score);
            }).ToList();
            store.Submit(seeker, new Review(ReviewGrade.GoodEnough, null, null, reviews, "gen-adviser", s_t0.AddMinutes(n)));
        }
        return store.AdviceReviewRows();
    }
}
