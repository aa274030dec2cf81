using System.Buffers;
using System.Runtime.InteropServices;

namespace Matching.Engine.Text;

public sealed partial class LabelIndex<T>
{
    /// <summary>
    /// Collects labels, then builds the read-only index. Not thread-safe: one loader adds, then calls <see cref="Build"/>.
    /// </summary>
    public sealed class Builder(IEqualityComparer<T>? comparer = null)
    {
        private readonly Dictionary<T, int> _itemIds = new(comparer);
        private readonly List<T> _items = [];
        private readonly List<string> _labels = [];
        private readonly List<int> _labelItem = [];
        private readonly List<LabelKind> _labelKind = [];
        private readonly List<byte> _labelLanguage = [];
        private readonly List<int> _tokenStart = [0];
        private readonly Dictionary<string, int> _tokenIds = new(StringComparer.Ordinal);
        private readonly List<string> _vocabulary = [];
        private readonly List<string> _languages = [];
        private readonly Dictionary<(int Item, byte Language, ulong Tokens), int> _labelIds = [];
        private int[] _tokens = new int[4096];
        private int _tokenCount;

        /// <summary>Labels kept so far (labels without any letter or digit, and repeats of a label of the same item, are not kept).</summary>
        public int LabelCount => _labels.Count;

        public int ItemCount => _items.Count;

        /// <summary>
        /// Adds one label of <paramref name="item"/>. An item usually has many labels; the search returns it once,
        /// through its best-matching label. <paramref name="language"/> is "fr", "en", or "" for labels that are
        /// the same in every language (commune names, postcodes).
        /// </summary>
        public Builder Add(T item, string label, LabelKind kind, string language)
        {
            ArgumentNullException.ThrowIfNull(item);
            ArgumentNullException.ThrowIfNull(label);
            ArgumentNullException.ThrowIfNull(language);
            if (!Enum.IsDefined(kind))
            {
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown label kind.");
            }

            var start = _tokenCount;
            var hash = TokenizeInto(label);
            if (_tokenCount == start)
            {
                return this;
            }

            ref var itemId = ref CollectionsMarshal.GetValueRefOrAddDefault(_itemIds, item, out var known);
            if (!known)
            {
                itemId = _items.Count;
                _items.Add(item);
            }

            var languageId = LanguageId(language);
            var key = (itemId, languageId, hash);
            if (_labelIds.TryGetValue(key, out var existing) && SameTokens(existing, start))
            {
                // "Directeur technique" comes both from a split preferred label and from the alt labels:
                // one label per spelling keeps the IDF honest, and the strongest kind wins.
                _tokenCount = start;
                if (kind < _labelKind[existing])
                {
                    _labelKind[existing] = kind;
                    _labels[existing] = label;
                }

                return this;
            }

            _labelIds.TryAdd(key, _labels.Count);
            _labels.Add(label);
            _labelItem.Add(itemId);
            _labelKind.Add(kind);
            _labelLanguage.Add(languageId);
            _tokenStart.Add(_tokenCount);
            return this;
        }

        /// <summary>Builds the index; the builder may be dropped afterwards.</summary>
        public LabelIndex<T> Build() => new(this);

        internal T[] Items => [.. _items];

        internal string[] Labels => [.. _labels];

        internal int[] LabelItems => [.. _labelItem];

        internal LabelKind[] LabelKinds => [.. _labelKind];

        internal byte[] LabelLanguages => [.. _labelLanguage];

        internal int[] TokenStarts => [.. _tokenStart];

        internal int[] Tokens => _tokens.AsSpan(0, _tokenCount).ToArray();

        internal Dictionary<string, int> TokenIds => new(_tokenIds, StringComparer.Ordinal);

        internal string[] Vocabulary => [.. _vocabulary];

        internal string[] Languages => [.. _languages];

        private byte LanguageId(string language)
        {
            for (var i = 0; i < _languages.Count; i++)
            {
                if (string.Equals(_languages[i], language, StringComparison.OrdinalIgnoreCase))
                {
                    return (byte)i;
                }
            }

            if (_languages.Count == byte.MaxValue)
            {
                throw new InvalidOperationException("A label index holds at most 255 languages.");
            }

            _languages.Add(language.ToLowerInvariant());
            return (byte)(_languages.Count - 1);
        }

        // Appends the label's token ids to _tokens and returns a hash of them.
        private ulong TokenizeInto(string label)
        {
            var needed = TextNormalizer.MaxNormalizedLength(label.Length);
            char[]? rented = null;
            var buffer = needed <= 512 ? stackalloc char[512] : (rented = ArrayPool<char>.Shared.Rent(needed));
            try
            {
                var length = TextNormalizer.NormalizeInto(label, buffer);
                var text = buffer[..length];
                var lookup = _tokenIds.GetAlternateLookup<ReadOnlySpan<char>>();
                var hash = 14695981039346656037UL;
                while (text.Length > 0)
                {
                    var space = text.IndexOf(' ');
                    var token = space < 0 ? text : text[..space];
                    text = space < 0 ? [] : text[(space + 1)..];
                    if (!lookup.TryGetValue(token, out var id))
                    {
                        id = _vocabulary.Count;
                        var name = token.ToString();
                        _vocabulary.Add(name);
                        _tokenIds.Add(name, id);
                    }

                    if (_tokenCount == _tokens.Length)
                    {
                        Array.Resize(ref _tokens, _tokens.Length * 2);
                    }

                    _tokens[_tokenCount++] = id;
                    hash = (hash ^ (uint)id) * 1099511628211UL;
                }

                return hash;
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<char>.Shared.Return(rented);
                }
            }
        }

        private bool SameTokens(int label, int start)
        {
            var existing = _tokens.AsSpan(_tokenStart[label], _tokenStart[label + 1] - _tokenStart[label]);
            return existing.SequenceEqual(_tokens.AsSpan(start, _tokenCount - start));
        }
    }
}
