using System.Runtime.CompilerServices;

namespace Matching.Engine.Text;

/// <summary>
/// Finds the vocabulary tokens within a small Damerau-Levenshtein distance of a query token without scanning
/// the vocabulary: the SymSpell deletion neighbourhood. Two strings within distance d share a string reachable
/// from both by at most d deletions, so every token is filed under the hashes of its deletions and a query
/// looks up the hashes of its own. Only the first <see cref="PrefixLength"/> chars are used, as SymSpell does,
/// which keeps the index at about 30 keys per token; candidates are then checked with the real distance.
/// </summary>
internal sealed class TypoIndex
{
    private const int PrefixLength = 7;
    private const int MinTokenLength = 3;

    private readonly ulong[] _keys;
    private readonly int[] _tokens;
    private readonly string[] _vocabulary;

    private TypoIndex(ulong[] keys, int[] tokens, string[] vocabulary)
    {
        _keys = keys;
        _tokens = tokens;
        _vocabulary = vocabulary;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // one pass over the whole vocabulary: worth optimizing before tiering does
    public static TypoIndex Build(string[] vocabulary)
    {
        var keys = new List<ulong>(vocabulary.Length * 16);
        var tokens = new List<int>(vocabulary.Length * 16);
        Span<ulong> deletes = stackalloc ulong[MaxDeletes];
        for (var id = 0; id < vocabulary.Length; id++)
        {
            var token = vocabulary[id];
            if (token.Length < MinTokenLength)
            {
                continue;
            }

            // A query of 8+ chars may be 2 edits away, and it can only reach tokens of 6+ chars.
            var count = Deletes(token, token.Length >= 6 ? 2 : 1, deletes);
            for (var i = 0; i < count; i++)
            {
                keys.Add(deletes[i]);
                tokens.Add(id);
            }
        }

        var keyArray = keys.ToArray();
        var tokenArray = tokens.ToArray();
        Array.Sort(keyArray, tokenArray);
        return new TypoIndex(keyArray, tokenArray, vocabulary);
    }

    /// <summary>Adds to <paramref name="found"/> the tokens at distance 1..<paramref name="maxDistance"/> of <paramref name="query"/>.</summary>
    public void Find(string query, int maxDistance, List<(int Token, int Distance)> found)
    {
        Span<ulong> deletes = stackalloc ulong[MaxDeletes];
        var count = Deletes(query, maxDistance, deletes);
        var seen = new HashSet<int>();
        for (var i = 0; i < count; i++)
        {
            var at = LowerBound(deletes[i]);
            for (; at < _keys.Length && _keys[at] == deletes[i]; at++)
            {
                var token = _tokens[at];
                if (!seen.Add(token))
                {
                    continue;
                }

                var candidate = _vocabulary[token];
                if (Math.Abs(candidate.Length - query.Length) > maxDistance)
                {
                    continue;
                }

                var distance = Distance(query, candidate, maxDistance);
                if (distance >= 1 && distance <= maxDistance)
                {
                    found.Add((token, distance));
                }
            }
        }
    }

    private int LowerBound(ulong key)
    {
        int low = 0, high = _keys.Length;
        while (low < high)
        {
            var mid = (int)((uint)(low + high) >> 1);
            if (_keys[mid] < key)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    // 1 + 7 + 21: the prefix itself, its single deletions and its double deletions.
    private const int MaxDeletes = 1 + PrefixLength + (PrefixLength * (PrefixLength - 1) / 2);

    private static int Deletes(string token, int distance, Span<ulong> into)
    {
        var prefix = token.AsSpan(0, Math.Min(token.Length, PrefixLength));
        var count = 0;
        into[count++] = Hash(prefix, -1, -1);
        for (var i = 0; i < prefix.Length; i++)
        {
            into[count++] = Hash(prefix, i, -1);
            if (distance < 2)
            {
                continue;
            }

            for (var j = i + 1; j < prefix.Length; j++)
            {
                into[count++] = Hash(prefix, i, j);
            }
        }

        return count;
    }

    // FNV-1a over the chars left after deleting positions skip1 and skip2; collisions only cost a distance check.
    private static ulong Hash(ReadOnlySpan<char> text, int skip1, int skip2)
    {
        var hash = 14695981039346656037UL;
        var length = 0UL;
        for (var i = 0; i < text.Length; i++)
        {
            if (i == skip1 || i == skip2)
            {
                continue;
            }

            hash = (hash ^ text[i]) * 1099511628211UL;
            length++;
        }

        return (hash ^ length) * 1099511628211UL;
    }

    /// <summary>Optimal-string-alignment distance (Damerau-Levenshtein with adjacent transpositions), capped at max + 1.</summary>
    internal static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (a.Length > 64 || b.Length > 64)
        {
            return max + 1;
        }

        Span<int> previous2 = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            var recycled = previous2;
            previous2 = previous;
            previous = current;
            current = recycled;
        }

        return Math.Min(previous[b.Length], max + 1);
    }
}
