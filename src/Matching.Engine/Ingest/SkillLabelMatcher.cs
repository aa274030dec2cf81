using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Ingest;

/// <summary>How a free label (a France Travail competence) was mapped to an ESCO skill.</summary>
/// <param name="Exact">The normalised label equals one of the skill's French labels.</param>
/// <param name="Score">Token overlap, 0..1 (1 for an exact match).</param>
internal readonly record struct LabelMatch(int SkillId, bool Exact, double Score);

/// <summary>
/// Maps French labels to ESCO skills: an exact (normalised) preferred or alternative label first,
/// else the best IDF-weighted token overlap, looked for among an occupation's skills before all skills.
/// Built once per taxonomy; results are cached because a feed repeats the same ROME labels.
/// </summary>
internal sealed class SkillLabelMatcher
{
    /// <summary>Overlap needed within the occupation's skills: the occupation already narrows the sense.</summary>
    public const double OccupationThreshold = 0.6;

    /// <summary>Overlap needed among all skills, where a shared word is weaker evidence.</summary>
    public const double GlobalThreshold = 0.7;

    // Tokens this frequent ("gestion", "technique") are scored but do not nominate candidates.
    private const int MaxPostingsPerToken = 3_000;

    private const int MaxCachedLabels = 200_000;

    private const string ProgrammingLanguageFrame = "langage informatique ";

    private static readonly ConditionalWeakTable<SkillsTaxonomy, SkillLabelMatcher> s_instances = [];

    private readonly FrozenDictionary<string, int[]> _exact;
    private readonly FrozenDictionary<string, int[]> _postings;
    private readonly FrozenDictionary<string, double> _idf;
    private readonly double _unknownIdf;
    private readonly (int SkillId, string[] Tokens, double Weight)[] _labels;
    private readonly int[][] _labelsOfSkill;
    private readonly ConcurrentDictionary<(string Label, int Occupation), LabelMatch?> _cache = new();
    private readonly ConcurrentDictionary<string, LabelMatch?> _globalCache = new(StringComparer.Ordinal);

    private SkillLabelMatcher(SkillsTaxonomy taxonomy)
    {
        var exact = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var labels = new List<(int SkillId, string[] Tokens)>();
        var labelsOfSkill = new List<int>[taxonomy.Skills.Count];
        for (var i = taxonomy.EscoSkillCount; i < labelsOfSkill.Length; i++)
        {
            labelsOfSkill[i] = [];
        }
        foreach (var skill in taxonomy.Skills.Take(taxonomy.EscoSkillCount))
        {
            labelsOfSkill[skill.Id] = [];
            IEnumerable<string> french = skill.LabelFr is { } preferred ? [preferred, .. skill.AltLabelsFr] : skill.AltLabelsFr;
            foreach (var label in french)
            {
                var normalized = FrenchLabels.Normalize(label);
                if (normalized.Length == 0)
                {
                    continue;
                }
                var ids = exact.TryGetValue(normalized, out var list) ? list : exact[normalized] = [];
                if (!ids.Contains(skill.Id))
                {
                    ids.Add(skill.Id);
                }
                labelsOfSkill[skill.Id].Add(labels.Count);
                labels.Add((skill.Id, FrenchLabels.Tokens(normalized)));
            }
        }

        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            foreach (var token in labels[i].Tokens)
            {
                documentFrequency[token] = documentFrequency.GetValueOrDefault(token) + 1;
                (postings.TryGetValue(token, out var list) ? list : postings[token] = []).Add(i);
            }
        }
        var n = Math.Max(1, labels.Count);
        _idf = documentFrequency.ToFrozenDictionary(p => p.Key, p => Math.Log(1 + ((double)n / p.Value)), StringComparer.Ordinal);
        _unknownIdf = Math.Log(1 + n);
        _labels = [.. labels.Select(l => (l.SkillId, l.Tokens, l.Tokens.Sum(Idf)))];
        _labelsOfSkill = [.. labelsOfSkill.Select(l => l.ToArray())];
        _exact = exact.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _postings = postings.Where(p => p.Value.Count <= MaxPostingsPerToken).ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    public static SkillLabelMatcher For(SkillsTaxonomy taxonomy) => s_instances.GetValue(taxonomy, t => new SkillLabelMatcher(t));

    /// <summary>The best ESCO skill for a French label, preferring the occupation's skills; null below the thresholds.</summary>
    public LabelMatch? Match(string label, Occupation? occupation)
    {
        var normalized = FrenchLabels.Normalize(label);
        // ROME names ~100 programming languages "Langage informatique X" where ESCO says "X".
        if (normalized.StartsWith(ProgrammingLanguageFrame, StringComparison.Ordinal) && normalized.Length > ProgrammingLanguageFrame.Length)
        {
            normalized = normalized[ProgrammingLanguageFrame.Length..];
        }
        if (normalized.Length == 0)
        {
            return null;
        }
        var key = (normalized, occupation?.Id ?? -1);
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }
        var match = Compute(normalized, occupation);
        // ROME has ~5,000 competence labels; the cap keeps arbitrary labels from growing the cache without end.
        if (_cache.Count < MaxCachedLabels)
        {
            _cache.TryAdd(key, match);
        }
        return match;
    }

    private LabelMatch? Compute(string normalized, Occupation? occupation)
    {
        var ofOccupation = occupation is null ? [] : occupation.EssentialSkills.Concat(occupation.OptionalSkills).ToHashSet();
        if (_exact.TryGetValue(normalized, out var exactIds))
        {
            var id = exactIds.FirstOrDefault(ofOccupation.Contains, exactIds[0]);
            return new LabelMatch(id, true, 1);
        }

        var tokens = FrenchLabels.Tokens(normalized);
        if (tokens.Length == 0)
        {
            return null;
        }
        var queryWeight = tokens.Sum(Idf);

        if (ofOccupation.Count > 0)
        {
            var best = Best(tokens, queryWeight, ofOccupation.SelectMany(s => _labelsOfSkill[s]));
            if (best is { Score: >= OccupationThreshold })
            {
                return best;
            }
        }
        // The search among all skills does not depend on the occupation: done once per label.
        if (_globalCache.TryGetValue(normalized, out var cached))
        {
            return cached;
        }
        var candidates = tokens.SelectMany(t => _postings.GetValueOrDefault(t) ?? []).Distinct();
        LabelMatch? global = Best(tokens, queryWeight, candidates) is { Score: >= GlobalThreshold } found ? found : null;
        if (_globalCache.Count < MaxCachedLabels)
        {
            _globalCache.TryAdd(normalized, global);
        }
        return global;
    }

    /// <summary>Weighted Dice coefficient: shared tokens' IDF over both labels' total IDF.</summary>
    private LabelMatch? Best(string[] tokens, double queryWeight, IEnumerable<int> labelIndexes)
    {
        LabelMatch? best = null;
        foreach (var i in labelIndexes)
        {
            var (skillId, labelTokens, labelWeight) = _labels[i];
            var shared = 0.0;
            var sharedCount = 0;
            foreach (var token in tokens)
            {
                if (Array.IndexOf(labelTokens, token) >= 0)
                {
                    shared += Idf(token);
                    sharedCount++;
                }
            }
            // One rare word in common is not a match: "cuisine espagnole" is not the skill "espagnol".
            if (sharedCount < Math.Min(2, tokens.Length))
            {
                continue;
            }
            var score = 2 * shared / (queryWeight + labelWeight);
            // Ties go to the lower id so that results do not depend on enumeration order.
            if (best is null || score > best.Value.Score || (score == best.Value.Score && skillId < best.Value.SkillId))
            {
                best = new LabelMatch(skillId, false, score);
            }
        }
        return best;
    }

    private double Idf(string token) => _idf.TryGetValue(token, out var idf) ? idf : _unknownIdf;
}
