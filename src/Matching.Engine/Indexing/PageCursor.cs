using System.Buffers.Binary;
using System.Text;

namespace Matching.Engine.Indexing;

/// <summary>
/// The paging cursor of every <see cref="IMatchIndex"/>: base64url of the last hit's score (IEEE bits)
/// and id. Hits are ordered by score descending, then id ascending, so "after (score, id)" is a
/// position any implementation can seek to (the embedded index's scan, Elasticsearch's search_after).
/// </summary>
public readonly record struct PageCursor(double Score, string Id)
{
    public const string Field = "Cursor";

    public string Encode()
    {
        var id = Encoding.UTF8.GetBytes(Id);
        var bytes = new byte[8 + id.Length];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, BitConverter.DoubleToInt64Bits(Score));
        id.CopyTo(bytes, 8);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The cursor, or null for none; false for text that is not a cursor an index returned.</summary>
    public static bool TryDecode(string? cursor, out PageCursor? decoded)
    {
        decoded = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }
        if (cursor.Length > 4096)
        {
            return false;
        }
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var bytes = Convert.FromBase64String(base64);
            if (bytes.Length < 9)
            {
                return false;
            }
            var score = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(bytes));
            if (!double.IsFinite(score))
            {
                return false;
            }
            decoded = new PageCursor(score, new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 8, bytes.Length - 8));
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The cursor, or null for none; <see cref="IndexValidationException"/> naming <see cref="Field"/> for anything else.</summary>
    public static PageCursor? Decode(string? cursor) =>
        TryDecode(cursor, out var decoded)
            ? decoded
            : throw new IndexValidationException([new IndexValidationError("query", Field, "is not a cursor returned by this index.")]);

    /// <summary>True when a hit (score, id) comes after this cursor in (score desc, id asc) order.</summary>
    public bool Precedes(double score, string id) =>
        score < Score || (score == Score && string.CompareOrdinal(id, Id) > 0);
}
