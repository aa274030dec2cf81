using Matching.Engine.Text;

namespace Matching.Engine.Taxonomy;

/// <summary>
/// One skill suggestion: a concept of the one taxonomy, offered once whatever the number of its labels and schemes.
/// </summary>
/// <param name="Skill">The skill whose URI the suggestion gives: the concept's ESCO skill when it has one (see <see cref="TaxonomySearch"/>).</param>
/// <param name="Label">The label to show: the preferred label (in the language asked, when it has one) of the member whose labels matched best.</param>
/// <param name="MatchedLabel">The label that matched what was typed (preferred or alternative, either language).</param>
/// <param name="MatchedSkill">The member of the concept that label belongs to (a ROME 4.0 item when its label matched).</param>
/// <param name="SameConcept">Every skill of the concept, <paramref name="Skill"/> first: the ROME 4.0 items merged into an ESCO skill.</param>
/// <param name="Score">How well <paramref name="MatchedLabel"/> matches the query, in [0, 1]; the order of the suggestions also weighs exactness and popularity.</param>
public sealed record SuggestedSkill(Skill Skill, string Label, string MatchedLabel, Skill MatchedSkill, IReadOnlyList<Skill> SameConcept, string Language, double Score, LabelKind Kind);

/// <summary>
/// Skill autocomplete over the one taxonomy, ESCO skills (preferred and alternative labels, French and English) and
/// ROME 4.0 competences and savoirs (French labels), accent-, case- and typo-tolerant. Built once from
/// <see cref="SkillsTaxonomy"/>; thread-safe. (Occupations: <see cref="TitleUnderstanding"/>.)
/// </summary>
/// <remarks>
/// <para><b>One suggestion per concept.</b> A ROME 4.0 item joins the ESCO skill it is aligned to when the two labels
/// say the same thing (<see cref="SkillsTaxonomy.Alignment"/>: the same technology, or a label equivalence of at least
/// <see cref="SameThingScore"/>), and items whose labels are the same once normalised are one concept. The concept is
/// indexed under all its members' labels and found once, shown with the label of the member that matched.</para>
/// <para><b>The URI given is the ESCO skill's</b> when the concept has one, else that of the item listed on the most
/// ROME 4.0 sheets. A must-have on it is met by the skill itself and, through the skill graph's Aligned edges (credit
/// 0.9, kept even when related skills are not allowed), by every ROME 4.0 item of the concept, since each joined it
/// through its alignment to that very ESCO skill. The reverse would not hold: a ROME item's must-have reaches its own
/// ESCO alignments, not the other ROME items aligned to the same ESCO skill. Items merged only for an identical label
/// (a few duplicates in ROME 4.0) have no edge between them: a must-have on the one given does not reach holders of the other.</para>
/// <para><b>Order.</b> First a label equal to what was typed (or a technology named exactly: "python", "excel", "sap"),
/// then labels that start with it (their frame words aside: "Techniques de soudure" starts with "soudure"), then the
/// rest; within each, by how well the label matches plus a popularity prior (the share of the skills of the same scheme
/// listed by fewer ESCO occupations or ROME 4.0 sheets), so ROME and ESCO interleave by relevance, not by scheme.</para>
/// </remarks>
public sealed class TaxonomySearch
{
    /// <summary>Label equivalence from which an aligned ROME 4.0 item and ESCO skill are shown as one concept.</summary>
    public const double SameThingScore = 0.9;

    /// <summary>Weight of the popularity prior (in [0, 1]) next to the label score.</summary>
    private const double PopularityWeight = 0.2;

    // Words that frame a label without saying what it is about ("Techniques de soudure", "Utilisation de logiciels").
    private static readonly HashSet<string> s_frames = new(
        ["techniques", "technique", "utilisation", "utiliser", "maitrise", "maitriser", "principes", "principe", "notions", "notion",
         "connaissance", "connaissances", "pratique", "pratiquer", "procedures", "methodes", "regles", "modalites", "bases",
         "proceder", "realiser", "effectuer", "assurer", "appliquer", "gestion", "gerer", "programmation", "logiciel", "logiciels",
         "progiciel", "langage", "use", "apply", "perform", "principles"],
        StringComparer.Ordinal);

    private readonly SkillsTaxonomy _taxonomy;
    private readonly LabelIndex<int> _skills;
    private readonly int[] _concept;
    private readonly Dictionary<int, Skill[]> _members = [];
    private readonly Dictionary<(int Concept, string Label), int> _labelOwner = [];
    private readonly double[] _popularity;
    private readonly string?[] _technology;
    private readonly Dictionary<int, int[]> _sameThing = [];

    public TaxonomySearch(SkillsTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        _taxonomy = taxonomy;
        _popularity = Popularity(taxonomy);
        _concept = Concepts(taxonomy, _popularity);
        foreach (var group in Enumerable.Range(0, _concept.Length).Where(i => _concept[i] != i).GroupBy(i => _concept[i]))
        {
            _members[group.Key] = [taxonomy.Skills[group.Key], .. group.Select(i => taxonomy.Skills[i])];
        }
        foreach (var group in taxonomy.Alignment.Where(SaysTheSameThing).SelectMany(l => new[] { (l.RomeSkillId, l.EscoSkillId), (l.EscoSkillId, l.RomeSkillId) }).GroupBy(p => p.Item1))
        {
            _sameThing[group.Key] = [.. group.Select(p => p.Item2)];
        }
        foreach (var (concept, members) in _members)
        {
            _popularity[concept] = members.Max(s => _popularity[s.Id]);
        }
        _technology = Technologies(taxonomy);
        _skills = BuildSkills(taxonomy);
    }

    /// <summary>Skills best matching <paramref name="query"/>, best first, one per concept (see the class remarks).</summary>
    public IReadOnlyList<SuggestedSkill> Suggest(string query, string language, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, LabelIndex<int>.MaxLimit);
        var typed = TextNormalizer.Tokenize(query);
        if (typed.Length == 0)
        {
            return [];
        }
        var whole = string.Join(' ', typed);
        var ranked = new List<(int Tier, bool OtherLanguage, double Rank, SuggestedSkill Suggestion)>();
        foreach (var m in _skills.Search(query, Math.Min(LabelIndex<int>.MaxLimit, Math.Max(limit * 5, 60)), language))
        {
            var concept = m.Item;
            var member = _taxonomy.Skills[_labelOwner.GetValueOrDefault((concept, m.Label), concept)];
            var shown = member.Label(language);
            var suggestion = new SuggestedSkill(_taxonomy.Skills[concept], shown, m.Label, member, SameConcept(concept), m.Language, m.Score, m.Kind);
            // Within a tier, a label in the language asked first: "react" typed on the French page is React.js before ESCO's English "react to ...".
            var otherLanguage = m.Language.Length > 0 && !string.Equals(m.Language, language, StringComparison.OrdinalIgnoreCase);
            ranked.Add((Tier(m, member, shown, typed, whole), otherLanguage, m.Score + (PopularityWeight * _popularity[concept]), suggestion));
        }
        // One concept per label: a later suggestion shown, or found, under words an earlier one was shown or found under
        // (ESCO's "techniques de soudage" found by its alternative label "techniques de soudure") is the same concept again,
        // and so is an ESCO skill that a ROME 4.0 item of an earlier suggestion also says the same thing as.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var covered = new HashSet<int>();
        var suggestions = new List<SuggestedSkill>(limit);
        foreach (var (_, _, _, suggestion) in ranked.OrderBy(r => r.Tier).ThenBy(r => r.OtherLanguage).ThenByDescending(r => r.Rank).ThenBy(r => r.Suggestion.Skill.Id))
        {
            var shownKey = LabelKey(suggestion.Label);
            var matchedKey = LabelKey(suggestion.MatchedLabel);
            if (seen.Contains(shownKey) || seen.Contains(matchedKey) || suggestion.SameConcept.Any(s => covered.Contains(s.Id)))
            {
                continue;
            }
            seen.Add(shownKey);
            seen.Add(matchedKey);
            foreach (var member in suggestion.SameConcept)
            {
                covered.Add(member.Id);
                covered.UnionWith(_sameThing.GetValueOrDefault(member.Id) ?? []);
            }
            suggestions.Add(suggestion);
            if (suggestions.Count == limit)
            {
                break;
            }
        }
        return suggestions;
    }

    /// <summary>
    /// How directly a label answers what was typed, best first: 0 the label itself or the technology named exactly;
    /// 1 a technology whose name starts with the typed word ("react" → React.js); 2 every typed word in the label as a
    /// whole word (or its plural, feminine) at its start, frame words aside; 3 the same elsewhere in the label; 4 starting
    /// with what was typed, the last word being completed; 5 the rest (typos, completions inside the label).
    /// </summary>
    private int Tier(LabelMatch<int> m, Skill member, string shown, string[] typed, string whole)
    {
        if (string.Equals(TextNormalizer.Normalize(shown), whole, StringComparison.Ordinal)
            || (m.Kind == LabelKind.Preferred && string.Equals(TextNormalizer.Normalize(m.Label), whole, StringComparison.Ordinal))
            || string.Equals(_technology[member.Id], whole, StringComparison.Ordinal))
        {
            return 0;
        }
        if (typed.Length == 1 && _technology[member.Id] is { } name && name.StartsWith(whole + " ", StringComparison.Ordinal))
        {
            return 1;
        }
        var tokens = TextNormalizer.Tokenize(m.Label);
        var words = Array.TrueForAll(typed, t => TokenRules.IsStopWord(t) || Array.Exists(tokens, l => l == t || (t.Length > 3 && TokenRules.Stem(l) == TokenRules.Stem(t))));
        var start = StartsWith(tokens, typed);
        return words ? (start ? 2 : 3) : start ? 4 : 5;
    }

    /// <summary>The suggestions as label matches: the concept's skill and the label that matched (<see cref="Suggest"/>).</summary>
    public IReadOnlyList<LabelMatch<Skill>> Skills(string query, string language, int limit) =>
        [.. Suggest(query, language, limit).Select(s => new LabelMatch<Skill>(s.Skill, s.MatchedLabel, s.Language, s.Score, s.Kind))];

    /// <summary>The skill a suggestion of <paramref name="skill"/> gives: the ESCO skill of its concept, or itself.</summary>
    public Skill ConceptOf(Skill skill)
    {
        ArgumentNullException.ThrowIfNull(skill);
        return (uint)skill.Id < (uint)_concept.Length ? _taxonomy.Skills[_concept[skill.Id]] : skill;
    }

    /// <summary>Every skill of the concept of <paramref name="skill"/>, the one suggestions give first.</summary>
    public IReadOnlyList<Skill> SameConcept(Skill skill) => SameConcept(ConceptOf(skill).Id);

    private IReadOnlyList<Skill> SameConcept(int concept) => _members.TryGetValue(concept, out var members) ? members : [_taxonomy.Skills[concept]];

    private LabelIndex<int> BuildSkills(SkillsTaxonomy taxonomy)
    {
        var builder = new LabelIndex<int>.Builder();
        void Add(int concept, int member, string label, LabelKind kind, string language)
        {
            builder.Add(concept, label, kind, language);
            _labelOwner.TryAdd((concept, label), member);
        }
        foreach (var skill in taxonomy.Skills)
        {
            var concept = _concept[skill.Id];
            if (skill.Scheme == SkillScheme.Rome4)
            {
                // ROME 4.0 labels are French only (LabelEn repeats them).
                Add(concept, skill.Id, skill.LabelFr ?? skill.LabelEn, LabelKind.Preferred, "fr");
                continue;
            }
            Add(concept, skill.Id, skill.LabelEn, LabelKind.Preferred, "en");
            foreach (var alt in skill.AltLabelsEn)
            {
                Add(concept, skill.Id, alt, LabelKind.Alternative, "en");
            }
            if (skill.LabelFr is { } fr)
            {
                Add(concept, skill.Id, fr, LabelKind.Preferred, "fr");
            }
            foreach (var alt in skill.AltLabelsFr)
            {
                Add(concept, skill.Id, alt, LabelKind.Alternative, "fr");
            }
        }
        return builder.Build();
    }

    /// <summary>
    /// The concept of each skill (the id of the skill suggestions give): a ROME 4.0 item joins the ESCO skill of its best
    /// alignment when that says the same thing; items with the same label are one, under the ESCO skill or the item on most sheets.
    /// </summary>
    private static int[] Concepts(SkillsTaxonomy taxonomy, double[] popularity)
    {
        var skills = taxonomy.Skills;
        var concept = new int[skills.Count];
        for (var i = 0; i < concept.Length; i++)
        {
            concept[i] = i;
        }
        // The alignment is ordered by ROME item, best score first.
        foreach (var link in taxonomy.Alignment)
        {
            if (concept[link.RomeSkillId] == link.RomeSkillId && SaysTheSameThing(link))
            {
                concept[link.RomeSkillId] = link.EscoSkillId;
            }
        }
        var byLabel = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < taxonomy.EscoSkillCount; i++)
        {
            if (skills[i].LabelFr is { } fr)
            {
                byLabel.TryAdd(LabelKey(fr), i);
            }
        }
        var rome = Enumerable.Range(taxonomy.EscoSkillCount, skills.Count - taxonomy.EscoSkillCount)
            .OrderBy(i => concept[i] == i ? 1 : 0)
            .ThenByDescending(i => popularity[i])
            .ThenBy(i => i);
        foreach (var i in rome)
        {
            var key = LabelKey(skills[i].LabelFr ?? skills[i].LabelEn);
            if (concept[i] != i)
            {
                byLabel.TryAdd(key, concept[i]);
            }
            else if (!byLabel.TryAdd(key, i))
            {
                concept[i] = byLabel[key];
            }
        }
        return concept;
    }

    private static bool SaysTheSameThing(SkillAlignmentLink link) => link.Method == AlignmentMethod.Technology || link.Score >= SameThingScore;

    /// <summary>
    /// Per skill, the share of the skills of its scheme that are less common: ESCO skills by the occupations listing them
    /// (essential, or optional at half), ROME 4.0 items by the sheets listing them. In [0, 1).
    /// </summary>
    private static double[] Popularity(SkillsTaxonomy taxonomy)
    {
        var count = new double[taxonomy.Skills.Count];
        foreach (var occupation in taxonomy.Occupations)
        {
            foreach (var s in occupation.EssentialSkills)
            {
                count[s] += 1;
            }
            foreach (var s in occupation.OptionalSkills)
            {
                count[s] += 0.5;
            }
        }
        foreach (var item in taxonomy.Rome4.Items)
        {
            if (item.SkillId >= 0)
            {
                count[item.SkillId] = item.Sheets.Length;
            }
        }
        var popularity = new double[count.Length];
        void Rank(int from, int to)
        {
            var sorted = count[from..to];
            Array.Sort(sorted);
            for (var i = from; i < to; i++)
            {
                // Skills strictly less common, over the scheme's size.
                var below = Array.BinarySearch(sorted, count[i]);
                while (below > 0 && sorted[below - 1] == count[i])
                {
                    below--;
                }
                popularity[i] = (double)below / sorted.Length;
            }
        }
        Rank(0, taxonomy.EscoSkillCount);
        Rank(taxonomy.EscoSkillCount, count.Length);
        return popularity;
    }

    /// <summary>The technology a skill names, normalised ("python", "excel", "sap"): ESCO digital skills by their preferred labels, ROME 4.0 software and language savoirs.</summary>
    private static string?[] Technologies(SkillsTaxonomy taxonomy)
    {
        var names = new string?[taxonomy.Skills.Count];
        foreach (var skill in taxonomy.Skills)
        {
            if (skill.Scheme == SkillScheme.Esco && skill.Collections.HasFlag(SkillCollections.Digital))
            {
                names[skill.Id] = SkillAligner.TechnologyName(skill.LabelEn);
            }
        }
        foreach (var item in taxonomy.Rome4.Items)
        {
            if (item.SkillId >= 0 && item.Kind == Rome4ItemKind.Savoir && item.SubCategory is "Langages informatiques" or "Logiciels, progiciels")
            {
                names[item.SkillId] = SkillAligner.TechnologyName(item.Label);
            }
        }
        return names;
    }

    /// <summary>Whether the label, its frame words and function words aside, starts with the typed words (the last one being typed).</summary>
    private static bool StartsWith(string[] tokens, string[] typed)
    {
        var at = 0;
        while (at < tokens.Length - 1 && (TokenRules.IsStopWord(tokens[at]) || s_frames.Contains(tokens[at])))
        {
            at++;
        }
        if (tokens.Length - at < typed.Length)
        {
            return false;
        }
        for (var i = 0; i < typed.Length; i++)
        {
            var token = tokens[at + i];
            var same = i == typed.Length - 1
                ? token.StartsWith(typed[i], StringComparison.Ordinal) || TokenRules.Stem(token) == TokenRules.Stem(typed[i])
                : token == typed[i] || TokenRules.Stem(token) == TokenRules.Stem(typed[i]);
            if (!same)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A label's words, normalised and stemmed: "Systèmes de sécurité-incendie" and "systèmes de sécurité incendie" meet.</summary>
    private static string LabelKey(string label) => string.Join(' ', TextNormalizer.Tokenize(label).Select(TokenRules.Stem));
}
