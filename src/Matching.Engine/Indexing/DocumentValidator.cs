using Matching.Engine.Indexing.Embedded;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Indexing;

/// <summary>A candidate query whose skills resolved: taxonomy ids, a must-have skill listed once (must-have wins).</summary>
public sealed record ResolvedCandidateQuery(IReadOnlyList<int> MustHave, IReadOnlyList<int> NiceToHave);

/// <summary>A supply/demand query whose concept resolved: a skill id or an occupation id (the other is -1), and the radius.</summary>
public sealed record ResolvedSupplyDemandQuery(int Skill, int Occupation, double RadiusKm);

/// <summary>
/// The validation every <see cref="IMatchIndex"/> applies before it writes or queries: the same errors
/// (item, field, message) whatever the implementation. Throws <see cref="IndexValidationException"/>
/// listing every error of a batch.
/// </summary>
public sealed class DocumentValidator(SkillsTaxonomy taxonomy)
{
    /// <summary>Radius of a supply/demand query around a place, when the query does not say.</summary>
    public const double DefaultSupplyDemandRadiusKm = 30;

    private readonly DocumentCompiler _compiler = new(taxonomy);

    public void ValidateOffers(IReadOnlyList<OfferDocument> offers) => _compiler.CompileOffers(offers);

    public void ValidateProfiles(IReadOnlyList<ProfileDocument> profiles) => _compiler.CompileProfiles(profiles);

    /// <summary>An offer used as a query (it need not be stored, nor have an id).</summary>
    public void ValidateOfferProbe(OfferDocument offer) => _compiler.CompileOfferProbe(offer);

    public void ValidateProfileProbe(ProfileDocument profile) => _compiler.CompileProfileProbe(profile);

    /// <summary>Page size and radius override of a match query.</summary>
    public static void ValidateOptions(MatchOptions options)
    {
        CheckSize(options.Size);
        if (options.RadiusKm is { } radius)
        {
            CheckRadius(radius);
        }
        PageCursor.Decode(options.Cursor);
    }

    public static int CheckSize(int size) =>
        size is >= 1 and <= QueryScratch.MaxPageSize
            ? size
            : throw new IndexValidationException([new IndexValidationError("query", "Size", $"must be between 1 and {QueryScratch.MaxPageSize}.")]);

    public static void CheckRadius(double radius)
    {
        if (!double.IsFinite(radius) || radius < 0)
        {
            throw new IndexValidationException([new IndexValidationError("query", "RadiusKm", "must be a finite number of km ≥ 0.")]);
        }
    }

    public ResolvedCandidateQuery ValidateCandidateQuery(CandidateQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new List<IndexValidationError>();
        var must = new List<int>();
        var nice = new List<int>();
        var mustHave = query.MustHave ?? [];
        var niceToHave = query.NiceToHave ?? [];
        for (var i = 0; i < mustHave.Count; i++)
        {
            var id = _compiler.ResolveSkill(mustHave[i], "query", "MustHave", i, null, errors);
            if (id >= 0 && !must.Contains(id))
            {
                must.Add(id);
            }
        }
        for (var i = 0; i < niceToHave.Count; i++)
        {
            var id = _compiler.ResolveSkill(niceToHave[i], "query", "NiceToHave", i, null, errors);
            if (id >= 0 && !must.Contains(id) && !nice.Contains(id))
            {
                nice.Add(id);
            }
        }
        DocumentCompiler.CheckSkillCount(mustHave.Count + niceToHave.Count, "query", "MustHave", errors);
        if (mustHave.Count + niceToHave.Count == 0)
        {
            errors.Add(new("query", "MustHave", "at least one skill is needed in MustHave or NiceToHave."));
        }
        DocumentCompiler.CheckPlace(query.Place, "query", errors);
        if (query.RadiusKm is { } radius && (!double.IsFinite(radius) || radius < 0))
        {
            errors.Add(new("query", "RadiusKm", "must be a finite number of km ≥ 0."));
        }
        if (query.MinExperienceYears is { } min && (!double.IsFinite(min) || min < 0))
        {
            errors.Add(new("query", "MinExperienceYears", "must be a finite number ≥ 0."));
        }
        DocumentCompiler.ThrowIfAny(errors);
        must.Sort();
        nice.Sort();
        return new ResolvedCandidateQuery(must, nice);
    }

    public ResolvedSupplyDemandQuery ValidateSupplyDemand(SupplyDemandQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new List<IndexValidationError>();
        int skill = -1, occupation = -1;
        var hasSkill = !string.IsNullOrWhiteSpace(query.SkillUri);
        var hasOccupation = !string.IsNullOrWhiteSpace(query.OccupationUri);
        if (hasSkill == hasOccupation)
        {
            errors.Add(new("query", "SkillUri", "exactly one of SkillUri and OccupationUri is needed."));
        }
        else if (hasSkill)
        {
            skill = _compiler.ResolveSkill(query.SkillUri, "query", "SkillUri", errors);
        }
        else if (taxonomy.OccupationByUri(query.OccupationUri!) is { } o)
        {
            occupation = o.Id;
        }
        else
        {
            errors.Add(new("query", "OccupationUri", $"'{query.OccupationUri}' is not an ESCO occupation URI."));
        }
        DocumentCompiler.CheckPlace(query.Place, "query", errors);
        var radius = query.RadiusKm ?? DefaultSupplyDemandRadiusKm;
        if (!double.IsFinite(radius) || radius < 0)
        {
            errors.Add(new("query", "RadiusKm", "must be a finite number of km ≥ 0."));
        }
        DocumentCompiler.ThrowIfAny(errors);
        return new ResolvedSupplyDemandQuery(skill, occupation, radius);
    }
}
