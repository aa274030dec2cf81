using System.Runtime.CompilerServices;

namespace Matching.Engine.Text;

/// <summary>
/// Accent- and case-insensitive, typo-tolerant search of items by their labels, for autocomplete and for
/// reading job titles. Built once by <see cref="Builder"/>, then read-only: any number of threads may search.
/// </summary>
/// <remarks>
/// Scoring of one label l for a query of tokens q_i. Each q_i weighs w_i, the IDF over labels of the vocabulary
/// token it most likely means (function words ×0.2, the first significant token ×1.5 as the head noun):
///   m_i      = best match quality of q_i in l: exact 1, abbreviation 0.95, stem 0.9, prefix 0.8 × (0.85 + 0.15 typed/full),
///              typo 0.7 (1 edit) or 0.5 (2 edits), ×0.6 when q_i is itself a vocabulary word
///   queryCov = Σ m_i w_i / Σ w_i;  labelCov = weight of the label's matched tokens / weight of all its tokens
///   s        = (queryCov × (0.7 + 0.3 labelCov) + 0.05 [l starts with q_0] + 0.05 [query order] + 0.1 [whole label]) / 1.2
///              × kind (1 / 0.85 / 0.6) × language (1, or 0.8 when another language was asked for)
///   score    = (significant tokens matched + s) / (significant tokens + 1), in [0, 1]
/// so an item matching every significant (non function word) query token always ranks above one matching fewer,
/// and a label matching no significant token is never a candidate. An item scores through its best label.
/// Ties: shorter label, then ordinal label, then insertion order, so results are deterministic.
/// </remarks>
public sealed partial class LabelIndex<T>
    where T : notnull
{
    public const int MaxLimit = 100;

    private const int MaxQueryTokens = 12;
    private const int MaxPrefixExpansions = 32;
    private const float StopWordFactor = 0.2f;
    private const float OtherLanguageFactor = 0.8f;
    private const float ExistingTokenTypoFactor = 0.6f;
    private const float HeadTokenFactor = 1.5f;
    // A vocabulary word typed last among others and at least this long is taken as finished ("vendeur en magasin"), not completed.
    private const int MinFinishedWordLength = 5;

    private readonly T[] _items;
    private readonly string[] _labels;
    private readonly int[] _labelItem;
    private readonly LabelKind[] _labelKind;
    private readonly byte[] _labelLanguage;
    private readonly string[] _languages;
    private readonly int[] _tokenStart;
    private readonly int[] _labelTokens;
    private readonly float[] _labelWeight;

    private readonly string[] _vocabulary;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _tokenIds;
    private readonly int[][] _postings;
    private readonly float[] _tokenWeight;
    private readonly int[] _sortedTokens;
    private readonly Dictionary<string, int[]> _stemGroups;
    private readonly TypoIndex _typos;
    private readonly float _unknownWeight;

    private readonly Scratch?[] _scratchPool = new Scratch?[Math.Clamp(Environment.ProcessorCount, 2, 16)];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // one pass over every label: worth optimizing before tiering does
    private LabelIndex(Builder builder)
    {
        _items = builder.Items;
        _labels = builder.Labels;
        _labelItem = builder.LabelItems;
        _labelKind = builder.LabelKinds;
        _labelLanguage = builder.LabelLanguages;
        _languages = builder.Languages;
        _tokenStart = builder.TokenStarts;
        _labelTokens = builder.Tokens;
        _vocabulary = builder.Vocabulary;
        _tokenIds = builder.TokenIds.GetAlternateLookup<ReadOnlySpan<char>>();

        var labelCount = _labels.Length;
        var vocabularySize = _vocabulary.Length;

        // Document frequency counts a token once per label, and postings list each label once.
        var frequency = new int[vocabularySize];
        var lastLabel = new int[vocabularySize];
        Array.Fill(lastLabel, -1);
        for (var label = 0; label < labelCount; label++)
        {
            for (var at = _tokenStart[label]; at < _tokenStart[label + 1]; at++)
            {
                var token = _labelTokens[at];
                if (lastLabel[token] != label)
                {
                    lastLabel[token] = label;
                    frequency[token]++;
                }
            }
        }

        _postings = new int[vocabularySize][];
        _tokenWeight = new float[vocabularySize];
        for (var token = 0; token < vocabularySize; token++)
        {
            _postings[token] = new int[frequency[token]];
            var idf = MathF.Log(1f + ((float)labelCount / frequency[token]));
            _tokenWeight[token] = TokenRules.IsStopWord(_vocabulary[token]) ? idf * StopWordFactor : idf;
        }

        _unknownWeight = MathF.Log(1f + labelCount);
        var fill = new int[vocabularySize];
        Array.Fill(lastLabel, -1);
        _labelWeight = new float[labelCount];
        for (var label = 0; label < labelCount; label++)
        {
            var weight = 0f;
            for (var at = _tokenStart[label]; at < _tokenStart[label + 1]; at++)
            {
                var token = _labelTokens[at];
                weight += _tokenWeight[token];
                if (lastLabel[token] != label)
                {
                    lastLabel[token] = label;
                    _postings[token][fill[token]++] = label;
                }
            }

            _labelWeight[label] = weight;
        }

        _sortedTokens = new int[vocabularySize];
        for (var token = 0; token < vocabularySize; token++)
        {
            _sortedTokens[token] = token;
        }

        var sortKeys = (string[])_vocabulary.Clone();
        Array.Sort(sortKeys, _sortedTokens, StringComparer.Ordinal);

        var stems = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var token = 0; token < vocabularySize; token++)
        {
            var stem = TokenRules.Stem(_vocabulary[token]);
            if (!stems.TryGetValue(stem, out var group))
            {
                stems[stem] = group = [];
            }

            group.Add(token);
        }

        // Only stems shared by several spellings can take a query anywhere its exact token does not.
        _stemGroups = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var (stem, group) in stems)
        {
            if (group.Count > 1 || !string.Equals(stem, _vocabulary[group[0]], StringComparison.Ordinal))
            {
                _stemGroups[stem] = [.. group];
            }
        }

        _typos = TypoIndex.Build(_vocabulary);
    }

    /// <summary>Labels in the index.</summary>
    public int LabelCount => _labels.Length;

    /// <summary>Distinct items in the index.</summary>
    public int ItemCount => _items.Length;

    /// <summary>Distinct normalized tokens in the labels.</summary>
    public int TokenCount => _vocabulary.Length;

    /// <summary>
    /// The items best matching <paramref name="query"/>, best first, each once with the label that matched.
    /// The last query token is treated as a prefix still being typed. With a <paramref name="language"/>,
    /// labels in other languages still match but score lower; language-neutral labels are never lowered.
    /// </summary>
    public IReadOnlyList<LabelMatch<T>> Search(string query, int limit, string? language = null, Func<T, bool>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);

        var tokens = TextNormalizer.Tokenize(query);
        if (tokens.Length > MaxQueryTokens)
        {
            tokens = tokens[..MaxQueryTokens];
        }

        // One letter typed after a space ("boulanger p") says nothing yet.
        if (tokens.Length > 1 && tokens[^1].Length == 1 && !_tokenIds.ContainsKey(tokens[^1]))
        {
            tokens = tokens[..^1];
        }

        if (tokens.Length == 0 || _labels.Length == 0)
        {
            return [];
        }

        var scratch = RentScratch();
        try
        {
            return Run(tokens, limit, language, filter, scratch);
        }
        finally
        {
            ReturnScratch(scratch);
        }
    }

    private List<LabelMatch<T>> Run(string[] tokens, int limit, string? language, Func<T, bool>? filter, Scratch scratch)
    {
        var count = tokens.Length;
        scratch.Begin(count);
        Span<float> weights = stackalloc float[count];
        Span<bool> significant = stackalloc bool[count];
        var significantCount = 0;
        for (var i = 0; i < count; i++)
        {
            var stop = TokenRules.IsStopWord(tokens[i]);
            significant[i] = !stop;
            significantCount += stop ? 0 : 1;
        }

        var totalWeight = 0f;
        var headSeen = false;
        for (var i = 0; i < count; i++)
        {
            var stop = !significant[i];
            var reference = Expand(tokens[i], i, i == count - 1, significantCount > 1, scratch);
            weights[i] = reference >= 0 ? _tokenWeight[reference] : (stop ? _unknownWeight * StopWordFactor : _unknownWeight);
            if (!headSeen && !stop)
            {
                // French job titles and skills lead with their head noun: "infirmier de nuit" is first a nurse.
                weights[i] *= HeadTokenFactor;
                headSeen = true;
            }

            totalWeight += weights[i];
        }

        if (significantCount == 0)
        {
            return [];
        }

        // Candidates are the labels holding a match of a significant token: a label matching only
        // "de" or "of" could never be returned, and "de" alone has postings in half the labels.
        var candidates = scratch.Candidates;
        for (var i = 0; i < count; i++)
        {
            if (!significant[i])
            {
                continue;
            }

            foreach (var token in scratch.ExpansionsOf(i))
            {
                foreach (var label in _postings[token])
                {
                    if (scratch.LabelStamp[label] != scratch.Generation)
                    {
                        scratch.LabelStamp[label] = scratch.Generation;
                        candidates.Add(label);
                    }
                }
            }
        }

        var languageId = LanguageIdOf(language);
        var neutralId = LanguageIdOf("");
        Span<float> best = stackalloc float[count];
        Span<int> position = stackalloc int[count];
        foreach (var label in candidates)
        {
            var otherLanguage = language is not null && _labelLanguage[label] != languageId && _labelLanguage[label] != neutralId;
            var score = ScoreLabel(label, tokens, weights, significant, significantCount, totalWeight, otherLanguage ? OtherLanguageFactor : 1f, scratch, best, position);
            var item = _labelItem[label];
            if (scratch.ItemStamp[item] != scratch.Generation)
            {
                scratch.ItemStamp[item] = scratch.Generation;
                scratch.ItemLabel[item] = label;
                scratch.ItemScore[item] = score;
                scratch.Items.Add(item);
            }
            else if (Better(score, label, scratch.ItemScore[item], scratch.ItemLabel[item]))
            {
                scratch.ItemLabel[item] = label;
                scratch.ItemScore[item] = score;
            }
        }

        return TopItems(limit, filter, scratch);
    }

    private double ScoreLabel(
        int label,
        string[] tokens,
        ReadOnlySpan<float> weights,
        ReadOnlySpan<bool> significant,
        int significantCount,
        float totalWeight,
        float languageFactor,
        Scratch scratch,
        Span<float> best,
        Span<int> position)
    {
        var count = tokens.Length;
        var start = _tokenStart[label];
        var labelTokens = _labelTokens.AsSpan(start, _tokenStart[label + 1] - start);
        best.Clear();
        for (var p = 0; p < labelTokens.Length; p++)
        {
            var token = labelTokens[p];
            if (scratch.TokenStamp[token] != scratch.Generation)
            {
                continue;
            }

            var qualities = scratch.Qualities(token);
            for (var i = 0; i < count; i++)
            {
                if (qualities[i] > best[i])
                {
                    best[i] = qualities[i];
                    position[i] = p;
                }
            }
        }

        var covered = 0f;
        var labelMatched = 0f;
        var matchedSignificant = 0;
        var matched = 0;
        var inOrder = true;
        var previous = -1;
        var exact = labelTokens.Length == count;
        ulong seen = 0;
        for (var i = 0; i < count; i++)
        {
            if (best[i] <= 0f)
            {
                exact = false;
                continue;
            }

            matched++;
            covered += best[i] * weights[i];
            matchedSignificant += significant[i] ? 1 : 0;
            exact &= best[i] >= 1f && position[i] == i;
            inOrder &= position[i] > previous;
            previous = position[i];
            var bit = 1UL << Math.Min(position[i], 63);
            if ((seen & bit) == 0)
            {
                seen |= bit;
                labelMatched += _tokenWeight[labelTokens[position[i]]];
            }
        }

        var queryCoverage = covered / totalWeight;
        var labelCoverage = Math.Min(1f, labelMatched / _labelWeight[label]);
        var startsWith = best[0] > 0f && position[0] == 0;
        var s = queryCoverage * (0.7 + (0.3 * labelCoverage))
            + (startsWith ? 0.05 : 0)
            + (inOrder && matched >= 2 ? 0.05 : 0)
            + (exact ? 0.1 : 0);
        s = s / 1.2 * KindWeight(_labelKind[label]) * languageFactor;
        return (matchedSignificant + s) / (significantCount + 1);
    }

    private static double KindWeight(LabelKind kind) => kind switch
    {
        LabelKind.Preferred => 1.0,
        LabelKind.Alternative => 0.85,
        _ => 0.6,
    };

    private bool Better(double score, int label, double otherScore, int otherLabel)
    {
        if (score != otherScore)
        {
            return score > otherScore;
        }

        var a = _labels[label];
        var b = _labels[otherLabel];
        if (a.Length != b.Length)
        {
            return a.Length < b.Length;
        }

        var order = string.CompareOrdinal(a, b);
        return order != 0 ? order < 0 : label < otherLabel;
    }

    private List<LabelMatch<T>> TopItems(int limit, Func<T, bool>? filter, Scratch scratch)
    {
        // Items arrive in posting order; a small sorted window keeps the best `limit` of them.
        var top = new List<int>(limit + 1);
        foreach (var item in scratch.Items)
        {
            var score = scratch.ItemScore[item];
            var label = scratch.ItemLabel[item];
            if (top.Count == limit && !Better(score, label, scratch.ItemScore[top[^1]], scratch.ItemLabel[top[^1]]))
            {
                continue;
            }

            if (filter is not null && !filter(_items[item]))
            {
                continue;
            }

            var at = top.Count;
            while (at > 0 && Better(score, label, scratch.ItemScore[top[at - 1]], scratch.ItemLabel[top[at - 1]]))
            {
                at--;
            }

            top.Insert(at, item);
            if (top.Count > limit)
            {
                top.RemoveAt(top.Count - 1);
            }
        }

        var results = new List<LabelMatch<T>>(top.Count);
        foreach (var item in top)
        {
            var label = scratch.ItemLabel[item];
            results.Add(new LabelMatch<T>(_items[item], _labels[label], _languages[_labelLanguage[label]], scratch.ItemScore[item], _labelKind[label]));
        }

        return results;
    }

    private int LanguageIdOf(string? language)
    {
        if (language is null)
        {
            return -1;
        }

        for (var i = 0; i < _languages.Length; i++)
        {
            if (string.Equals(_languages[i], language, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Records in <paramref name="scratch"/> every vocabulary token query token <paramref name="index"/> can mean,
    /// with its quality, and returns the token whose weight stands for the query token (-1 when none matches).
    /// </summary>
    /// <remarks>
    /// A token that is a word of the vocabulary as typed is not completed as the start of longer words when the query says
    /// other words too (<paramref name="amongOthers"/>): "vendeur en magasin" names a shop, not a "magasinier", and the labels
    /// holding "magasin" whole are the reading. Its inflected forms still meet it through the stem. Alone, the word may still be
    /// on its way to a longer one ("mont" to "Montpellier"), and a token no label holds ("soig") is completed wherever it is. So is a
    /// short last token, which is more often a word being typed than a finished one: "responsable de mag" is on its way to
    /// "magasin" (not the welder's "MIG MAG"), "technicien de main" to "maintenance", "agent de sécu" to "sécurité".
    /// </remarks>
    private int Expand(string token, int index, bool last, bool amongOthers, Scratch scratch)
    {
        var reference = -1;
        var referenceQuality = 0f;
        void Offer(int candidate, float quality)
        {
            scratch.Offer(candidate, index, quality);
            if (quality > referenceQuality
                || (quality == referenceQuality && _postings[candidate].Length > _postings[reference].Length))
            {
                reference = candidate;
                referenceQuality = quality;
            }
        }

        var exact = _tokenIds.TryGetValue(token, out var exactId);
        if (exact)
        {
            Offer(exactId, 1f);
        }

        if (TokenRules.Expansion(token) is { } expansion && _tokenIds.TryGetValue(expansion, out var expanded))
        {
            Offer(expanded, 0.95f);
        }

        // An unknown token that is its own stem ("boul") is a word being typed, not an inflected form:
        // the prefix route below completes it, at prefix quality, rather than reading "boule" as its plural.
        var stem = TokenRules.Stem(token);
        if ((exact || !string.Equals(stem, token, StringComparison.Ordinal)) && _stemGroups.TryGetValue(stem, out var group))
        {
            foreach (var candidate in group)
            {
                Offer(candidate, 0.9f);
            }
        }

        // Autocomplete completes the token being typed from 2 chars; earlier tokens from 3 ("dev c#"),
        // never a function word ("de" would open half the vocabulary).
        if (token.Length >= (last ? 2 : 3) && (last || !TokenRules.IsStopWord(token)) && !(exact && amongOthers && (!last || token.Length >= MinFinishedWordLength)))
        {
            foreach (var candidate in PrefixCompletions(token, scratch))
            {
                // Only mildly length-scaled: "boul" means "boulanger" as much as "boule".
                var ratio = (float)token.Length / _vocabulary[candidate].Length;
                Offer(candidate, 0.8f * (0.85f + (0.15f * ratio)));
            }
        }

        // Also when the token exists as typed, so that "developpeur" still reaches the English "developer", but then
        // weaker: "excel" must not rank "excès" above itself. Never for numbers: 42000 is not a typo of 02000.
        if (token.Length >= 4 && !token.AsSpan().ContainsAnyInRange('0', '9'))
        {
            var typos = scratch.Typos;
            typos.Clear();
            _typos.Find(token, token.Length >= 8 ? 2 : 1, typos);
            var damping = exact ? ExistingTokenTypoFactor : 1f;
            foreach (var (candidate, distance) in typos)
            {
                Offer(candidate, (distance == 1 ? 0.7f : 0.5f) * damping);
            }
        }

        return reference;
    }

    // The tokens that extend `prefix`; when there are many ("co"), the most frequent ones.
    private List<int> PrefixCompletions(string prefix, Scratch scratch)
    {
        var found = scratch.Completions;
        var heap = scratch.CompletionHeap;
        found.Clear();
        heap.Clear();
        int low = 0, high = _sortedTokens.Length;
        while (low < high)
        {
            var mid = (int)((uint)(low + high) >> 1);
            if (string.CompareOrdinal(_vocabulary[_sortedTokens[mid]], prefix) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        for (var at = low; at < _sortedTokens.Length; at++)
        {
            var token = _sortedTokens[at];
            var text = _vocabulary[token];
            if (!text.StartsWith(prefix, StringComparison.Ordinal))
            {
                break;
            }

            if (text.Length == prefix.Length)
            {
                continue;
            }

            var frequency = _postings[token].Length;
            if (heap.Count < MaxPrefixExpansions)
            {
                heap.Enqueue(token, frequency);
            }
            else if (heap.TryPeek(out _, out var least) && frequency > least)
            {
                heap.DequeueEnqueue(token, frequency);
            }
        }

        while (heap.TryDequeue(out var token, out _))
        {
            found.Add(token);
        }

        return found;
    }

    private Scratch RentScratch()
    {
        for (var i = 0; i < _scratchPool.Length; i++)
        {
            if (Interlocked.Exchange(ref _scratchPool[i], null) is { } scratch)
            {
                return scratch;
            }
        }

        return new Scratch(_labels.Length, _vocabulary.Length, _items.Length);
    }

    private void ReturnScratch(Scratch scratch)
    {
        for (var i = 0; i < _scratchPool.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _scratchPool[i], scratch, null) is null)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Per-search working memory, reused across searches so a query allocates almost nothing.
    /// Stamps with a generation number stand for "set in this search" and need no clearing.
    /// </summary>
    private sealed class Scratch(int labelCount, int vocabularySize, int itemCount)
    {
        private readonly int[] _tokenEntry = new int[vocabularySize];
        private readonly List<int>[] _expansions = [.. Enumerable.Range(0, MaxQueryTokens).Select(_ => new List<int>())];
        private float[] _qualities = new float[64 * MaxQueryTokens];
        private int _entries;
        private int _queryTokens;

        public int Generation { get; private set; }

        public int[] LabelStamp { get; } = new int[labelCount];

        public int[] TokenStamp { get; } = new int[vocabularySize];

        public int[] ItemStamp { get; } = new int[itemCount];

        public int[] ItemLabel { get; } = new int[itemCount];

        public double[] ItemScore { get; } = new double[itemCount];

        public List<int> Candidates { get; } = [];

        public List<int> Items { get; } = [];

        public List<int> Completions { get; } = [];

        public PriorityQueue<int, int> CompletionHeap { get; } = new(MaxPrefixExpansions);

        public List<(int Token, int Distance)> Typos { get; } = [];

        public void Begin(int queryTokens)
        {
            if (Generation == int.MaxValue)
            {
                Array.Clear(LabelStamp);
                Array.Clear(TokenStamp);
                Array.Clear(ItemStamp);
                Generation = 0;
            }

            Generation++;
            _queryTokens = queryTokens;
            _entries = 0;
            Candidates.Clear();
            Items.Clear();
            foreach (var list in _expansions)
            {
                list.Clear();
            }
        }

        public List<int> ExpansionsOf(int queryToken) => _expansions[queryToken];

        public ReadOnlySpan<float> Qualities(int token) => _qualities.AsSpan(_tokenEntry[token] * _queryTokens, _queryTokens);

        public void Offer(int token, int queryToken, float quality)
        {
            if (TokenStamp[token] != Generation)
            {
                TokenStamp[token] = Generation;
                if ((_entries + 1) * _queryTokens > _qualities.Length)
                {
                    Array.Resize(ref _qualities, _qualities.Length * 2);
                }

                _tokenEntry[token] = _entries++;
                _qualities.AsSpan(_tokenEntry[token] * _queryTokens, _queryTokens).Clear();
            }

            ref var slot = ref _qualities[(_tokenEntry[token] * _queryTokens) + queryToken];
            if (slot == 0f)
            {
                _expansions[queryToken].Add(token);
            }

            if (quality > slot)
            {
                slot = quality;
            }
        }
    }
}
