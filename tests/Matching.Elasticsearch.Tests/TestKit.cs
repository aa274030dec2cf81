using Matching.Engine.Data;
using Matching.Engine.Geography;
using Matching.Engine.Indexing;
using Matching.Engine.Taxonomy;
using Microsoft.Extensions.Logging.Abstractions;

namespace Matching.Elasticsearch.Tests;

/// <summary>The real taxonomy (loaded once), real skills picked by their links, and an index on a given URL.</summary>
internal static class TestKit
{
    private static readonly Lazy<SkillsTaxonomy> s_taxonomy = new(() =>
        TaxonomyLoader.Load(DataFolder.Resolve(Environment.GetEnvironmentVariable("COACH_DATA"), AppContext.BaseDirectory)));
    private static readonly Lazy<SkillGraph> s_graph = new(() => new SkillGraph(Taxonomy));
    private static readonly Lazy<PlaceAreaMap> s_places = new(() =>
        new PlaceAreaMap(GeographyData.Load(DataFolder.Resolve(Environment.GetEnvironmentVariable("COACH_DATA"), AppContext.BaseDirectory))));

    /// <summary>The ground of the real départements and régions.</summary>
    public static PlaceAreaMap PlaceAreas => s_places.Value;

    public static SkillsTaxonomy Taxonomy => s_taxonomy.Value;

    public static SkillGraph Graph => s_graph.Value;

    public static readonly Place Paris = new(48.8566, 2.3522, "75056", "Paris");
    public static readonly Place Versailles = new(48.8049, 2.1204, "78646", "Versailles");
    public static readonly Place Lyon = new(45.7640, 4.8357, "69123", "Lyon");
    public static readonly Place Annecy = new(45.90235, 6.1264, "74010", "Annecy");

    public static string? AreaOfCommune(string commune) => commune.Length >= 2 ? "D" + commune[..2] : null;

    public static string? AreaName(string code) => "Area " + code;

    public static ElasticsearchMatchIndex Start(Uri url, Action<ElasticsearchIndexOptions>? configure = null, string prefix = "coach")
    {
        var options = new ElasticsearchIndexOptions { Url = url.ToString().TrimEnd('/'), IndexPrefix = prefix, RequestTimeoutSeconds = 5 };
        configure?.Invoke(options);
        return ElasticsearchMatchIndex.Start(options, Taxonomy, Graph, AreaOfCommune, AreaName, NullLogger.Instance, PlaceAreas);
    }

    /// <summary>A demanded skill and a supplied skill that meets it with the given kind.</summary>
    public static (Skill Demanded, Skill Via) PairOfKind(SkillMatchKind kind)
    {
        foreach (var skill in Taxonomy.Skills)
        {
            var edges = Graph.MeetersOf(skill.Id);
            for (var i = 0; i < edges.Length; i++)
            {
                if (edges.Kinds[i] == kind)
                {
                    return (skill, Taxonomy.Skills[edges.Skills[i]]);
                }
            }
        }
        throw new InvalidOperationException($"No {kind} pair.");
    }

    public static Skill Skill(int id) => Taxonomy.Skills[id];

    public static OfferDocument Offer(string id, IEnumerable<Skill> essential, IEnumerable<Skill>? optional = null, Place? place = null,
        ContractType contract = ContractType.Unspecified, ExperienceRequirement experience = ExperienceRequirement.BeginnerAccepted,
        IEnumerable<Skill>? mustHave = null, string? owner = null) => new()
        {
            Id = id,
            Title = "Offer " + id,
            Skills =
            [
                .. essential.Select(s => new DemandedSkill(s.Uri, SkillImportance.Essential)),
                .. (optional ?? []).Select(s => new DemandedSkill(s.Uri, SkillImportance.Optional)),
                .. (mustHave ?? []).Select(s => new DemandedSkill(s.Uri, SkillImportance.Essential, MustHave: true)),
            ],
            Place = place,
            Contract = contract,
            Experience = experience,
            OwnerId = owner,
        };

    public static ProfileDocument Profile(string id, IEnumerable<Skill> skills, Place? place = null, double radiusKm = 30,
        double experienceYears = 5, IReadOnlyList<ContractType>? wishes = null, bool searchable = true) => new()
        {
            Id = id,
            Skills = [.. skills.Select(s => new OfferedSkill(s.Uri))],
            Place = place,
            RadiusKm = radiusKm,
            ExperienceYears = experienceYears,
            ContractWishes = wishes ?? [],
            Searchable = searchable,
        };
}
