using Matching.Engine.Geography;
using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Tests.Indexing;

/// <summary>Skills picked from the real taxonomy by their links (not guessed), temp stores and small documents.</summary>
internal static class IndexTestKit
{
    private static readonly Lazy<SkillGraph> s_graph = new(() => new SkillGraph(TaxonomyFixture.Taxonomy));
    private static readonly Lazy<PlaceAreaMap> s_places = new(() => new PlaceAreaMap(Geography.TestData.Geography));

    /// <summary>The ground of the real départements and régions (geo/communes.csv).</summary>
    public static PlaceAreaMap PlaceAreas => s_places.Value;

    public static SkillsTaxonomy Esco => TaxonomyFixture.Taxonomy;

    public static SkillGraph Graph => s_graph.Value;

    public static readonly Place Paris = new(48.8566, 2.3522, "75056", "Paris");
    public static readonly Place Versailles = new(48.8049, 2.1204, "78646", "Versailles");
    public static readonly Place Lyon = new(45.7640, 4.8357, "69123", "Lyon");
    public static readonly Place Annecy = new(45.90235, 6.1264, "74010", "Annecy");

    /// <summary>Employment area of a commune for tests: its department.</summary>
    public static string? AreaOfCommune(string commune) => commune.Length >= 2 ? "D" + commune[..2] : null;

    public static string? AreaName(string code) => "Area " + code;

    /// <summary>A demanded skill and a supplied skill that meets it with the given kind (and no better way).</summary>
    public static (Skill Demanded, Skill Via) PairOfKind(SkillMatchKind kind, int skip = 0)
    {
        foreach (var skill in Esco.Skills)
        {
            var edges = Graph.MeetersOf(skill.Id);
            for (var i = 0; i < edges.Length; i++)
            {
                if (edges.Kinds[i] == kind && skip-- <= 0)
                {
                    return (skill, Esco.Skills[edges.Skills[i]]);
                }
            }
        }
        throw new InvalidOperationException($"No {kind} pair in the taxonomy.");
    }

    /// <summary>
    /// Real ROME codes for the occupation factor: a target sheet, a sheet of its ROME v3 family, a sheet an official mobility links
    /// to it (of another family), and a sheet neither (another job).
    /// </summary>
    public static (string Target, string SameFamily, string Mobility, string Other) RomeCodesForFit()
    {
        var rome = Esco.Rome4;
        var relations = Matching.Engine.Scoring.OccupationRelations.For(Esco);
        foreach (var sheet in rome.Sheets.OrderBy(s => s.Code, StringComparer.Ordinal))
        {
            var sibling = rome.SheetsOfFamily(sheet.ParentCode).FirstOrDefault(s => s.Code != sheet.Code);
            var mobility = sheet.Mobilities.FirstOrDefault(m => !rome.SameFamily(m, sheet.Code));
            if (sibling is null || mobility is null)
            {
                continue;
            }
            var other = rome.Sheets.OrderBy(s => s.Code, StringComparer.Ordinal).First(s => !relations.Close(s.Code, sheet.Code));
            return (sheet.Code, sibling.Code, mobility, other.Code);
        }
        throw new InvalidOperationException("No ROME 4.0 sheet has both a sibling and a mobility to another family.");
    }

    /// <summary>Skills with no edge between any two of them (none meets another in any way).</summary>
    public static Skill[] UnlinkedSkills(int count, int start = 1000)
    {
        var picked = new List<Skill>();
        for (var id = start; picked.Count < count; id += 37)
        {
            var candidate = Esco.Skills[id % Esco.Skills.Count];
            if (picked.All(p => !Linked(p.Id, candidate.Id)))
            {
                picked.Add(candidate);
            }
        }
        return [.. picked];
    }

    public static bool Linked(int a, int b)
    {
        if (a == b)
        {
            return true;
        }
        var edges = Graph.MeetersOf(a);
        for (var i = 0; i < edges.Length; i++)
        {
            if (edges.Skills[i] == b)
            {
                return true;
            }
        }
        edges = Graph.MeetersOf(b);
        for (var i = 0; i < edges.Length; i++)
        {
            if (edges.Skills[i] == a)
            {
                return true;
            }
        }
        return false;
    }

    public static OfferDocument Offer(string id, IEnumerable<Skill> essential, IEnumerable<Skill>? optional = null, Place? place = null,
        ContractType contract = ContractType.Unspecified, ExperienceRequirement experience = ExperienceRequirement.BeginnerAccepted,
        IEnumerable<Skill>? mustHave = null, string? occupationUri = null, string? romeCode = null) =>
        new()
        {
            Id = id,
            Title = "Offer " + id,
            OccupationUri = occupationUri,
            RomeCode = romeCode,
            Skills =
            [
                .. essential.Select(s => new DemandedSkill(s.Uri, SkillImportance.Essential)),
                .. (optional ?? []).Select(s => new DemandedSkill(s.Uri, SkillImportance.Optional)),
                .. (mustHave ?? []).Select(s => new DemandedSkill(s.Uri, SkillImportance.Essential, MustHave: true)),
            ],
            Place = place,
            Contract = contract,
            Experience = experience,
        };

    public static ProfileDocument Profile(string id, IEnumerable<Skill> skills, Place? place = null, double radiusKm = 30,
        double experienceYears = 5, IReadOnlyList<ContractType>? wishes = null, bool searchable = true, IReadOnlyList<string>? targets = null,
        IReadOnlyList<string>? targetRomeCodes = null) =>
        new()
        {
            Id = id,
            Skills = [.. skills.Select(s => new OfferedSkill(s.Uri))],
            Place = place,
            RadiusKm = radiusKm,
            ExperienceYears = experienceYears,
            ContractWishes = wishes ?? [],
            Searchable = searchable,
            TargetOccupationUris = targets ?? [],
            TargetRomeCodes = targetRomeCodes ?? [],
        };
}

/// <summary>A store in a fresh temp folder, deleted with the test.</summary>
internal sealed class TempStore : IDisposable
{
    public TempStore()
    {
        Folder = Path.Combine(Path.GetTempPath(), "coach-index-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string StorePath => Path.Combine(Folder, "coach.db");

    public EmbeddedMatchIndex Open() =>
        EmbeddedMatchIndex.Open(StorePath, IndexTestKit.Esco, IndexTestKit.Graph, IndexTestKit.AreaOfCommune, IndexTestKit.AreaName, IndexTestKit.PlaceAreas);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on some platforms: the temp folder is cleaned by the OS.
        }
    }
}
