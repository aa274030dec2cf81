using ICSharpCode.SharpZipLib.BZip2;
using Matching.Engine.Data;

namespace Matching.Engine.Market;

/// <summary>Open job offers for one commune and ROME code on the extraction day.</summary>
/// <param name="CommuneInsee">As the source gives it: an arrondissement or a city code, a since-merged commune, or null when the offer had no place.</param>
public readonly record struct OfferCount(string? CommuneInsee, string RomeCode, int Count);

/// <summary>
/// Offers counted per commune and ROME code (France Travail, 21 Dec 2021): totals, lookups, and a
/// cumulative-weight array to draw realistic (place, job) pairs for synthetic corpora.
/// </summary>
public sealed class OfferCounts
{
    private readonly OfferCount[] _entries;
    private readonly long[] _cumulative;
    private readonly Dictionary<(string Commune, string Rome), int> _byCommuneAndRome;
    private readonly Dictionary<string, int> _byRome;
    private readonly Dictionary<string, int> _byCommune;

    private OfferCounts(OfferCount[] entries, int sourceRows)
    {
        _entries = entries;
        SourceRows = sourceRows;
        _cumulative = new long[entries.Length];
        _byCommuneAndRome = new Dictionary<(string, string), int>(entries.Length);
        _byRome = new Dictionary<string, int>(1_024, StringComparer.Ordinal);
        _byCommune = new Dictionary<string, int>(32_000, StringComparer.Ordinal);
        long total = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            total += entry.Count;
            _cumulative[i] = total;
            _byCommuneAndRome[(entry.CommuneInsee ?? "", entry.RomeCode)] = entry.Count;
            _byRome[entry.RomeCode] = _byRome.GetValueOrDefault(entry.RomeCode) + entry.Count;
            if (entry.CommuneInsee is { } commune)
            {
                _byCommune[commune] = _byCommune.GetValueOrDefault(commune) + entry.Count;
            }
        }
        Total = total;
    }

    /// <summary>All offers in the file.</summary>
    public long Total { get; }

    /// <summary>Rows in the source file; several rows can share a commune and ROME code.</summary>
    public int SourceRows { get; }

    /// <summary>One entry per commune and ROME code (duplicates in the source summed), in source order.</summary>
    public IReadOnlyList<OfferCount> Entries => _entries;

    /// <summary>
    /// Running totals of <see cref="Entries"/> counts: <c>CumulativeWeights[i]</c> is the sum up to and
    /// including entry i, the last one is <see cref="Total"/>.
    /// </summary>
    public IReadOnlyList<long> CumulativeWeights => _cumulative;

    public IReadOnlyDictionary<string, int> TotalsByRome => _byRome;

    public int TotalForRome(string romeCode) => _byRome.GetValueOrDefault(romeCode);

    /// <summary>Offers placed in a commune, exactly as coded (a city code does not include its arrondissements).</summary>
    public int TotalForCommune(string inseeCode) => _byCommune.GetValueOrDefault(inseeCode);

    /// <summary>Offers for a commune and ROME code; a null commune asks for offers without a place.</summary>
    public int Count(string? communeInsee, string romeCode) =>
        _byCommuneAndRome.GetValueOrDefault((communeInsee ?? "", romeCode));

    /// <summary>Draws an entry with probability proportional to its count.</summary>
    public OfferCount Sample(Random random) => SampleAt(random.NextInt64(Total));

    /// <summary>The entry holding offer number <paramref name="offerIndex"/> (0 ≤ index &lt; <see cref="Total"/>).</summary>
    public OfferCount SampleAt(long offerIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offerIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(offerIndex, Total);
        // First running total above the index: binary search returns its complement when not found exactly.
        var i = Array.BinarySearch(_cumulative, offerIndex + 1);
        return _entries[i >= 0 ? i : ~i];
    }

    /// <summary>Stream-decompresses and reads <c>market/offers_commune_rome_*.csv.bz2</c>.</summary>
    public static OfferCounts Load(string path)
    {
        using var file = File.OpenRead(path);
        using var bzip2 = new BZip2InputStream(file);
        return Load(bzip2, path);
    }

    internal static OfferCounts Load(Stream csv, string name)
    {
        // 325,000 rows name ~19,000 communes and ~500 ROME codes: one string each instead of one per row.
        var strings = new HashSet<string>(24_000, StringComparer.Ordinal);
        var positions = new Dictionary<(string Commune, string Rome), int>(300_000);
        var entries = new List<OfferCount>(300_000);
        var rows = 0;
        foreach (var row in CsvFile.Read(csv, CsvDialect.Semicolon, name))
        {
            rows++;
            var rome = Pool(strings, row["dc_rome_id"]);
            if (rome.Length == 0)
            {
                continue;
            }
            var commune = row["commune"];
            // The export writes a missing place either as an empty cell or as the word "null".
            var communeKey = commune.Length == 0 || commune == "null" ? "" : Pool(strings, commune);
            var count = int.Parse(row["nb_offre"], System.Globalization.CultureInfo.InvariantCulture);
            if (positions.TryGetValue((communeKey, rome), out var at))
            {
                entries[at] = entries[at] with { Count = entries[at].Count + count };
            }
            else
            {
                positions.Add((communeKey, rome), entries.Count);
                entries.Add(new OfferCount(communeKey.Length == 0 ? null : communeKey, rome, count));
            }
        }
        return new OfferCounts([.. entries], rows);
    }

    private static string Pool(HashSet<string> strings, string value)
    {
        if (strings.TryGetValue(value, out var pooled))
        {
            return pooled;
        }
        strings.Add(value);
        return value;
    }
}
