using Matching.Engine.Text;

namespace Matching.Engine.Taxonomy;

/// <summary>Quality of <see cref="TitleUnderstanding"/> on one group of held-out labels.</summary>
/// <param name="Mrr">Mean reciprocal rank of the first right occupation within the top <see cref="TitleUnderstandingEvaluation.Depth"/>, 0 when absent.</param>
internal sealed record TitleEvaluationGroup(string Name, int Queries, double Mrr, double Top1, double Top5);

internal sealed record TitleEvaluationReport(int IndexedLabels, int HeldOutLabels, IReadOnlyList<TitleEvaluationGroup> Groups);

/// <summary>
/// Held-out evaluation of job-title understanding. A deterministic 20% of the ESCO English and French alternative
/// labels and of the ROME titles is left out of the index (ESCO preferred labels always stay: every occupation
/// keeps a name); each held-out label is then asked as a seeker would type it (first gender form) and the rank of
/// the right occupation is read. For a ROME title the right occupations are its crosswalk targets: any of them
/// counts.
/// </summary>
internal static class TitleUnderstandingEvaluation
{
    public const int Depth = 20;

    /// <param name="samplePerGroup">Held-out labels asked per group (a deterministic sample), or all when null.</param>
    /// <param name="withRomeTitles">False indexes ESCO labels only: the ablation that shows what ROME titles and the crosswalk add.</param>
    public static TitleEvaluationReport Run(SkillsTaxonomy taxonomy, int? samplePerGroup, bool withRomeTitles = true)
    {
        var labels = TitleUnderstanding.Labels(taxonomy).ToList();
        var heldOut = labels.Where(IsHeldOut).ToList();
        var understanding = new TitleUnderstanding(taxonomy, label => !IsHeldOut(label) && (withRomeTitles || label.Group != TitleLabelGroup.RomeTitle));

        var groups = new List<TitleEvaluationGroup>();
        foreach (var group in new[] { TitleLabelGroup.EscoAltEn, TitleLabelGroup.EscoAltFr, TitleLabelGroup.RomeTitle })
        {
            // One query per held-out concept label: a ROME title's short label is the same job as its long one.
            var queries = heldOut
                .Where(l => l.Group == group && (group != TitleLabelGroup.RomeTitle || l.Kind == LabelKind.Preferred))
                .Select(l => (Label: l, Hash: Hash(l.Text)))
                .OrderBy(q => q.Hash)
                .ThenBy(q => q.Label.Text, StringComparer.Ordinal)
                .Select(q => q.Label);
            if (samplePerGroup is { } n)
            {
                queries = queries.Take(n);
            }

            var count = 0;
            double reciprocal = 0;
            var top1 = 0;
            var top5 = 0;
            foreach (var label in queries)
            {
                var expected = Expected(taxonomy, label.Target);
                var query = label.Language == "fr" ? TextNormalizer.GenderForms(label.Text)[0] : label.Text;
                var results = understanding.Understand(query, label.Language, Depth);
                var rank = 0;
                for (var i = 0; i < results.Count; i++)
                {
                    if (expected.Contains(results[i].Occupation.Id))
                    {
                        rank = i + 1;
                        break;
                    }
                }
                count++;
                if (rank > 0)
                {
                    reciprocal += 1.0 / rank;
                    top1 += rank == 1 ? 1 : 0;
                    top5 += rank <= 5 ? 1 : 0;
                }
            }
            groups.Add(new TitleEvaluationGroup(
                Name(group),
                count,
                count == 0 ? 0 : reciprocal / count,
                count == 0 ? 0 : (double)top1 / count,
                count == 0 ? 0 : (double)top5 / count));
        }
        return new TitleEvaluationReport(labels.Count - heldOut.Count, heldOut.Count, groups);
    }

    /// <summary>
    /// 1 label in 5, chosen by a hash of the concept and the text that never changes between runs or machines
    /// (string.GetHashCode is randomized per process). A ROME title is held out whole, both its labels.
    /// </summary>
    internal static bool IsHeldOut(TitleLabel label) => label.Group switch
    {
        TitleLabelGroup.EscoAltEn or TitleLabelGroup.EscoAltFr => Hash($"{label.Target.OccupationId}|{label.Text}") % 5 == 0,
        TitleLabelGroup.RomeTitle => Hash($"rome|{label.Target.RomeTitleCode}") % 5 == 0,
        _ => false,
    };

    private static HashSet<int> Expected(SkillsTaxonomy taxonomy, TitleTarget target) =>
        target.RomeTitleCode is { } code
            ? [.. taxonomy.RomeTitle(code)!.Occupations.Select(l => l.OccupationId)]
            : [target.OccupationId];

    private static string Name(TitleLabelGroup group) => group switch
    {
        TitleLabelGroup.EscoAltEn => "ESCO alt labels (en)",
        TitleLabelGroup.EscoAltFr => "ESCO alt labels (fr)",
        _ => "ROME titles (fr)",
    };

    /// <summary>FNV-1a over the UTF-16 code units.</summary>
    private static uint Hash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return hash;
    }
}
