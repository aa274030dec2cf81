using Matching.Engine.Text;

namespace Matching.Engine.Taxonomy;

/// <summary>Which kind of label an understood title was read from.</summary>
public enum TitleSource
{
    /// <summary>An ESCO occupation's preferred or alternative label (French or English).</summary>
    EscoLabel,
    /// <summary>A ROME job title ("appellation"), credited to its ESCO occupations through the crosswalk.</summary>
    RomeTitle,
}

/// <summary>
/// One reading of a seeker's job title: an ESCO occupation, its ROME code(s) (the matched ROME title's code first
/// when a ROME title matched), a score in [0, 1] that orders the readings, and the label that matched.
/// </summary>
public sealed record UnderstoodTitle(Occupation Occupation, IReadOnlyList<string> RomeCodes, double Score, string MatchedLabel, TitleSource Source);

/// <summary>
/// Reads a job title typed in French or English ("aide soignante de nuit", "dev c#", "chauffeur PL") as ranked
/// ESCO occupations with their ROME codes. Accent, case, gender-form and typo tolerance come from
/// <see cref="LabelIndex{T}"/>; this class adds noise stripping, the ROME crosswalk and the ranking. Built once
/// (about a second), then thread-safe.
/// </summary>
/// <remarks>
/// Two steps in <see cref="Understand"/>: candidate generation (label index hits, aggregated per ESCO occupation)
/// and re-ranking (<see cref="Rerank"/>, hand-set weights over a few features of each candidate). A learned model
/// (ML.NET ranking trained on the title corrections seekers make and on adviser grades) would replace
/// <see cref="Rerank"/> alone: it consumes the same <see cref="TitleCandidate"/> features, so candidate generation
/// and the API stay as they are.
/// </remarks>
public sealed class TitleUnderstanding
{
    /// <summary>Label hits read per query before aggregation: enough to see every occupation behind the top ROME titles.</summary>
    internal const int CandidatePool = 60;

    /// <summary>
    /// Crosswalk match types, as the brief of the matcher ranks them: a ROME title exactly equivalent to an ESCO
    /// occupation credits it fully, a broader link least.
    /// </summary>
    internal static double CrosswalkFactor(CrosswalkMatch match) => match switch
    {
        CrosswalkMatch.Exact => 1.0,
        CrosswalkMatch.Close => 0.92,
        CrosswalkMatch.Narrow => 0.85,
        _ => 0.78,
    };

    private readonly SkillsTaxonomy _taxonomy;
    private readonly LabelIndex<TitleTarget> _index;

    public TitleUnderstanding(SkillsTaxonomy taxonomy)
        : this(taxonomy, static _ => true)
    {
    }

    /// <summary>Builds the index from the labels <paramref name="include"/> accepts (the evaluation holds some out).</summary>
    internal TitleUnderstanding(SkillsTaxonomy taxonomy, Func<TitleLabel, bool> include)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        _taxonomy = taxonomy;
        var builder = new LabelIndex<TitleTarget>.Builder();
        foreach (var label in Labels(taxonomy))
        {
            if (!include(label))
            {
                continue;
            }
            foreach (var form in label.Language == "fr" ? TextNormalizer.GenderForms(label.Text) : [label.Text])
            {
                builder.Add(label.Target, form, label.Kind, label.Language);
            }
        }
        _index = builder.Build();
    }

    /// <summary>
    /// The occupations <paramref name="text"/> most likely names, best first, at most <paramref name="limit"/>.
    /// Empty when nothing matches; never throws on odd text.
    /// </summary>
    /// <param name="language">"fr" or "en": labels of the other language still match, a little lower.</param>
    public IReadOnlyList<UnderstoodTitle> Understand(string text, string language = "fr", int limit = 10)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, LabelIndex<TitleTarget>.MaxLimit);
        if (language is not ("fr" or "en"))
        {
            throw new ArgumentException($"language must be \"fr\" or \"en\", not \"{language}\".", nameof(language));
        }

        var candidates = GenerateCandidates(text, language);
        return Rerank(candidates)
            .Take(limit)
            .Select(c => new UnderstoodTitle(c.Occupation, RomeCodes(c), c.Score, c.BestLabel, c.BestSource))
            .ToList();
    }

    /// <summary>
    /// Step 1: label hits for the cleaned title (noise words removed) and, when noise was found, for the raw title
    /// too, at a lower weight: "veilleur de nuit" is a job, "aide-soignant de nuit" a schedule. Hits are aggregated
    /// per ESCO occupation; a ROME title hit credits each crosswalked occupation by its match type.
    /// </summary>
    private List<TitleCandidate> GenerateCandidates(string text, string language)
    {
        var cleaned = TitleNoise.Strip(text);
        var byOccupation = new Dictionary<int, TitleCandidate>();
        // A title of noise alone ("H/F en CDI") names no job: better nothing than letters matched at random.
        if (cleaned.Length == 0)
        {
            return [];
        }
        Collect(cleaned, language, 1.0, byOccupation);
        if (!string.Equals(cleaned, TextNormalizer.Normalize(text), StringComparison.Ordinal))
        {
            Collect(text, language, RawQueryFactor, byOccupation);
        }
        return [.. byOccupation.Values];
    }

    /// <summary>The raw title (noise included) counts for less than the cleaned one: it only wins when the noise was the job.</summary>
    private const double RawQueryFactor = 0.97;

    private void Collect(string query, string language, double factor, Dictionary<int, TitleCandidate> byOccupation)
    {
        foreach (var hit in _index.Search(query, CandidatePool, language))
        {
            var score = hit.Score * factor;
            if (hit.Item.RomeTitleCode is { } code)
            {
                var title = _taxonomy.RomeTitle(code)!;
                foreach (var link in title.Occupations)
                {
                    Candidate(byOccupation, link.OccupationId)
                        .Offer(score * CrosswalkFactor(link.Match), hit.Label, TitleSource.RomeTitle, title.RomeCode);
                }
            }
            else
            {
                Candidate(byOccupation, hit.Item.OccupationId).Offer(score, hit.Label, TitleSource.EscoLabel, null);
            }
        }
    }

    private TitleCandidate Candidate(Dictionary<int, TitleCandidate> byOccupation, int occupationId)
    {
        if (!byOccupation.TryGetValue(occupationId, out var candidate))
        {
            candidate = new TitleCandidate(_taxonomy.Occupations[occupationId]);
            byOccupation.Add(occupationId, candidate);
        }
        return candidate;
    }

    /// <summary>
    /// Step 2: final score from the candidate's features. The best label evidence dominates; an occupation that
    /// several labels point to (its own label and a crosswalked ROME title, or several ROME titles) gets a small
    /// corroboration bonus, so ties between near-synonymous occupations go to the better supported one.
    /// This is the method a learned ranker replaces.
    /// </summary>
    internal static IEnumerable<TitleCandidate> Rerank(List<TitleCandidate> candidates)
    {
        foreach (var candidate in candidates)
        {
            var corroboration = Math.Min(CorroborationCap, CorroborationPerHit * (candidate.Hits - 1))
                + (candidate.BestEsco > 0 && candidate.BestRome > 0 ? BothSourcesBonus : 0);
            candidate.Score = Math.Min(1.0, candidate.BestScore + (corroboration * candidate.BestScore));
        }
        return candidates
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.Occupation.Id);
    }

    private const double CorroborationPerHit = 0.02;
    private const double CorroborationCap = 0.10;
    private const double BothSourcesBonus = 0.01;

    private static List<string> RomeCodes(TitleCandidate candidate)
    {
        var codes = new List<string>(candidate.Occupation.RomeCodes.Length + 1);
        if (candidate.BestRomeCode is { } matched)
        {
            codes.Add(matched);
        }
        foreach (var code in candidate.Occupation.RomeCodes)
        {
            if (!codes.Contains(code))
            {
                codes.Add(code);
            }
        }
        return codes;
    }

    /// <summary>Every label the index can hold: ESCO preferred and alternative labels (FR, EN) and ROME titles.</summary>
    internal static IEnumerable<TitleLabel> Labels(SkillsTaxonomy taxonomy)
    {
        foreach (var occupation in taxonomy.Occupations)
        {
            var target = new TitleTarget(occupation.Id, null);
            yield return new TitleLabel(target, occupation.LabelEn, LabelKind.Preferred, "en", TitleLabelGroup.EscoPreferred);
            foreach (var alt in occupation.AltLabelsEn)
            {
                yield return new TitleLabel(target, alt, LabelKind.Alternative, "en", TitleLabelGroup.EscoAltEn);
            }
            if (occupation.LabelFr.Length > 0)
            {
                yield return new TitleLabel(target, occupation.LabelFr, LabelKind.Preferred, "fr", TitleLabelGroup.EscoPreferred);
            }
            foreach (var alt in occupation.AltLabelsFr)
            {
                yield return new TitleLabel(target, alt, LabelKind.Alternative, "fr", TitleLabelGroup.EscoAltFr);
            }
        }
        // Sorted so that the label order, hence the index's tie-breaks, do not depend on dictionary order.
        foreach (var title in taxonomy.RomeTitles.OrderBy(t => t.Code))
        {
            // A title the crosswalk links to no ESCO occupation cannot name one.
            if (title.Occupations.Length == 0)
            {
                continue;
            }
            var target = new TitleTarget(-1, title.Code);
            yield return new TitleLabel(target, title.Label, LabelKind.Preferred, "fr", TitleLabelGroup.RomeTitle);
            if (title.ShortLabel.Length > 0 && title.ShortLabel != title.Label)
            {
                yield return new TitleLabel(target, title.ShortLabel, LabelKind.Alternative, "fr", TitleLabelGroup.RomeTitle);
            }
        }
    }
}

/// <summary>What a label names: an ESCO occupation, or a ROME title (<see cref="OccupationId"/> then unused).</summary>
internal readonly record struct TitleTarget(int OccupationId, int? RomeTitleCode);

internal enum TitleLabelGroup
{
    EscoPreferred,
    EscoAltEn,
    EscoAltFr,
    RomeTitle,
}

/// <summary>One label offered to the index, with the group the evaluation reports it under.</summary>
internal sealed record TitleLabel(TitleTarget Target, string Text, LabelKind Kind, string Language, TitleLabelGroup Group);

/// <summary>The evidence gathered for one ESCO occupation, and the features re-ranking reads.</summary>
internal sealed class TitleCandidate(Occupation occupation)
{
    public Occupation Occupation { get; } = occupation;

    /// <summary>Best label score, ESCO or crosswalk-weighted ROME.</summary>
    public double BestScore { get; private set; }

    public double BestEsco { get; private set; }

    public double BestRome { get; private set; }

    /// <summary>Label hits pointing at this occupation.</summary>
    public int Hits { get; private set; }

    public string BestLabel { get; private set; } = "";

    public TitleSource BestSource { get; private set; }

    /// <summary>ROME code of the best ROME title hit.</summary>
    public string? BestRomeCode { get; private set; }

    public double Score { get; set; }

    public void Offer(double score, string label, TitleSource source, string? romeCode)
    {
        Hits++;
        if (source == TitleSource.RomeTitle && score > BestRome)
        {
            BestRome = score;
            BestRomeCode = romeCode;
        }
        if (source == TitleSource.EscoLabel && score > BestEsco)
        {
            BestEsco = score;
        }
        if (score > BestScore)
        {
            BestScore = score;
            BestLabel = label;
            BestSource = source;
        }
    }
}
