using Matching.Engine.Taxonomy;
using Xunit.Abstractions;
using TitleReader = Matching.Engine.Taxonomy.TitleUnderstanding;

namespace Matching.Engine.Tests.TitleUnderstanding;

public sealed class TitleUnderstandingEvaluationTests(ITestOutputHelper output)
{
    [Fact]
    public void HoldsOutAboutOneLabelInFive()
    {
        var labels = TitleReader.Labels(TaxonomyFixture.Taxonomy).Where(l => l.Group == TitleLabelGroup.EscoAltFr).ToList();

        var share = (double)labels.Count(TitleUnderstandingEvaluation.IsHeldOut) / labels.Count;

        Assert.InRange(share, 0.18, 0.22);
        Assert.DoesNotContain(TitleReader.Labels(TaxonomyFixture.Taxonomy), l => l.Group == TitleLabelGroup.EscoPreferred && TitleUnderstandingEvaluation.IsHeldOut(l));
    }

    [Fact]
    public void HeldOutLabelsFindTheirOccupation()
    {
        // 500 held-out labels per group (1,500 queries); COACH_TITLE_EVAL_SAMPLE=0 runs them all (docs figures).
        var configured = Environment.GetEnvironmentVariable("COACH_TITLE_EVAL_SAMPLE");
        int? sample = int.TryParse(configured, out var n) ? (n > 0 ? n : null) : 500;

        var report = TitleUnderstandingEvaluation.Run(TaxonomyFixture.Taxonomy, sample);
        foreach (var g in report.Groups)
        {
            output.WriteLine($"{g.Name}: n={g.Queries} MRR={g.Mrr:F3} top1={g.Top1:P1} top5={g.Top5:P1}");
        }

        // Thresholds sit 4-5 points under the figures this deterministic sample gives (docs/quality.md, "Job-title understanding":
        // EN MRR 0.740 / top-5 85.0 %, FR 0.913 / 96.0 %, ROME 0.616 / 74.4 %): room for ranking trade-offs, while the
        // regressions that matter fail it. Without ROME titles and the crosswalk, ROME top-5 falls to about 50 %;
        // without gender forms, most French labels lose their feminine reading.
        var en = Group(report, "ESCO alt labels (en)");
        var fr = Group(report, "ESCO alt labels (fr)");
        var rome = Group(report, "ROME titles (fr)");
        Assert.All(report.Groups, g => Assert.Equal(sample ?? g.Queries, g.Queries));
        Assert.True(en.Mrr >= 0.70 && en.Top5 >= 0.80, $"EN: MRR {en.Mrr:F3}, top-5 {en.Top5:P1}");
        Assert.True(fr.Mrr >= 0.87 && fr.Top5 >= 0.92, $"FR: MRR {fr.Mrr:F3}, top-5 {fr.Top5:P1}");
        Assert.True(rome.Mrr >= 0.57 && rome.Top5 >= 0.70, $"ROME: MRR {rome.Mrr:F3}, top-5 {rome.Top5:P1}");
        Assert.All(report.Groups, g => Assert.True(g.Top1 <= g.Top5 && g.Mrr >= g.Top1 && g.Mrr <= g.Top5 + ((1 - g.Top5) * 0.2)));
    }

    private static TitleEvaluationGroup Group(TitleEvaluationReport report, string name) => report.Groups.Single(g => g.Name == name);
}
