using Matching.Engine.Access;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Market;

/// <summary>What the market view is asked: exactly one of a skill or an occupation, around a place or nationwide.</summary>
/// <param name="Skill">ESCO skill URI.</param>
/// <param name="Occupation">ESCO occupation URI or ROME code.</param>
/// <param name="Place">INSEE code or postcode; nationwide when absent.</param>
/// <param name="RadiusKm">Around the place (default 30 km).</param>
/// <param name="RomeCode">The ROME job sheet whose DARES tension to show, when the occupation spans several (default: the occupation's first).</param>
public sealed record MarketQuery(string? Skill, string? Occupation, string? Place = null, double? RadiusKm = null, string? RomeCode = null);

/// <summary>DARES tension of a job in an employment area: offers registered per ten job seekers.</summary>
public sealed record AreaTension(string AreaCode, string? AreaName, double OffersPerTenJobSeekers);

/// <summary>Live supply and demand of a skill or a job, per employment area, with the DARES tension of the job.</summary>
/// <param name="LocalTension">The tension in the place's employment area, when a place and a job are given.</param>
/// <param name="Tension">The tension in the place's area and in each area of <paramref name="Areas"/>, where DARES publishes it.</param>
public sealed record SupplyDemandView(
    string? SkillUri, string? SkillLabel, string? OccupationUri, string? OccupationLabel, string? Place, double? RadiusKm,
    long Offers, long Profiles, double? OffersPerProfile, IReadOnlyList<SupplyDemandArea> Areas,
    string? RomeCode = null, AreaTension? LocalTension = null, IReadOnlyList<AreaTension>? Tension = null);

/// <summary>The market view: aggregate counts only, no personal data, open to everyone.</summary>
public sealed class MarketOverview(IMatchIndex index, ReferenceDataProvider referenceData, Caching.ICoachCache cache)
{
    public const double DefaultRadiusKm = 30;
    public const double MaxRadiusKm = 1000;

    public async Task<Outcome<SupplyDemandView>> SupplyDemandAsync(MarketQuery query, string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var data = referenceData.Require();
        var taxonomy = data.Taxonomy;
        if (string.IsNullOrWhiteSpace(query.Skill) == string.IsNullOrWhiteSpace(query.Occupation))
        {
            return Outcome.Invalid("skill", "Give exactly one of skill (ESCO skill URI) or occupation (ESCO occupation URI or ROME code).");
        }
        var skill = string.IsNullOrWhiteSpace(query.Skill) ? null : taxonomy.SkillByUri(query.Skill);
        if (!string.IsNullOrWhiteSpace(query.Skill) && skill is null)
        {
            return Outcome.Invalid("skill", "Unknown ESCO skill URI.");
        }
        Occupation? occupation = null;
        string? rome = null;
        if (!string.IsNullOrWhiteSpace(query.Occupation))
        {
            var code = query.Occupation.Trim().ToUpperInvariant();
            occupation = taxonomy.OccupationByUri(query.Occupation) ?? (code.Length <= 10 ? taxonomy.OccupationsForRome(code).FirstOrDefault() : null);
            if (occupation is null)
            {
                return Outcome.Invalid("occupation", "Unknown ESCO occupation URI or ROME code.");
            }
            rome = occupation.RomeCodes.Contains(code) ? code : occupation.RomeCodes.FirstOrDefault();
            if (query.RomeCode is { } asked)
            {
                if (taxonomy.RomeJob(asked.Trim().ToUpperInvariant()) is null)
                {
                    return Outcome.Invalid("romeCode", "Unknown ROME code.");
                }
                rome = asked.Trim().ToUpperInvariant();
            }
        }
        Place? centre = null;
        Geography.Commune? commune = null;
        if (query.Place is { } placeText)
        {
            commune = placeText.Length > 100 ? null : data.Geography.Resolve(placeText);
            if (commune?.Location is not { } location)
            {
                return Outcome.Invalid("place", "Unknown commune or postcode.");
            }
            centre = new Place(location.Latitude, location.Longitude, commune.InseeCode, commune.NameWithArticle);
        }
        if (query.RadiusKm is { } r && (!double.IsFinite(r) || r is < 0 or > MaxRadiusKm))
        {
            return Outcome.Invalid("radiusKm", $"The radius must be between 0 and {MaxRadiusKm} km.");
        }

        var radius = centre is null ? (double?)null : query.RadiusKm ?? DefaultRadiusKm;
        var supplyDemand = new SupplyDemandQuery(skill?.Uri, occupation?.Uri, centre, radius);
        var result = await cache.SupplyDemandAsync(supplyDemand, ct => index.SupplyDemandAsync(supplyDemand, ct), cancellationToken);
        AreaTension? Tension(string? area) =>
            rome is not null && area is not null && data.Market.TryGetTension(rome, area, out var t) && t.OffersPerTenJobSeekers is { } perTen
                ? new AreaTension(area, data.Geography.EmploymentArea(area)?.Name, Math.Round(perTen, 2))
                : null;
        var centreArea = commune is null ? null : data.Geography.EmploymentAreaOf(commune.InseeCode)?.Code;
        var tension = rome is null ? null
            : result.Areas.Select(a => a.AreaCode).Prepend(centreArea).OfType<string>().Distinct().Select(Tension).OfType<AreaTension>().ToList();
        return Outcome.Ok(new SupplyDemandView(
            skill?.Uri, skill?.Label(language), occupation?.Uri, occupation?.Label(language),
            centre?.Label, radius, result.Offers, result.Profiles,
            result.Profiles == 0 ? null : Math.Round((double)result.Offers / result.Profiles, 3), result.Areas,
            rome, Tension(centreArea), tension));
    }
}
