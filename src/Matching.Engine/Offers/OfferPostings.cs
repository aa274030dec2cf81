using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Matching.Engine.Access;
using Matching.Engine.Alerts;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Ingest;

namespace Matching.Engine.Offers;

/// <summary>An offer a recruiter writes on the web page: the occupation and skills they confirmed, a place, a contract.</summary>
public sealed record OfferDraft(
    string Title,
    string? OccupationUri,
    string? RomeCode,
    IReadOnlyList<DemandedSkill> Skills,
    Place? Place,
    ContractType Contract);

/// <summary>
/// Offers (demand): posted one at a time from the recruiter's page, ingested in bulk through the API,
/// read, deleted. A recruiter's offers are theirs (<see cref="OfferDocument.OwnerId"/>), so the owner
/// checks, export and erasure reach them; another recruiter's offer is not found.
/// </summary>
public sealed class OfferPostings(IMatchIndex index, DocumentBuilders builders, ReferenceDataProvider referenceData, AlertMatcher alerts, TimeProvider time)
{
    public const int MaxTitleLength = 200;

    /// <summary>
    /// Offers in bulk (a JSON array or NDJSON, Coach's schema or France Travail's), one answer per item.
    /// A recruiter's offers are marked with their id, and an id another recruiter owns is refused per item.
    /// </summary>
    public async Task<Outcome<IngestResponse>> IngestAsync(CoachUser caller, Stream body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!(caller.IsRecruiter || caller.IsAdmin))
        {
            return Outcome.Forbidden("Only recruiters and admins post offers.");
        }
        var owner = OwnerFor(caller);
        async IAsyncEnumerable<IngestOutcome<OfferDocument>> Owned([EnumeratorCancellation] CancellationToken ct)
        {
            await foreach (var outcome in builders.Offers.BuildAsync(body, ct))
            {
                if (owner is null || outcome.Document is not { } document)
                {
                    yield return outcome;
                }
                else if (await index.GetOfferAsync(document.Id, ct) is { } existing && existing.OwnerId != owner)
                {
                    yield return outcome with { Document = null, Errors = new Dictionary<string, string[]> { ["id"] = ["An offer with this id belongs to another recruiter."] } };
                }
                else
                {
                    yield return outcome with { Document = document with { OwnerId = owner } };
                }
            }
        }
        // Each batch, once written, is matched against the seekers' saved searches (their alerts).
        async Task<BulkResult> WriteAsync(IReadOnlyList<OfferDocument> batch, CancellationToken ct)
        {
            var written = await index.UpsertOffersAsync(batch, ct);
            await alerts.OffersWrittenAsync(batch, ct);
            return written;
        }
        return Outcome.Ok(await BulkIngest.RunAsync(Owned(cancellationToken), WriteAsync, o => o.Id, cancellationToken));
    }

    /// <summary>One offer from the recruiter's page, under a new id, owned by the recruiter who posts it.</summary>
    public async Task<Outcome<OfferDocument>> PostAsync(CoachUser caller, OfferDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(draft);
        if (!(caller.IsRecruiter || caller.IsAdmin))
        {
            return Outcome.Forbidden("Only recruiters and admins post offers.");
        }
        var taxonomy = referenceData.Require().Taxonomy;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(draft.Title) || draft.Title.Length > MaxTitleLength)
        {
            errors["title"] = [$"Give the job title (1 to {MaxTitleLength} characters)."];
        }
        if (draft.OccupationUri is { } occupation && taxonomy.OccupationByUri(occupation) is null)
        {
            errors["occupationUri"] = ["Unknown ESCO occupation URI."];
        }
        if (draft.Skills is not { Count: > 0 })
        {
            errors["skills"] = ["Ask for at least one skill."];
        }
        else
        {
            for (var i = 0; i < draft.Skills.Count; i++)
            {
                if (draft.Skills[i] is not { } skill || taxonomy.SkillByUri(skill.SkillUri ?? "") is null)
                {
                    errors[$"skills[{i}]"] = ["Unknown ESCO skill URI."];
                }
            }
        }
        if (draft.Place is null || !IndexValidation.IsValidPlace(draft.Place))
        {
            errors["place"] = ["Give the place of work."];
        }
        if (!Enum.IsDefined(draft.Contract))
        {
            errors["contract"] = ["Unknown contract type."];
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        var now = time.GetUtcNow();
        var offer = new OfferDocument
        {
            Id = "web-offer-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
            Title = draft.Title.Trim(),
            OccupationUri = draft.OccupationUri,
            RomeCode = draft.RomeCode,
            Skills = [.. draft.Skills!.DistinctBy(s => s.SkillUri)],
            Place = draft.Place,
            Contract = draft.Contract,
            CreatedAt = now,
            UpdatedAt = now,
            Source = "coach",
            OwnerId = OwnerFor(caller),
        };
        await index.UpsertOffersAsync([offer], cancellationToken);
        await alerts.OffersWrittenAsync([offer], cancellationToken);
        return Outcome.Created(offer);
    }

    /// <summary>One offer, as stored: anyone signed in may read it (seekers see offers in their matches).</summary>
    public async Task<Outcome<OfferDocument>> GetAsync(CoachUser caller, string offerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return await index.GetOfferAsync(offerId, cancellationToken) is { } offer ? Outcome.Ok(offer) : Outcome.NotFound("offer", offerId);
    }

    /// <summary>Removes an offer: its owner or an admin (another's offer is not found).</summary>
    public async Task<Outcome<bool>> DeleteAsync(CoachUser caller, string offerId, CancellationToken cancellationToken = default) =>
        await index.GetOfferAsync(offerId, cancellationToken) is { } offer && Owns(caller, offer)
        && await index.DeleteOffersAsync([offerId], cancellationToken) > 0
            ? Outcome.Ok(true)
            : Outcome.NotFound("offer", offerId);

    /// <summary>The caller's own offers (a recruiter's), newest first: to start a candidate search from one of them.</summary>
    public async Task<Outcome<IReadOnlyList<OfferDocument>>> MineAsync(CoachUser caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsRecruiter)
        {
            return Outcome.Forbidden("Only recruiters have offers of their own.");
        }
        var offers = new List<OfferDocument>();
        foreach (var id in await index.OfferIdsOwnedByAsync(caller.Id, cancellationToken))
        {
            if (await index.GetOfferAsync(id, cancellationToken) is { } offer)
            {
                offers.Add(offer);
            }
        }
        return Outcome.Ok<IReadOnlyList<OfferDocument>>([.. offers.OrderByDescending(o => o.CreatedAt ?? DateTimeOffset.MinValue).ThenBy(o => o.Id, StringComparer.Ordinal)]);
    }

    /// <summary>A recruiter sees and changes only their own offers; an admin, any.</summary>
    public static bool Owns(CoachUser caller, OfferDocument offer)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(offer);
        return caller.IsAdmin || (caller.IsRecruiter && offer.OwnerId is { } owner && owner == caller.Id);
    }

    /// <summary>The owner of what the caller posts: a recruiter owns their offers; an admin's carry no owner.</summary>
    private static string? OwnerFor(CoachUser caller) => caller.IsRecruiter ? caller.Id : null;
}
