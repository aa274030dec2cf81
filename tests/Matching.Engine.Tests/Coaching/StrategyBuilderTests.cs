using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Advice;
using Matching.Engine.Coaching.Diagnosis;
using Matching.Engine.Coaching.Questionnaire;
using static Matching.Engine.Tests.Coaching.Personas;

namespace Matching.Engine.Tests.Coaching;

public sealed class StrategyBuilderTests
{
    private static (SeekerDiagnosis Diagnosis, IReadOnlyList<ScoredAdvice> Advice) Run(SeekerProfile profile, MarketFacts market)
    {
        var diagnosis = DiagnosisEngine.Diagnose(profile, market, Today);
        return (diagnosis, AdviceEngine.Advise(profile, market, diagnosis, Today));
    }

    [Fact]
    public void Templates_only_name_existing_modules()
    {
        var modules = AdviceEngine.Modules.Select(m => m.Id).ToHashSet();
        Assert.All(StrategyBuilder.Templates, t => Assert.Subset(modules, t.Required.Concat(t.Optional).ToHashSet()));
        Assert.Equal(StrategyBuilder.Templates.Count, StrategyBuilder.Templates.Select(t => t.Id).Distinct().Count());
    }

    [Fact]
    public void A_strategy_is_dropped_when_a_required_advice_is_missing()
    {
        var (diagnosis, advice) = Run(YoungBeginner, Tough);
        var strategies = StrategyBuilder.Build(advice, diagnosis);
        Assert.Contains(strategies, s => s.Id == "widen-search");

        var withoutCommute = advice.Where(a => a.ModuleId != "commute").ToList();
        var dropped = StrategyBuilder.Build(withoutCommute, diagnosis);
        Assert.DoesNotContain(dropped, s => s.Id == "widen-search");
        // Strategies that only take commute along as optional keep going.
        Assert.Contains(dropped, s => s.Id == "open-other-doors");
    }

    [Fact]
    public void A_strategy_takes_its_optional_advice_along_when_given()
    {
        var (diagnosis, advice) = Run(YoungBeginner, Tough);
        var widen = StrategyBuilder.Build(advice, diagnosis).Single(s => s.Id == "widen-search");
        Assert.Equal(["commute", "driving-licence", "other-work-environments"], widen.Advice.Select(a => a.ModuleId));
        Assert.Equal(widen.Advice.Sum(a => a.Score), widen.Score);
    }

    [Fact]
    public void No_advice_appears_twice_on_a_page_later_strategies_reference_it()
    {
        var (diagnosis, advice) = Run(YoungBeginner, Tough);
        var strategies = StrategyBuilder.Build(advice, diagnosis).ToList();
        var shown = strategies.SelectMany(s => s.Advice).Select(a => a.ModuleId).ToList();
        Assert.Equal(shown.Distinct().Count(), shown.Count);
        // Every reference points at a strategy of the page, placed before, that shows the advice.
        var references = strategies.SelectMany((s, i) => s.SeeAlso.Select(r => (r, i))).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, x =>
        {
            var owner = strategies.FindIndex(s => s.Id == x.r.StrategyId);
            Assert.InRange(owner, 0, x.i - 1);
            Assert.Contains(strategies[owner].Advice, a => a.ModuleId == x.r.ModuleId);
        });
        Assert.All(strategies, s => Assert.Equal(s.Advice.Sum(a => a.Score), s.Score));
    }

    [Fact]
    public void A_strategy_left_with_nothing_of_its_own_is_dropped()
    {
        var (diagnosis, advice) = Run(YoungBeginner, Tough);
        var strategies = StrategyBuilder.Build(advice, diagnosis);
        Assert.All(strategies, s => Assert.NotEmpty(s.Advice));
        // "test-before-committing" needs explore-riasec and volunteer, which "find-your-path" shows first.
        Assert.DoesNotContain(strategies, s => s.Id == "test-before-committing" && s.Advice.Count == 0);
    }

    [Fact]
    public void Strategies_of_the_main_challenge_come_first()
    {
        var (diagnosis, advice) = Run(Settled with { InterviewsSoFar = 1, OffersReceived = 0, ApplicationsSoFar = 40, ContractWishes = [global::Matching.Engine.Indexing.ContractType.Permanent] }, Healthy);
        Assert.Equal(DiagnosisCategory.EnhanceInterviews, diagnosis.MainChallenge);
        var strategies = StrategyBuilder.Build(advice, diagnosis);
        Assert.Equal("make-applications-count", strategies[0].Id);
        Assert.Contains(strategies, s => s.Category == DiagnosisCategory.StuckMarket);
        Assert.Equal(DiagnosisCategory.EnhanceInterviews, strategies[0].Category);
        Assert.NotEqual(DiagnosisCategory.EnhanceInterviews, strategies[^1].Category);
    }

    [Fact]
    public void A_settled_seeker_gets_no_strategy_that_needs_absent_advice()
    {
        var (diagnosis, advice) = Run(Settled, Healthy);
        var strategies = StrategyBuilder.Build(advice, diagnosis);
        var given = advice.Select(a => a.ModuleId).ToHashSet();
        Assert.All(strategies, s => Assert.Subset(given, StrategyBuilder.Templates.Single(t => t.Id == s.Id).Required.ToHashSet()));
        Assert.Empty(strategies);
    }
}
