using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Matching.Engine.Reviews;

/// <summary>
/// All reviews as CSV (RFC 4180: comma separated, CRLF line ends, fields with a comma, quote or line break quoted,
/// quotes doubled), one row per advice review; a review without advice reviews gets one row with empty advice
/// columns, so every review appears. Ordered by review id then module id. Times are UTC ISO 8601.
/// </summary>
internal static class ReviewCsvExport
{
    private static readonly string[] s_header =
        ["review_id", "seeker_id", "reviewer_id", "reviewed_at", "grade", "comment", "diagnosis_comment", "module_id", "original_score", "new_score", "advice_comment"];

    public static void Write(SqliteConnection connection, TextWriter writer)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r.id, r.seeker_id, r.reviewer_id, r.reviewed_at, r.grade, r.comment, r.diagnosis_comment,
                   a.module_id, a.original_score, a.new_score, a.comment
            FROM reviews r LEFT JOIN review_advice a ON a.review_id = r.id
            ORDER BY r.id, a.module_id
            """;
        using var reader = command.ExecuteReader();
        WriteRow(writer, s_header);
        var fields = new string?[s_header.Length];
        while (reader.Read())
        {
            fields[0] = reader.GetInt64(0).ToString(CultureInfo.InvariantCulture);
            fields[1] = reader.GetString(1);
            fields[2] = reader.GetString(2);
            fields[3] = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            fields[4] = reader.GetString(4);
            for (var i = 5; i < fields.Length; i++)
            {
                fields[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
            }
            WriteRow(writer, fields);
        }
    }

    private static void WriteRow(TextWriter writer, IReadOnlyList<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }
            var field = fields[i] ?? "";
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                writer.Write('"');
                writer.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
                writer.Write('"');
            }
            else
            {
                writer.Write(field);
            }
        }
        writer.Write("\r\n");
    }
}
