using Matching.Engine.Data;

namespace Matching.Engine.Geography;

/// <summary>The commune to employment area file, kept only while loading.</summary>
internal sealed class BassinFile(Dictionary<string, string> areaOfCommune, Dictionary<string, string> areaNames, Dictionary<string, string> communeNames)
{
    public Dictionary<string, string> AreaOfCommune { get; } = areaOfCommune;

    public Dictionary<string, string> AreaNames { get; } = areaNames;

    public string? AreaOf(string insee) => AreaOfCommune.GetValueOrDefault(insee);

    public string? CommuneName(string insee) => communeNames.GetValueOrDefault(insee);

    public static BassinFile Load(string path)
    {
        var areaOfCommune = new Dictionary<string, string>(36_000, StringComparer.Ordinal);
        var communeNames = new Dictionary<string, string>(36_000, StringComparer.Ordinal);
        var areaNames = new Dictionary<string, string>(512, StringComparer.Ordinal);
        var pool = new HashSet<string>(512, StringComparer.Ordinal);
        foreach (var row in CsvFile.Read(path, CsvDialect.Comma))
        {
            var insee = row["CODE_COMMUNE_INSEE"];
            var area = row["BE19"];
            if (insee.Length == 0 || area.Length == 0)
            {
                continue;
            }
            // 35,000 rows name ~400 areas: share one string per area.
            if (!pool.TryGetValue(area, out var pooled))
            {
                pool.Add(area);
                pooled = area;
            }
            area = pooled;
            areaOfCommune[insee] = area;
            communeNames[insee] = row["NOMCOM"];
            // Two areas are spelled twice ("AGDE-PEZENAS", "Agde-Pézenas"): the first spelling wins.
            areaNames.TryAdd(area, row["NOMBE19"]);
        }
        return new BassinFile(areaOfCommune, areaNames, communeNames);
    }
}
