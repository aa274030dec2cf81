using System.Globalization;
using Matching.Engine.Data;

namespace Matching.Engine.Geography;

/// <summary>
/// Reads <c>geo/communes.csv</c>, which has one row per commune and postcode, plus rows for merged
/// former communes ("COMD", sharing the INSEE code of the commune that absorbed them), and no row
/// for Paris, Lyon and Marseille themselves: this folds all of that into one <see cref="Commune"/> per code.
/// </summary>
internal static class CommuneFile
{
    public static Commune[] Load(string path, Dictionary<string, Departement> departements, BassinFile bassins)
    {
        var builders = new Dictionary<string, Builder>(36_000, StringComparer.Ordinal);
        foreach (var row in CsvFile.Read(path, CsvDialect.Comma))
        {
            var insee = row["insee_com"];
            if (insee.Length == 0)
            {
                continue;
            }
            if (!builders.TryGetValue(insee, out var builder))
            {
                builder = new Builder(insee);
                builders.Add(insee, builder);
            }
            builder.Add(row);
        }

        var communes = new List<Commune>(builders.Count + 3);
        foreach (var builder in builders.Values)
        {
            communes.Add(builder.Build(departements, bassins));
        }
        communes.AddRange(SynthesizeParents(communes, bassins));
        communes.Sort(static (a, b) => string.CompareOrdinal(a.InseeCode, b.InseeCode));
        return [.. communes];
    }

    /// <summary>Paris, Lyon and Marseille, built from their arrondissements.</summary>
    private static IEnumerable<Commune> SynthesizeParents(List<Commune> communes, BassinFile bassins)
    {
        var known = communes.Select(c => c.InseeCode).ToHashSet(StringComparer.Ordinal);
        foreach (var group in communes.Where(c => c.ParentInseeCode is not null).GroupBy(c => c.ParentInseeCode!, StringComparer.Ordinal))
        {
            if (known.Contains(group.Key))
            {
                continue;
            }
            var parts = group.ToArray();
            var population = parts.Sum(c => c.Population);
            double latSum = 0, lonSum = 0, weightSum = 0;
            foreach (var part in parts)
            {
                if (part.Location is { } point)
                {
                    // Weighting by population puts the city where its people are, not at the centre of its parks.
                    double weight = Math.Max(part.Population, 1);
                    latSum += point.Latitude * weight;
                    lonSum += point.Longitude * weight;
                    weightSum += weight;
                }
            }
            var first = parts[0];
            var areas = parts.Where(c => c.AreaKm2 is not null).Select(c => c.AreaKm2!.Value).ToArray();
            yield return new Commune(
                group.Key,
                bassins.CommuneName(group.Key) ?? CityName(first.Name),
                bassins.CommuneName(group.Key) ?? CityName(first.Name),
                [.. parts.SelectMany(c => c.Postcodes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                weightSum > 0 ? latSum / weightSum : null,
                weightSum > 0 ? lonSum / weightSum : null,
                population,
                first.DepartementCode,
                first.RegionCode,
                ParentInseeCode: null,
                bassins.AreaOf(group.Key) ?? MostCommon(parts.Select(c => c.EmploymentAreaCode)),
                parts.Sum(c => c.Active15To64),
                parts.Sum(c => c.Unemployed15To64),
                areas.Length > 0 ? areas.Sum() : null,
                [],
                IsSynthesized: true);
        }
    }

    /// <summary>"Lyon 3e Arrondissement" → "Lyon".</summary>
    private static string CityName(string arrondissementName)
    {
        var space = arrondissementName.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? arrondissementName[..space] : arrondissementName;
    }

    private static string? MostCommon(IEnumerable<string?> codes) =>
        codes.Where(c => c is not null)
            .GroupBy(c => c!, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .FirstOrDefault();

    /// <summary>The rows of one INSEE code.</summary>
    private sealed class Builder(string insee)
    {
        private readonly SortedSet<string> _postcodes = new(StringComparer.Ordinal);
        private readonly List<string> _delegatedNames = [];
        private CsvRow? _main;
        private CsvRow? _delegated;

        public void Add(CsvRow row)
        {
            var postcode = row["code_postal"];
            if (postcode.Length > 0)
            {
                _postcodes.Add(postcode);
            }
            if (row["commune_type"] == "COMD")
            {
                _delegated ??= row;
                var name = row["commune"];
                if (!_delegatedNames.Contains(name, StringComparer.Ordinal))
                {
                    _delegatedNames.Add(name);
                }
                return;
            }
            // Rows of one code differ only by postcode (checked on this file); the first speaks for all.
            _main ??= row;
        }

        public Commune Build(Dictionary<string, Departement> departements, BassinFile bassins)
        {
            // Every merged former commune shares its code with a "COM" row; should one not, it still stands on its own.
            var row = _main ?? _delegated!.Value;
            var name = row["commune"];
            var departement = row.Optional("insee_dep") ?? DepartementOf(insee);
            var region = row.Optional("insee_reg") ?? departements.GetValueOrDefault(departement)?.RegionCode ?? "";
            var parent = row["commune_type"] == "ARM" ? row.Optional("insee_parente") : null;
            var lat = CsvFile.TryParseDecimal(row.Optional("lat"));
            var lon = CsvFile.TryParseDecimal(row.Optional("lng"));
            return new Commune(
                insee,
                name,
                row.Optional("commune_article") ?? name,
                [.. _postcodes],
                lat is not null && lon is not null ? lat : null,
                lat is not null && lon is not null ? lon : null,
                ParseInt(row["population_2021"]),
                departement,
                region,
                parent,
                // Arrondissements are not in the bassin file: they share their city's area.
                bassins.AreaOf(insee) ?? (parent is null ? null : bassins.AreaOf(parent)),
                ParseInt(row["pop_15_64_active_2021"]),
                ParseInt(row["pop_15_64_chomage_2021"]),
                CsvFile.TryParseDecimal(row.Optional("superficie_km2")),
                [.. _delegatedNames.Where(n => !string.Equals(n, name, StringComparison.Ordinal))]);
        }

        private static string DepartementOf(string insee) => insee.StartsWith("97", StringComparison.Ordinal) ? insee[..3] : insee[..2];

        private static int ParseInt(string text) =>
            text.Length == 0 ? 0 : (int)Math.Round(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
    }
}
