using Matching.Engine.Access;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Ingest;
using Matching.Engine.Offers;
using Matching.Engine.Privacy;
using Matching.Engine.Ranking;
using Matching.Engine.Scoring;

namespace Matching.Engine.Candidates;

/// <summary>
/// Candidates for a recruiter: for one of their offers, or by a search on skills. Only seekers who
/// consented appear, under a pseudonym per recruiter, scored and ranked by distance band.
/// </summary>
public sealed class CandidateFinder(IMatchIndex index, Pseudonyms pseudonyms, ReferenceDataProvider referenceData, Coaching.SeekerStore seekers, TimeProvider time, OfferRanking? ranking = null)
{
    public const int MaxPageSize = 100;
    public const int MaxSkills = 100;
    public const double MaxRadiusKm = 1000;
    public const double DefaultRadiusKm = 30;

    /// <summary>The best consenting candidates for an offer the caller owns (an admin: any offer).</summary>
    public async Task<Outcome<CandidatePage>> ForOfferAsync(
        CoachUser caller, string offerId, int? size, string? cursor, string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!(caller.IsRecruiter || caller.IsAdmin))
        {
            return Outcome.Forbidden("Only recruiters and admins see candidates.");
        }
        if (size is < 1 or > MaxPageSize)
        {
            return Outcome.Invalid("size", $"The page size must be between 1 and {MaxPageSize}.");
        }
        if (Outcome.InvalidCursor(cursor) is { } cursorError)
        {
            return cursorError;
        }
        if (await index.GetOfferAsync(offerId, cancellationToken) is not { } offer || !OfferPostings.Owns(caller, offer))
        {
            return Outcome.NotFound("offer", offerId);
        }
        var page = await index.MatchProfilesAsync(offer, Consent.ForRecruiter(new MatchOptions(size ?? 20, cursor)), cancellationToken);
        return Outcome.Ok(new CandidatePage(await ViewsAsync(caller, page.Hits, language, cancellationToken, cursor is null ? offer : null), page.Total, page.NextCursor, TotalIsLowerBound: page.TotalIsLowerBound));
    }

    /// <summary>Candidates by must-have and nice-to-have skills, place and radius, contracts, experience; with facets.</summary>
    public async Task<Outcome<CandidatePage>> SearchAsync(CoachUser caller, CandidateSearchRequest request, string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (!(caller.IsRecruiter || caller.IsAdmin))
        {
            return Outcome.Forbidden("Only recruiters and admins search candidates.");
        }
        var built = ToQuery(request);
        if (built.Value is not { } query)
        {
            return built.Refusal!;
        }
        var result = await index.SearchCandidatesAsync(query, cancellationToken);
        return Outcome.Ok(new CandidatePage(await ViewsAsync(caller, result.Hits, language, cancellationToken), result.Total, result.NextCursor, result.Facets));
    }

    /// <summary>The request checked and read (skills, commune, radius, contracts): the index's query, or the errors by field.</summary>
    public Outcome<CandidateQuery> ToQuery(CandidateSearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var data = referenceData.Require();
        var errors = new Dictionary<string, string[]>();
        var mustHave = SkillUris(data, request.MustHave, "mustHave", errors);
        var niceToHave = SkillUris(data, request.NiceToHave, "niceToHave", errors);
        if (mustHave.Count + niceToHave.Count == 0 && !errors.Keys.Any(k => k.StartsWith("mustHave", StringComparison.Ordinal) || k.StartsWith("niceToHave", StringComparison.Ordinal)))
        {
            errors["mustHave"] = ["Give at least one skill, must-have or nice-to-have."];
        }
        Place? place = null;
        if (request.Place is { } placeText)
        {
            var commune = placeText.Length > 100 ? null : data.Geography.Resolve(placeText);
            if (commune?.Location is { } location)
            {
                place = new Place(location.Latitude, location.Longitude, commune.InseeCode, commune.NameWithArticle);
            }
            else
            {
                errors["place"] = [$"Unknown commune or postcode '{Truncate(placeText)}'."];
            }
        }
        if (request.RadiusKm is { } radius && (!double.IsFinite(radius) || radius is < 0 or > MaxRadiusKm))
        {
            errors["radiusKm"] = [$"The radius must be between 0 and {MaxRadiusKm} km."];
        }
        var contracts = new List<ContractType>();
        for (var i = 0; i < (request.Contracts?.Count ?? 0); i++)
        {
            if (request.Contracts![i] is { } code && IngestCodes.TryContract(code, out var contract))
            {
                contracts.Add(contract);
            }
            else
            {
                errors[$"contracts[{i}]"] = [IngestCodes.ContractExpected];
            }
        }
        if (request.MinExperienceYears is { } min && (!double.IsFinite(min) || min is < 0 or > 60))
        {
            errors["minExperienceYears"] = ["Experience must be between 0 and 60 years."];
        }
        if (request.Size is < 1 or > MaxPageSize)
        {
            errors["size"] = [$"The page size must be between 1 and {MaxPageSize}."];
        }
        if (Outcome.InvalidCursor(request.Cursor) is { } cursorError)
        {
            errors["cursor"] = [.. cursorError.Errors!["cursor"]];
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        var query = new CandidateQuery(
            mustHave, niceToHave, request.AllowRelated, place,
            place is null ? null : request.RadiusKm ?? DefaultRadiusKm,
            contracts.Count > 0 ? contracts : null, request.MinExperienceYears, request.Size, request.Cursor);
        return Outcome.Ok(query);
    }

    /// <summary>
    /// The hits as the recruiter sees them. Seekers who did not consent are dropped whatever the index
    /// returned; the pseudonyms shown are remembered so this recruiter, and only this one, can name one back.
    /// </summary>
    /// <param name="forOffer">The recruiter's offer these are the first page of candidates of: recorded as shown (the
    /// impressions the offer ranking learns from, with contact requests); null for a search by skills or a later page.</param>
    private async Task<List<CandidateView>> ViewsAsync(CoachUser recruiter, IEnumerable<MatchHit> hits, string language, CancellationToken cancellationToken,
        OfferDocument? forOffer = null)
    {
        var taxonomy = referenceData.Require().Taxonomy;
        var shown = new List<(MatchHit Hit, ProfileDocument Profile)>();
        foreach (var hit in hits)
        {
            if (await index.GetProfileAsync(hit.Id, cancellationToken) is { } profile && Consent.MayAppearInRecruiterSearch(profile))
            {
                shown.Add((hit, profile));
            }
        }
        if (forOffer is not null)
        {
            ranking?.RecordCandidates(recruiter.Id, forOffer, shown, OfferRanking.Tension(referenceData.Require()));
        }
        var names = pseudonyms.Issue(recruiter.Id, [.. shown.Select(s => s.Hit.Id)]);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return [.. shown.Select((s, i) =>
        {
            // What the seeker said of their search, the only availability Coach knows; never their identity.
            var questionnaire = seekers.Get(s.Profile.Id);
            return new CandidateView(
                names[i],
                Math.Round(s.Hit.Score, 4),
                [.. s.Profile.Skills.Select(k => ExplanationViews.Skill(taxonomy, k.SkillUri, language))],
                s.Profile.ExperienceYears,
                s.Profile.ContractWishes,
                // The index explains a recruiter's hit by its band's floor, which reads back as the same band.
                DistanceBands.Of(s.Hit.Explanation.DistanceKm),
                ExplanationViews.Explain(s.Hit.Explanation, taxonomy, language) with { DistanceKm = null },
                s.Profile.TargetOccupationUris.Select(taxonomy.OccupationByUri).FirstOrDefault(o => o is not null)?.Label(language),
                questionnaire?.MonthsSearching(today),
                questionnaire?.SearchStarted == false,
                // The best attested first: an adviser's confirmation, a colleague's endorsement, a training, a past job.
                [.. s.Profile.Skills.Where(k => k.Evidence is not (SkillEvidence.Declared or SkillEvidence.Inferred))
                    .OrderByDescending(k => MatchScorer.EvidenceWeight(k.Evidence))
                    .Select(k => new EvidencedSkill(ExplanationViews.Skill(taxonomy, k.SkillUri, language), k.Evidence))]);
        })];
    }

    private static List<string> SkillUris(ReferenceData data, IReadOnlyList<string>? uris, string field, Dictionary<string, string[]> errors)
    {
        var list = new List<string>();
        if (uris is null)
        {
            return list;
        }
        if (uris.Count > MaxSkills)
        {
            errors[field] = [$"At most {MaxSkills} skills."];
            return list;
        }
        for (var i = 0; i < uris.Count; i++)
        {
            if (uris[i] is not { } uri || data.Taxonomy.SkillByUri(uri) is null)
            {
                errors[$"{field}[{i}]"] = [$"Unknown ESCO skill URI '{Truncate(uris[i] ?? "")}'."];
            }
            else
            {
                list.Add(uri);
            }
        }
        return list;
    }

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
