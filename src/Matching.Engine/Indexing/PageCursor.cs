using System.Buffers.Binary;
using System.Text;

namespace Matching.Engine.Indexing;

/// <summary>
/// Opaque paging cursor of a match query: base64url of the last hit's score (IEEE bits) and id.
/// Shared by every <see cref="IMatchIndex"/> implementation, so a cursor means the same on each:
/// the next page holds the hits strictly after it in (score desc, id asc) order.
/// </summary>
public readonly record struct PageCursor(double Score, string Id)
{
    public string Encode()
    {
        var id = Encoding.UTF8.GetBytes(Id);
        var bytes = new byte[8 + id.Length];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, BitConverter.DoubleToInt64Bits(Score));
        id.CopyTo(bytes, 8);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The cursor, or null for none; <see cref="IndexValidationException"/> naming <c>Cursor</c> when it is not one.</summary>
    public static PageCursor? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var bytes = Convert.FromBase64String(base64);
            if (bytes.Length < 8)
            {
                throw new FormatException();
            }
            var score = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(bytes));
            if (!double.IsFinite(score))
            {
                throw new FormatException();
            }
            return new PageCursor(score, Encoding.UTF8.GetString(bytes, 8, bytes.Length - 8));
        }
        catch (FormatException)
        {
            throw new IndexValidationException([new IndexValidationError("query", "Cursor", "is not a cursor returned by this index.")]);
        }
    }

    /// <summary>True when hit (a) ranks before hit (b): higher score, then smaller id (ordinal).</summary>
    public static bool Before(double scoreA, string idA, double scoreB, string idB) =>
        scoreA > scoreB || (scoreA == scoreB && string.CompareOrdinal(idA, idB) < 0);

    /// <summary>True when a hit (score, id) comes after this cursor in (score desc, id asc) order.</summary>
    public bool Precedes(double score, string id) => Before(Score, Id, score, id);
}
