using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Matching.Engine.Json;

namespace Coach.Api.Infrastructure;

/// <summary>
/// A JSON body that cannot be read, in the client's terms: the field at fault as the <c>errors</c> key of a
/// validation ProblemDetails ("targetJobs[0]", "age", or "$" for the body itself), and a message that names the
/// position (line and column) and what was expected, without .NET type names.
/// </summary>
public static partial class JsonErrors
{
    /// <summary>The field path ("skills[2].uri"), or "$" when the error is in the body's syntax.</summary>
    public static string FieldOf(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is JsonFieldException field)
        {
            return field.FullField;
        }
        var path = exception.Path;
        return string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    /// <summary>What went wrong and where: "Expected a whole number (line 1, column 14)."</summary>
    public static string Describe(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }
        if (cut > 0)
        {
            message = message[..cut];
        }
        if (ConvertedTo().Match(message) is { Success: true } converted)
        {
            message = $"Expected {Expected(converted.Groups["type"].Value)}.";
        }
        message = message.TrimEnd('.');
        return exception.LineNumber is { } line && exception.BytePositionInLine is { } column
            ? string.Create(CultureInfo.InvariantCulture, $"{message} (line {line + 1}, column {column + 1}).")
            : message + ".";
    }

    private static string Expected(string type)
    {
        var name = NullableOf().Match(type) is { Success: true } nullable ? nullable.Groups["inner"].Value : type;
        name = name[(name.LastIndexOf('.') + 1)..];
        return name switch
        {
            "Int32" or "Int64" or "Int16" or "Byte" or "UInt32" or "UInt64" => "a whole number",
            "Double" or "Single" or "Decimal" => "a number",
            "Boolean" => "true or false",
            "String" => "a string",
            "DateOnly" => "a date (yyyy-MM-dd)",
            "DateTimeOffset" or "DateTime" => "a date and time (ISO 8601)",
            "JsonElement" => "a JSON value",
            _ when type.Contains("List", StringComparison.Ordinal) || type.EndsWith("[]", StringComparison.Ordinal) => "an array",
            _ => $"a value of type {name}",
        };
    }

    [GeneratedRegex("could not be converted to (?<type>[^ ]+?)\\.?$")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex("^System\\.Nullable`1\\[(?<inner>.+)\\]$")]
    private static partial Regex NullableOf();
}
