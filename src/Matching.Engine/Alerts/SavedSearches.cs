using System.Net.Mail;
using System.Security.Cryptography;
using Matching.Engine.Access;
using Matching.Engine.Candidates;
using Matching.Engine.Geography;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Offers;
using Matching.Engine.Privacy;
using Matching.Engine.Scoring;

namespace Matching.Engine.Alerts;

/// <summary>What a user saves: a seeker their own search (no field needed); a recruiter a candidate search or an offer to follow.</summary>
public sealed record SavedSearchRequest
{
    public SavedSearchKind? Kind { get; init; }
    public string? Name { get; init; }
    /// <summary>The candidate search (<see cref="SavedSearchKind.CandidateSearch"/>).</summary>
    public CandidateSearchRequest? Query { get; init; }
    /// <summary>The recruiter's offer to follow (<see cref="SavedSearchKind.OfferCandidates"/>).</summary>
    public string? OfferId { get; init; }
    /// <summary>An address for the email digest (optional; only when Coach:Smtp is configured).</summary>
    public string? Email { get; init; }
}

public sealed record SavedSearchView(string Id, SavedSearchKind Kind, string Name, string? OfferId, CandidateSearchRequest? Query, string? Email,
    DateTimeOffset CreatedAt, DateTimeOffset LastVisitAt)
{
    internal static SavedSearchView Of(SavedSearch s) => new(s.Id, s.Kind, s.Name, s.OfferId, s.Query, s.Email, s.CreatedAt, s.LastVisitAt);
}

/// <summary>
/// A match of a saved search: an offer (its id, title, company, place, contract) for a seeker; a candidate for a
/// recruiter, under the pseudonym this recruiter sees, with their skills: never an id, a place or a distance.
/// </summary>
public sealed record AlertItem(string Id, string Title, string? Detail, IReadOnlyList<SkillRef> Skills, double Score, DateTimeOffset FoundAt, bool New);

public sealed record SearchAlerts(SavedSearchView Search, int NewCount, IReadOnlyList<AlertItem> Items);

/// <summary>Every saved search of the caller with what was found, newest first, and how much of it is new since their last visit.</summary>
/// <param name="FeedKey">The caller's secret feed key (null when revoked or never made): the Atom feed of a search is <c>/feeds/{FeedKey}/{searchId}</c>.</param>
public sealed record AlertsView(IReadOnlyList<SearchAlerts> Searches, int NewCount, DateTimeOffset? LastVisitAt, string? FeedKey, bool EmailEnabled);

/// <summary>One search's feed: the owner's alerts of it, for a feed reader.</summary>
public sealed record AlertFeed(SavedSearchView Search, IReadOnlyList<AlertItem> Items, DateTimeOffset Updated);

/// <summary>
/// Saved searches and their alerts. A seeker saves their own search (new offers matching their profile); a
/// recruiter saves a candidate search or follows one of their offers (new consenting candidates, pseudonymised).
/// Matches are found when documents are written (<see cref="AlertMatcher"/>); here they are read: on the user's
/// pages and <c>GET /api/me/alerts</c> ("new since your last visit"), and in an Atom feed per search at a URL
/// holding the user's secret key, which they can rotate or revoke. Only the owner sees a search.
/// </summary>
public sealed class SavedSearches(
    AlertStore store,
    IMatchIndex index,
    CandidateFinder candidates,
    Pseudonyms pseudonyms,
    ReferenceDataProvider referenceData,
    Microsoft.Extensions.Options.IOptions<SmtpOptions> smtp,
    TimeProvider time)
{
    public const int MaxSearches = 20;
    public const int MaxNameLength = 100;
    public const int ItemsPerSearch = 20;

    public bool EmailEnabled => smtp.Value.Enabled;

    public async Task<Outcome<SavedSearchView>> SaveAsync(CoachUser caller, SavedSearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (!(caller.IsSeeker || caller.IsRecruiter))
        {
            return Outcome.Forbidden("Saved searches are seekers' and recruiters'.");
        }
        var kind = request.Kind ?? (caller.IsSeeker ? SavedSearchKind.OfferMatches : null);
        var errors = new Dictionary<string, string[]>();
        if (kind is null || !Enum.IsDefined(kind.Value))
        {
            errors["kind"] = ["Give the kind: candidateSearch or offerCandidates."];
        }
        else if ((kind == SavedSearchKind.OfferMatches) != caller.IsSeeker)
        {
            errors["kind"] = [caller.IsSeeker ? "A seeker saves their own search (offerMatches)." : "A recruiter saves a candidateSearch or follows an offer (offerCandidates)."];
        }
        var name = string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim();
        if (name is { Length: > MaxNameLength } || (name?.Any(char.IsControl) ?? false))
        {
            errors["name"] = [$"At most {MaxNameLength} characters, without control characters."];
        }
        var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        if (email is not null && EmailError(email) is { } emailError)
        {
            errors["email"] = [emailError];
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        var existing = store.OwnedBy(caller.Id);
        var now = time.GetUtcNow();
        string? offerId = null;
        CandidateSearchRequest? query = null;
        switch (kind)
        {
            case SavedSearchKind.OfferMatches:
                if (await index.GetProfileAsync(caller.Id, cancellationToken) is null)
                {
                    return Outcome.NotFound("Fill in your questionnaire first: your search follows your profile.");
                }
                if (existing.FirstOrDefault(s => s.Kind == SavedSearchKind.OfferMatches) is { } mine)
                {
                    // One search per seeker: saving again changes its name or email.
                    var updated = mine with { Name = name ?? mine.Name, Email = email ?? mine.Email };
                    store.Save(updated);
                    return Outcome.Ok(SavedSearchView.Of(updated));
                }
                break;
            case SavedSearchKind.CandidateSearch:
                if (request.Query is null)
                {
                    return Outcome.Invalid("query", "Give the candidate search to save.");
                }
                var built = candidates.ToQuery(request.Query with { Cursor = null, Size = 20 });
                if (!built.IsSuccess)
                {
                    return Outcome.Invalid(built.Errors.ToDictionary(e => "query." + e.Key, e => e.Value));
                }
                query = request.Query with { Cursor = null, Size = 20 };
                break;
            case SavedSearchKind.OfferCandidates:
                if (request.OfferId is not { Length: > 0 } id || await index.GetOfferAsync(id, cancellationToken) is not { } offer || !OfferPostings.Owns(caller, offer))
                {
                    return Outcome.NotFound("offer", request.OfferId ?? "");
                }
                if (existing.FirstOrDefault(s => s.OfferId == id) is { } following)
                {
                    return Outcome.Ok(SavedSearchView.Of(following));
                }
                offerId = id;
                name ??= offer.Title;
                break;
        }
        if (existing.Count >= MaxSearches)
        {
            return Outcome.Invalid("kind", $"At most {MaxSearches} saved searches: delete one first.");
        }
        var search = new SavedSearch(
            "s-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), caller.Id, kind!.Value,
            name ?? DefaultName(kind.Value, query), query, offerId, email, now, now, now);
        store.Save(search);
        return Outcome.Created(SavedSearchView.Of(search));
    }

    public Outcome<IReadOnlyList<SavedSearchView>> List(CoachUser caller) =>
        Refuse(caller) ?? Outcome.Ok<IReadOnlyList<SavedSearchView>>([.. store.OwnedBy(caller.Id).Select(SavedSearchView.Of)]);

    public Outcome<bool> Delete(CoachUser caller, string searchId) =>
        Refuse(caller) ?? (store.Delete(caller.Id, searchId) ? Outcome.Ok(true) : Outcome.NotFound("saved search", searchId));

    /// <summary>Sets or clears (null) the digest address of a search.</summary>
    public Outcome<SavedSearchView> SetEmail(CoachUser caller, string searchId, string? email)
    {
        if (Refuse(caller) is { } refused)
        {
            return refused;
        }
        if (store.Get(searchId) is not { } search || search.OwnerId != caller.Id)
        {
            return Outcome.NotFound("saved search", searchId);
        }
        email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (email is not null && EmailError(email) is { } error)
        {
            return Outcome.Invalid("email", error);
        }
        // The digest starts from now: what was found before is on the page already.
        var updated = search with { Email = email, LastDigestAt = email is null ? search.LastDigestAt : time.GetUtcNow() };
        store.Save(updated);
        return Outcome.Ok(SavedSearchView.Of(updated));
    }

    /// <summary>
    /// The caller's alerts: every saved search with its latest matches, those found since the last visit marked new.
    /// </summary>
    /// <param name="visit">A visit of the page: afterwards what was shown is no longer new.</param>
    public async Task<Outcome<AlertsView>> AlertsAsync(CoachUser caller, string language, bool visit = false, CancellationToken cancellationToken = default)
    {
        if (Refuse(caller) is { } refused)
        {
            return refused;
        }
        var searches = store.OwnedBy(caller.Id);
        var result = new List<SearchAlerts>();
        foreach (var search in searches)
        {
            var items = await ItemsAsync(caller, search, store.Hits(search.Id, ItemsPerSearch), language, cancellationToken);
            result.Add(new SearchAlerts(SavedSearchView.Of(search), items.Count(i => i.New), items));
        }
        DateTimeOffset? lastVisit = searches.Count == 0 ? null : searches.Max(s => s.LastVisitAt);
        if (visit && searches.Count > 0)
        {
            store.MarkVisited(caller.Id, time.GetUtcNow());
        }
        return Outcome.Ok(new AlertsView(result, result.Sum(s => s.NewCount), lastVisit, store.FeedKey(caller.Id, create: false, time.GetUtcNow()), EmailEnabled));
    }

    /// <summary>Marks everything found so far as seen (what a visit of the page does).</summary>
    public Outcome<bool> MarkSeen(CoachUser caller)
    {
        if (Refuse(caller) is { } refused)
        {
            return refused;
        }
        store.MarkVisited(caller.Id, time.GetUtcNow());
        return Outcome.Ok(true);
    }

    /// <summary>The caller's feed key, made on first use.</summary>
    public Outcome<string> FeedKey(CoachUser caller) =>
        Refuse(caller) ?? Outcome.Ok(store.FeedKey(caller.Id, create: true, time.GetUtcNow())!);

    /// <summary>A new feed key: the feeds' old URLs stop working at once.</summary>
    public Outcome<string> RotateFeedKey(CoachUser caller) =>
        Refuse(caller) ?? Outcome.Ok(store.RotateFeedKey(caller.Id, time.GetUtcNow()));

    /// <summary>No feed key any more: every feed URL of the caller stops working.</summary>
    public Outcome<bool> RevokeFeedKey(CoachUser caller) =>
        Refuse(caller) ?? Outcome.Ok(store.RevokeFeedKey(caller.Id));

    /// <summary>
    /// The feed of one search, for whoever holds the owner's secret key (a feed reader has no token). Any other
    /// key or search is not found. The items are what the owner would see on their page: pseudonyms for a recruiter.
    /// </summary>
    public async Task<Outcome<AlertFeed>> FeedAsync(string key, string searchId, string language, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 100 || store.FeedOwner(key) is not { } ownerId
            || store.Get(searchId) is not { } search || search.OwnerId != ownerId)
        {
            return Outcome.NotFound("feed", searchId);
        }
        var owner = new CoachUser(ownerId, search.Kind == SavedSearchKind.OfferMatches ? Roles.Seeker : Roles.Recruiter);
        var items = await ItemsAsync(owner, search, store.Hits(search.Id, 50), language, cancellationToken);
        return Outcome.Ok(new AlertFeed(SavedSearchView.Of(search), items, items.Count > 0 ? items.Max(i => i.FoundAt) : search.CreatedAt));
    }

    /// <summary>The matches as the owner sees them; matches whose document is gone, or whose seeker withdrew consent, are left out.</summary>
    internal async Task<List<AlertItem>> ItemsAsync(CoachUser owner, SavedSearch search, IReadOnlyList<AlertHit> hits, string language, CancellationToken cancellationToken)
    {
        var taxonomy = referenceData.Require().Taxonomy;
        var geography = referenceData.Require().Geography;
        var items = new List<AlertItem>();
        if (search.Kind == SavedSearchKind.OfferMatches)
        {
            foreach (var hit in hits)
            {
                if (await index.GetOfferAsync(hit.ItemId, cancellationToken) is { } offer)
                {
                    items.Add(new AlertItem(offer.Id, offer.Title, string.Join(" · ", new[] { offer.Company, PlaceLabels.Of(offer.Place, offer.PlaceArea, geography) }.Where(s => !string.IsNullOrEmpty(s))),
                        [.. offer.Skills.Take(5).Select(s => ExplanationViews.Skill(taxonomy, s.SkillUri, language))],
                        Math.Round(hit.Score, 4), hit.FoundAt, hit.FoundAt > search.LastVisitAt));
                }
            }
            return items;
        }
        var shown = new List<(AlertHit Hit, ProfileDocument Profile)>();
        foreach (var hit in hits)
        {
            if (await index.GetProfileAsync(hit.ItemId, cancellationToken) is { } profile && Consent.MayAppearInRecruiterSearch(profile))
            {
                shown.Add((hit, profile));
            }
        }
        var names = pseudonyms.Issue(owner.Id, [.. shown.Select(s => s.Hit.ItemId)]);
        for (var i = 0; i < shown.Count; i++)
        {
            var (hit, profile) = shown[i];
            items.Add(new AlertItem(names[i], names[i], null,
                [.. profile.Skills.Take(8).Select(s => ExplanationViews.Skill(taxonomy, s.SkillUri, language))],
                Math.Round(hit.Score, 4), hit.FoundAt, hit.FoundAt > search.LastVisitAt));
        }
        return items;
    }

    private string DefaultName(SavedSearchKind kind, CandidateSearchRequest? query)
    {
        if (kind == SavedSearchKind.OfferMatches)
        {
            return "Mes offres";
        }
        var taxonomy = referenceData.Require().Taxonomy;
        var skills = (query?.MustHave ?? []).Concat(query?.NiceToHave ?? []).Select(u => taxonomy.SkillByUri(u)?.Label("fr") ?? u).Take(3);
        var name = string.Join(", ", skills);
        return name.Length > MaxNameLength ? name[..(MaxNameLength - 1)] + "…" : name;
    }

    private static Refusal? Refuse(CoachUser caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsSeeker || caller.IsRecruiter ? null : Outcome.Forbidden("Saved searches are seekers' and recruiters'.");
    }

    private string? EmailError(string email)
    {
        if (!smtp.Value.Enabled)
        {
            return "Email digests are not configured on this Coach (Coach:Smtp:Host).";
        }
        return email.Length <= 254 && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Contains('.', StringComparison.Ordinal)
            ? null
            : "Not an email address.";
    }
}
