using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Matching.Engine.Data;

/// <summary>One row of a CSV file, with its cells reachable by header name.</summary>
public readonly struct CsvRow(string[] cells, IReadOnlyDictionary<string, int> header, long line)
{
    public long Line { get; } = line;

    public string this[string column] =>
        header.TryGetValue(column, out var i) ? (i < cells.Length ? cells[i] : "") :
        throw new KeyNotFoundException($"Column '{column}' is not in the file (line {Line}).");

    public string this[int index] => index < cells.Length ? cells[index] : "";

    public string? Optional(string column) =>
        header.TryGetValue(column, out var i) && i < cells.Length && cells[i].Length > 0 ? cells[i] : null;

    public int Count => cells.Length;
}

/// <summary>Options for one reference file's dialect.</summary>
public sealed record CsvDialect(char Delimiter = ',', bool DoubledApostrophes = false, string? HeaderStartsWith = null, System.Text.Encoding? Encoding = null)
{
    public static readonly CsvDialect Comma = new();
    public static readonly CsvDialect Semicolon = new(';');

    /// <summary>ROME v3 exports: comma separated, quoted, apostrophes doubled inside values (<c>d''engins</c>).</summary>
    public static readonly CsvDialect Rome = new(',', DoubledApostrophes: true);

    /// <summary>
    /// ROME 4.0's NAF sector tree, which France Travail ships in ISO-8859-15 (Latin-9: Œ and œ at
    /// 0xBC/0xBD) despite its <c>_utf8</c> name.
    /// </summary>
    public static readonly CsvDialect RomeLatin9 = Rome with { Encoding = Latin9() };

    private static System.Text.Encoding Latin9()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        return System.Text.Encoding.GetEncoding("iso-8859-15");
    }
}

/// <summary>
/// Streams the rows of a CSV file with a real parser (quoted multi-line cells, any delimiter).
/// Reference files are large; rows are yielded one by one and never kept here.
/// </summary>
public static class CsvFile
{
    public static IEnumerable<CsvRow> Read(string path, CsvDialect? dialect = null)
    {
        using var stream = File.OpenRead(path);
        foreach (var row in Read(stream, dialect ?? CsvDialect.Comma, path))
        {
            yield return row;
        }
    }

    public static IEnumerable<CsvRow> Read(Stream stream, CsvDialect dialect, string name = "stream")
    {
        using var reader = new StreamReader(stream, dialect.Encoding ?? System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: dialect.Encoding is null);
        if (dialect.HeaderStartsWith is { } start)
        {
            // Some files (the ESCO-ROME crosswalk) open with metadata lines before the real header.
            while (reader.Peek() >= 0 && reader.ReadLine() is { } line)
            {
                if (line.StartsWith(start, StringComparison.OrdinalIgnoreCase))
                {
                    var rest = line + "\n" + reader.ReadToEnd();
                    foreach (var row in Parse(new StringReader(rest), dialect, name))
                    {
                        yield return row;
                    }
                    yield break;
                }
            }
            throw new InvalidDataException($"{name}: no header line starting with '{start}'.");
        }

        foreach (var row in Parse(reader, dialect, name))
        {
            yield return row;
        }
    }

    private static IEnumerable<CsvRow> Parse(TextReader reader, CsvDialect dialect, string name)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = dialect.Delimiter.ToString(),
            HasHeaderRecord = true,
            BadDataFound = null,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
            TrimOptions = TrimOptions.None,
        };
        using var parser = new CsvParser(reader, config);
        if (!parser.Read())
        {
            throw new InvalidDataException($"{name}: the file is empty.");
        }
        var header = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var names = parser.Record ?? [];
        for (var i = 0; i < names.Length; i++)
        {
            header.TryAdd(names[i].Trim(), i);
        }
        while (parser.Read())
        {
            var cells = parser.Record;
            if (cells is null || (cells.Length == 1 && cells[0].Length == 0))
            {
                continue;
            }
            if (dialect.DoubledApostrophes)
            {
                for (var i = 0; i < cells.Length; i++)
                {
                    if (cells[i].Contains("''", StringComparison.Ordinal))
                    {
                        cells[i] = cells[i].Replace("''", "'", StringComparison.Ordinal);
                    }
                }
            }
            yield return new CsvRow(cells, header, parser.Row);
        }
    }

    /// <summary>Parses a decimal written with a comma or a dot ("16,61538462").</summary>
    public static double ParseDecimal(string text) =>
        double.Parse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static double? TryParseDecimal(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null :
        double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>Splits a multi-valued cell (ESCO alt labels: one per line, or " | " separated).</summary>
    public static string[] SplitLabels(string? cell)
    {
        if (string.IsNullOrWhiteSpace(cell))
        {
            return [];
        }
        var parts = cell.Split(['\n', '\r', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 0 ? [] : parts.Distinct(StringComparer.Ordinal).ToArray();
    }
}
