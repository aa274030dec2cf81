using Matching.Engine.Indexing;
using Matching.Engine.Market;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Corpus;

/// <summary>
/// The tables the generator draws from, built once from the reference data: places and their
/// populations, (place group, ROME code) cells weighted by the real offer counts, and for each ROME
/// code its ESCO occupations weighted by the crosswalk.
/// </summary>
internal sealed class CorpusTables
{
    private CorpusTables(Place[] places, WeightedTable populationTable, Cell[] cells, WeightedTable cellTable, PlaceGroup[] groups, RomeEntry[] romes, long countedOffers, long unmappedOffers)
    {
        Places = places;
        PopulationTable = populationTable;
        Cells = cells;
        CellTable = cellTable;
        Groups = groups;
        Romes = romes;
        CountedOffers = countedOffers;
        UnmappedOffers = unmappedOffers;
    }

    /// <summary>Every commune, as a place.</summary>
    public Place[] Places { get; }

    /// <summary>Draws a commune by population.</summary>
    public WeightedTable PopulationTable { get; }

    /// <summary>(place group, ROME code) pairs that have offers.</summary>
    public Cell[] Cells { get; }

    /// <summary>Draws a cell by its offer count.</summary>
    public WeightedTable CellTable { get; }

    public PlaceGroup[] Groups { get; }

    public RomeEntry[] Romes { get; }

    public long CountedOffers { get; }

    public long UnmappedOffers { get; }

    public static CorpusTables Build(SkillsTaxonomy taxonomy, IReadOnlyList<CorpusCommune> communes, IEnumerable<OfferCount> offerCounts)
    {
        var places = new Place[communes.Count];
        long countedOffers = 0, unmappedOffers = 0;
        var populations = new double[communes.Count];
        var communeIndex = new Dictionary<string, int>(communes.Count, StringComparer.Ordinal);
        var byParent = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var byDepartement = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < communes.Count; i++)
        {
            var c = communes[i];
            places[i] = new Place(c.Latitude, c.Longitude, c.Code, c.Name);
            // A commune without inhabitants (a few "mortes pour la France") still hosts offers
            // when the counts say so, but is never drawn by population.
            populations[i] = Math.Max(0, c.Population);
            communeIndex[c.Code] = i;
            if (c.ParentCode is { Length: > 0 } parent)
            {
                Add(byParent, parent, i);
            }
            Add(byDepartement, c.Departement, i);
        }
        var populationTable = new WeightedTable(populations);

        var groups = new List<PlaceGroup>();
        var groupKeys = new Dictionary<string, int>(StringComparer.Ordinal);
        var romes = new List<RomeEntry>();
        var romeKeys = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var cells = new List<Cell>();
        var weights = new List<double>();
        foreach (var count in offerCounts)
        {
            if (count.Count <= 0)
            {
                continue;
            }
            countedOffers += count.Count;
            var rome = RomeIndex(count.RomeCode);
            if (rome < 0)
            {
                unmappedOffers += count.Count;
                continue;
            }
            var group = GroupIndex(count.CommuneInsee);
            cells.Add(new Cell(group, rome));
            weights.Add(count.Count);
        }
        if (cells.Count == 0)
        {
            throw new ArgumentException("No offer count maps to an ESCO occupation with essential skills (offerCounts).", nameof(offerCounts));
        }
        return new CorpusTables(places, populationTable, [.. cells], new WeightedTable([.. weights]), [.. groups], [.. romes], countedOffers, unmappedOffers);

        int RomeIndex(string code)
        {
            if (romeKeys.TryGetValue(code, out var index))
            {
                return index;
            }
            index = -1;
            if (taxonomy.RomeJob(code) is { } job)
            {
                var ids = new List<int>();
                var w = new List<double>();
                foreach (var occupationId in job.Occupations)
                {
                    var occupation = taxonomy.Occupations[occupationId];
                    if (occupation.EssentialSkills.Length == 0)
                    {
                        continue;
                    }
                    ids.Add(occupationId);
                    w.Add(CrosswalkWeight(occupation, job.Code));
                }
                if (ids.Count > 0)
                {
                    index = romes.Count;
                    romes.Add(new RomeEntry(job.Code, [.. ids], new WeightedTable([.. w])));
                }
            }
            romeKeys[code] = index;
            return index;
        }

        int GroupIndex(string? code)
        {
            // Where the count names a commune we know, the offers go there; an arrondissement
            // parent (Paris, Lyon, Marseille) spreads over its arrondissements; a commune code we
            // do not know (merged since) falls back to its département; an empty one to France.
            string key;
            int[] members;
            if (string.IsNullOrEmpty(code))
            {
                key = "*";
                members = [];
            }
            else if (communeIndex.TryGetValue(code, out var single))
            {
                key = code;
                members = [single];
            }
            else if (byParent.TryGetValue(code, out var arrondissements))
            {
                key = code;
                members = [.. arrondissements];
            }
            else if (byDepartement.TryGetValue(DepartementOf(code), out var departement))
            {
                key = "d" + DepartementOf(code);
                members = [.. departement];
            }
            else
            {
                key = "*";
                members = [];
            }
            if (groupKeys.TryGetValue(key, out var index))
            {
                return index;
            }
            index = groups.Count;
            groups.Add(members.Length switch
            {
                0 => new PlaceGroup([], null),
                1 => new PlaceGroup(members, null),
                _ => new PlaceGroup(members, ByPopulation(members, populations)),
            });
            groupKeys[key] = index;
            return index;
        }
    }

    private static string DepartementOf(string communeCode) =>
        communeCode.StartsWith("97", StringComparison.Ordinal) && communeCode.Length >= 3 ? communeCode[..3] : communeCode[..Math.Min(2, communeCode.Length)];

    private static WeightedTable? ByPopulation(int[] members, double[] populations)
    {
        var weights = new double[members.Length];
        var total = 0.0;
        for (var i = 0; i < members.Length; i++)
        {
            weights[i] = populations[members[i]];
            total += weights[i];
        }
        if (total <= 0)
        {
            Array.Fill(weights, 1);
        }
        return new WeightedTable(weights);
    }

    private static void Add(Dictionary<string, List<int>> map, string key, int value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }
        list.Add(value);
    }

    // Best crosswalk link of the occupation to this ROME sheet: an exact match is the occupation
    // an offer of that code most likely is; broad and narrow links are rarer.
    private static double CrosswalkWeight(Occupation occupation, string romeCode)
    {
        var best = 0.0;
        foreach (var link in occupation.RomeTitles)
        {
            if (!string.Equals(link.RomeCode, romeCode, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var weight = link.Match switch
            {
                CrosswalkMatch.Exact => 4.0,
                CrosswalkMatch.Close => 2.0,
                _ => 1.0,
            };
            best = Math.Max(best, weight);
        }
        return best > 0 ? best : 1.0;
    }

    public readonly record struct Cell(int Group, int Rome);

    public sealed record PlaceGroup(int[] Members, WeightedTable? Table);

    public sealed record RomeEntry(string Code, int[] Occupations, WeightedTable Table);
}
