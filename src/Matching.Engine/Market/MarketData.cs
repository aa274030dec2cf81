using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Matching.Engine.Data;
using Matching.Engine.Geography;

namespace Matching.Engine.Market;

/// <summary>
/// Labour-market figures per ROME code: tension per employment area, hiring channels, recruitment
/// difficulty, and (loaded on first use) open offers per commune. Immutable once loaded; safe to share.
/// </summary>
/// <remarks>
/// Independent of <see cref="GeographyData"/>: both join on employment-area and INSEE codes, so
/// either loads without the other.
/// </remarks>
public sealed class MarketData
{
    /// <summary>The offers file of the extraction this engine was built against.</summary>
    public const string OffersFileName = "offers_commune_rome_2021-12-21.csv.bz2";

    private readonly Dictionary<(string Rome, string Area), Tension> _tensions;
    private readonly Dictionary<string, Tension[]> _tensionsByRome;
    private readonly Dictionary<string, HiringChannel[]> _channels;
    private readonly Dictionary<string, string> _mainChannel;
    private readonly Dictionary<string, RecruitmentDifficulty> _difficulties;
    private readonly Lazy<OfferCounts> _offers;

    private MarketData(
        Dictionary<(string, string), Tension> tensions,
        Dictionary<string, HiringChannel[]> channels,
        Dictionary<string, RecruitmentDifficulty> difficulties,
        Lazy<OfferCounts> offers)
    {
        _tensions = tensions;
        _tensionsByRome = tensions.Values
            .GroupBy(t => t.RomeCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.EmploymentAreaCode, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        _channels = channels;
        _mainChannel = new Dictionary<string, string>(channels.Count, StringComparer.Ordinal);
        foreach (var (rome, list) in channels)
        {
            if (MostFrequentMode(list) is { } mode)
            {
                _mainChannel.Add(rome, mode);
            }
        }
        _difficulties = difficulties;
        _offers = offers;
    }

    public int TensionCount => _tensions.Count;

    public bool TryGetTension(string romeCode, string employmentAreaCode, [MaybeNullWhen(false)] out Tension tension) =>
        _tensions.TryGetValue((romeCode, employmentAreaCode), out tension);

    /// <summary>Tension for a ROME code where a commune lies, through its employment area.</summary>
    public bool TryGetTension(string romeCode, Commune commune, [MaybeNullWhen(false)] out Tension tension)
    {
        if (commune.EmploymentAreaCode is { } area)
        {
            return TryGetTension(romeCode, area, out tension);
        }
        tension = null;
        return false;
    }

    /// <summary>Every employment area's tension for a ROME code, ordered by area code; empty when unknown.</summary>
    public IReadOnlyList<Tension> TensionsForRome(string romeCode) =>
        _tensionsByRome.TryGetValue(romeCode, out var list) ? list : [];

    /// <summary>Contact modes that work for a ROME code, one per NAF sector prefix; empty when unknown.</summary>
    public IReadOnlyList<HiringChannel> HiringChannels(string romeCode) =>
        _channels.TryGetValue(romeCode, out var list) ? list : [];

    /// <summary>
    /// The contact mode most sectors recommend for a ROME code; on a tie, the one the file lists first
    /// (so the answer is stable); null when the code is unknown.
    /// </summary>
    public string? MainHiringChannel(string romeCode) => _mainChannel.GetValueOrDefault(romeCode);

    public RecruitmentDifficulty? RecruitmentDifficulty(string romeCode) => _difficulties.GetValueOrDefault(romeCode);

    /// <summary>
    /// Open offers per commune and ROME code. Decompressing 325,000 rows takes about a second, so it
    /// happens on first access (once, thread-safe), not at start-up.
    /// </summary>
    public OfferCounts OfferCounts => _offers.Value;

    public bool OfferCountsLoaded => _offers.IsValueCreated;

    /// <summary>Loads <c>market/*.csv</c> from the reference data folder; the offers file is only opened on first use.</summary>
    public static MarketData Load(string dataPath)
    {
        var market = Path.Combine(dataPath, "market");
        var offersPath = Path.Combine(market, OffersFileName);
        return new MarketData(
            LoadTensions(Path.Combine(market, "tension_rome_bassin_2021.csv")),
            LoadChannels(Path.Combine(market, "hiring_channels_rome.csv")),
            LoadDifficulties(Path.Combine(market, "recruitment_difficulty_rome.csv")),
            new Lazy<OfferCounts>(() => OfferCounts.Load(offersPath), LazyThreadSafetyMode.ExecutionAndPublication));
    }

    private static Dictionary<(string, string), Tension> LoadTensions(string path)
    {
        var tensions = new Dictionary<(string, string), Tension>(28_000);
        var areas = new HashSet<string>(512, StringComparer.Ordinal);
        foreach (var row in CsvFile.Read(path, CsvDialect.Semicolon))
        {
            var rome = row["ROME"];
            var area = row["cbassin"];
            if (rome.Length == 0 || area.Length == 0)
            {
                continue;
            }
            // 27,000 rows name ~400 areas: share one string per area.
            if (!areas.TryGetValue(area, out var pooled))
            {
                areas.Add(area);
                pooled = area;
            }
            tensions[(rome, pooled)] = new Tension(
                rome,
                pooled,
                CsvFile.ParseDecimal(row["oee"]),
                CsvFile.ParseDecimal(row["defm_abc"]),
                Indicator(row.Optional("ind_tension_d")),
                Indicator(row.Optional("ind_int_emb_d")),
                Indicator(row.Optional("ind_main_oeuvre_d")),
                Indicator(row.Optional("ind_dur_empl_d")),
                Indicator(row.Optional("ind_cond_travail_d")),
                Indicator(row.Optional("ind_mismatch_geo_d")),
                Indicator(row.Optional("ind_specif_form_empl_d")));
        }
        return tensions;
    }

    private static int? Indicator(string? cell) =>
        int.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static Dictionary<string, HiringChannel[]> LoadChannels(string path)
    {
        var channels = new Dictionary<string, List<HiringChannel>>(600, StringComparer.Ordinal);
        foreach (var row in CsvFile.Read(path, CsvDialect.Comma))
        {
            var rome = row["rome"];
            var mode = row["contact_mode"];
            // Two rows name no contact mode: they carry no advice.
            if (rome.Length == 0 || mode.Length == 0)
            {
                continue;
            }
            if (!channels.TryGetValue(rome, out var list))
            {
                list = [];
                channels.Add(rome, list);
            }
            list.Add(new HiringChannel(row["naf_prefix"], rome, mode));
        }
        return channels.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    private static string? MostFrequentMode(HiringChannel[] channels)
    {
        string? best = null;
        var bestCount = 0;
        foreach (var channel in channels)
        {
            var count = channels.Count(c => c.ContactMode == channel.ContactMode);
            if (count > bestCount)
            {
                best = channel.ContactMode;
                bestCount = count;
            }
        }
        return best;
    }

    private static Dictionary<string, RecruitmentDifficulty> LoadDifficulties(string path)
    {
        var rows = new Dictionary<string, (string Label, List<FapDifficulty> Families)>(600, StringComparer.Ordinal);
        foreach (var row in CsvFile.Read(path, CsvDialect.Comma))
        {
            var rome = row["rome_code"];
            if (rome.Length == 0 || CsvFile.TryParseDecimal(row.Optional("tension_pct")) is not { } percent)
            {
                continue;
            }
            if (!rows.TryGetValue(rome, out var entry))
            {
                entry = (row["rome_label"], []);
                rows.Add(rome, entry);
            }
            entry.Families.Add(new FapDifficulty(row["fap_code"], row["fap"], percent));
        }
        var difficulties = new Dictionary<string, RecruitmentDifficulty>(rows.Count, StringComparer.Ordinal);
        foreach (var (rome, (label, families)) in rows)
        {
            difficulties.Add(rome, new RecruitmentDifficulty(
                rome,
                label,
                families.Average(f => f.DifficultPercent),
                string.Join(" / ", families.Select(f => f.FapLabel).Distinct(StringComparer.Ordinal)),
                [.. families]));
        }
        return difficulties;
    }
}
