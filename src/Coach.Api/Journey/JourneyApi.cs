using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Xml;
using Coach.Api.Infrastructure;
using Coach.Api.Security;
using Coach.Web;
using Matching.Engine.Access;
using Matching.Engine.Alerts;
using Matching.Engine.Exploration;
using Matching.Engine.Portfolio;
using Matching.Engine.Progress;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coach.Api.Journey;

/// <summary>
/// The seeker's journey over weeks (issue 15): progress log, skills portfolio and colleagues' endorsements,
/// exploring jobs by interests, saved searches with their alerts and Atom feeds. Thin adapters over the use
/// cases (<see cref="ProgressTracker"/>, <see cref="SkillPortfolio"/>, <see cref="JobExplorer"/>, <see cref="SavedSearches"/>).
/// </summary>
public static class JourneyApi
{
    public static IEndpointRouteBuilder MapJourney(this IEndpointRouteBuilder routes)
    {
        // About one seeker: the seeker, their adviser (audited), an admin; another seeker's is a 404.
        var seeker = routes.MapGroup("/api/profiles/{id}").WithTags("Journey")
            .WithAccess(Access.Roles(Roles.Seeker, Roles.Adviser, Roles.Admin))
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        seeker.MapGet("/progress", GetProgress).WithSummary("The progress log per week, the figures the diagnosis reads, and what was logged since the adviser's last review.");
        seeker.MapPost("/progress", LogProgress)
            .WithRequestExample("""{"date":"2025-03-10","applications":3,"interviews":1,"note":"Clinique du Parc"}""")
            .WithSummary("Logs applications, interviews and job offers received: a quick entry (today, one application) or a count for the week of `date`.");
        seeker.MapDelete("/progress/{entryId}", RemoveProgress).WithSummary("Removes an entry of the log (idempotent).");
        seeker.MapGet("/portfolio", GetPortfolio).WithSummary("Each skill with its evidence: declared, past job (which), training (which), adviser (who, when), colleague (who, when).");
        seeker.MapPost("/portfolio/evidence", AddEvidence)
            .WithRequestExample("""{"skillUri":"http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab","kind":"Training","detail":"DEAS, IFAS de Lyon, 2019"}""")
            .WithSummary("Adds evidence from a past job or a training, naming which.");
        seeker.MapDelete("/portfolio/evidence/{proofId}", RemoveEvidence).WithSummary("Removes a piece of evidence (idempotent).");
        seeker.MapPost("/portfolio/confirm", ConfirmSkill).WithAccess(Access.Roles(Roles.Adviser, Roles.Admin))
            .WithRequestExample("""{"skillUri":"http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab"}""")
            .WithSummary("An adviser confirms a skill of a seeker in their caseload (who and when are kept).");
        seeker.MapPost("/portfolio/invitations", Invite).WithAccess(Access.Roles(Roles.Seeker))
            .WithRequestExample("""{"fromName":"Awa Diallo","colleagueName":"Julie Martin","context":"EHPAD Les Tilleuls, 2019-2022","skillUris":["http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab"]}""")
            .WithSummary("Invites a former colleague to endorse some of my skills: answers a secret link (/endorse/{token}) the colleague opens without an account.");
        seeker.MapDelete("/portfolio/invitations/{token}", RevokeInvitation).WithAccess(Access.Roles(Roles.Seeker))
            .WithSummary("Withdraws an invitation: its link stops working (idempotent).");
        seeker.MapPost("/target", ChooseTarget).WithCost(RequestCostAttribute.Assessment)
            .WithRequestExample("""{"code":"J1501"}""")
            .WithSummary("Makes a ROME 4.0 job (one from /api/explore) the seeker's target; the diagnosis then reads it.");

        // A colleague answers through the link: no account, the token is the secret.
        var endorse = routes.MapGroup("/api/endorsements").WithTags("Journey").WithAccess(Access.Public);
        endorse.MapGet("/{token}", GetEndorsement).WithSummary("What a colleague is asked to endorse (not found once answered or withdrawn).");
        endorse.MapPost("/{token}", AnswerEndorsement)
            .WithRequestExample("""{"confirmed":["http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab"],"signedAs":"Julie Martin, infirmière"}""")
            .WithSummary("The colleague confirms some skills and declines the others; the link then stops working.");

        var explore = routes.MapGroup("/api/explore").WithTags("Journey").WithAccess(Access.Public);
        explore.MapGet("/options", GetExploreOptions).WithSummary("ROME 4.0 interest centres and sectors to pick from.");
        explore.MapPost("/", Explore).WithCost(RequestCostAttribute.Search)
            .WithRequestExample("""{"interests":[4],"riasec":["S"],"noNightWork":true,"noDrivingLicence":true,"diploma":"cap_bep","place":"69383"}""")
            .WithSummary("Jobs for a person without a clear project: from interests, RIASEC types and sectors, within the constraints; with local market, skills already held, access and a first step.");

        var me = routes.MapGroup("/api/me").WithTags("My alerts").WithAccess(Access.Roles(Roles.Seeker, Roles.Recruiter));
        me.MapGet("/alerts", GetAlerts).WithSummary("My saved searches with what was found, those new since my last visit counted (reading does not mark them seen).");
        me.MapPost("/alerts/seen", MarkSeen).WithSummary("Marks everything found so far as seen (what a visit of my page does).");
        me.MapGet("/saved-searches", ListSearches).WithSummary("My saved searches.");
        me.MapPost("/saved-searches", SaveSearch)
            .WithRequestExample("""{"kind":"candidateSearch","name":"Aides-soignants Lyon","query":{"mustHave":["http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab"],"place":"69383","radiusKm":30}}""")
            .WithSummary("Saves a search: a seeker their own (offerMatches, no field needed); a recruiter a candidateSearch or an offer to follow (offerCandidates).");
        me.MapDelete("/saved-searches/{searchId}", DeleteSearch).WithSummary("Deletes a saved search and its alerts.");
        me.MapPut("/saved-searches/{searchId}/email", SetEmail)
            .WithRequestExample("""{"email":"awa@example.org"}""")
            .WithSummary("Sets (or clears with null) the address of the search's email digest (Coach:Smtp).");
        me.MapPost("/feed-key", RotateFeedKey).WithSummary("A new secret for my feeds (the old URLs stop working); returns the key.");
        me.MapDelete("/feed-key", RevokeFeedKey).WithSummary("Revokes my feeds' secret: every feed URL stops working.");

        routes.MapGet("/feeds/{key}/{searchId}", GetFeed).WithAccess(Access.Public).WithTags("My alerts")
            .WithSummary("The Atom feed of a saved search, at a URL holding its owner's secret key (no sign-in: for feed readers).");
        return routes;
    }

    public static async Task<Results<Ok<ProgressSummary>, ValidationProblem, ProblemHttpResult>> GetProgress(string id, HttpContext context, ProgressTracker progress) =>
        (await progress.GetAsync(CurrentUser.Required(context), id)).ToHttp();

    public static async Task<Results<Created<ProgressSummary>, Ok<ProgressSummary>, ValidationProblem, ProblemHttpResult>> LogProgress(
        string id, ProgressInput? input, HttpContext context, ProgressTracker progress, CancellationToken cancellationToken) =>
        (await progress.LogAsync(CurrentUser.Required(context), id, input ?? new ProgressInput(), cancellationToken)).ToHttp($"/api/profiles/{Uri.EscapeDataString(id)}/progress");

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RemoveProgress(
        string id, string entryId, HttpContext context, ProgressTracker progress, CancellationToken cancellationToken) =>
        (await progress.RemoveAsync(CurrentUser.Required(context), id, long.TryParse(entryId, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null, cancellationToken)).ToNoContent();

    public static async Task<Results<Ok<PortfolioView>, ValidationProblem, ProblemHttpResult>> GetPortfolio(
        string id, HttpContext context, SkillPortfolio portfolio, string? lang, CancellationToken cancellationToken) =>
        (await portfolio.GetAsync(CurrentUser.Required(context), id, RequestLanguage.Of(context, lang), cancellationToken)).ToHttp();

    public static async Task<Results<Created<PortfolioView>, Ok<PortfolioView>, ValidationProblem, ProblemHttpResult>> AddEvidence(
        string id, ProofInput? input, HttpContext context, SkillPortfolio portfolio, string? lang, CancellationToken cancellationToken) =>
        (await portfolio.AddProofAsync(CurrentUser.Required(context), id, input ?? new ProofInput(null, null, null), RequestLanguage.Of(context, lang), cancellationToken))
            .ToHttp($"/api/profiles/{Uri.EscapeDataString(id)}/portfolio");

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RemoveEvidence(
        string id, string proofId, HttpContext context, SkillPortfolio portfolio, CancellationToken cancellationToken) =>
        (await portfolio.RemoveProofAsync(CurrentUser.Required(context), id,
            long.TryParse(proofId, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null, "fr", cancellationToken)).ToNoContent();

    public sealed record SkillConfirmation(string? SkillUri);

    public static async Task<Results<Ok<PortfolioView>, ValidationProblem, ProblemHttpResult>> ConfirmSkill(
        string id, SkillConfirmation? body, HttpContext context, SkillPortfolio portfolio, string? lang, CancellationToken cancellationToken) =>
        (await portfolio.ConfirmAsync(CurrentUser.Required(context), id, body?.SkillUri, RequestLanguage.Of(context, lang), cancellationToken)).ToHttp();

    public static async Task<Results<Created<InvitationView>, Ok<InvitationView>, ValidationProblem, ProblemHttpResult>> Invite(
        string id, InviteInput? input, HttpContext context, SkillPortfolio portfolio, string? lang, CancellationToken cancellationToken)
    {
        var outcome = await portfolio.InviteAsync(CurrentUser.Required(context), id, input ?? new InviteInput(null, null, null, null), RequestLanguage.Of(context, lang), cancellationToken);
        return outcome.ToHttp(outcome.Value?.Link ?? "");
    }

    public static Results<NoContent, ValidationProblem, ProblemHttpResult> RevokeInvitation(string id, string token, HttpContext context, SkillPortfolio portfolio) =>
        portfolio.RevokeInvitation(CurrentUser.Required(context), id, token).ToNoContent();

    public sealed record TargetChoice(string? Code);

    public static async Task<Results<Ok<string>, ValidationProblem, ProblemHttpResult>> ChooseTarget(
        string id, TargetChoice? body, HttpContext context, JobExplorer explorer, CancellationToken cancellationToken) =>
        (await explorer.ChooseAsync(CurrentUser.Required(context), id, body?.Code, cancellationToken)).ToHttp();

    public static Results<Ok<EndorsementRequestView>, ValidationProblem, ProblemHttpResult> GetEndorsement(string token, HttpContext context, SkillPortfolio portfolio, string? lang) =>
        portfolio.Invitation(token, RequestLanguage.Of(context, lang)).ToHttp();

    public static async Task<Results<Ok<EndorsementResult>, ValidationProblem, ProblemHttpResult>> AnswerEndorsement(
        string token, EndorsementAnswer? answer, SkillPortfolio portfolio, CancellationToken cancellationToken) =>
        (await portfolio.AnswerAsync(token, answer ?? new EndorsementAnswer(null, null), cancellationToken)).ToHttp();

    public static Ok<ExploreOptions> GetExploreOptions(JobExplorer explorer) => TypedResults.Ok(explorer.Options());

    public static async Task<Results<Ok<ExploreResult>, ValidationProblem, ProblemHttpResult>> Explore(
        ExploreRequest? request, HttpContext context, JobExplorer explorer, string? lang, CancellationToken cancellationToken) =>
        (await explorer.ExploreAsync(CurrentUser.Of(context), request ?? new ExploreRequest(), RequestLanguage.Of(context, lang), cancellationToken)).ToHttp();

    public static async Task<Results<Ok<AlertsView>, ValidationProblem, ProblemHttpResult>> GetAlerts(
        HttpContext context, SavedSearches searches, string? lang, CancellationToken cancellationToken) =>
        (await searches.AlertsAsync(CurrentUser.Required(context), RequestLanguage.Of(context, lang), visit: false, cancellationToken)).ToHttp();

    public static Results<NoContent, ValidationProblem, ProblemHttpResult> MarkSeen(HttpContext context, SavedSearches searches) =>
        searches.MarkSeen(CurrentUser.Required(context)).ToNoContent();

    public static Results<Ok<IReadOnlyList<SavedSearchView>>, ValidationProblem, ProblemHttpResult> ListSearches(HttpContext context, SavedSearches searches) =>
        searches.List(CurrentUser.Required(context)).ToHttp();

    public static async Task<Results<Created<SavedSearchView>, Ok<SavedSearchView>, ValidationProblem, ProblemHttpResult>> SaveSearch(
        SavedSearchRequest? request, HttpContext context, SavedSearches searches, CancellationToken cancellationToken) =>
        (await searches.SaveAsync(CurrentUser.Required(context), request ?? new SavedSearchRequest(), cancellationToken)).ToHttp("/api/me/saved-searches");

    public static Results<NoContent, ValidationProblem, ProblemHttpResult> DeleteSearch(string searchId, HttpContext context, SavedSearches searches) =>
        searches.Delete(CurrentUser.Required(context), searchId).ToNoContent();

    public sealed record EmailDigest(string? Email);

    public static Results<Ok<SavedSearchView>, ValidationProblem, ProblemHttpResult> SetEmail(string searchId, EmailDigest? body, HttpContext context, SavedSearches searches) =>
        searches.SetEmail(CurrentUser.Required(context), searchId, body?.Email).ToHttp();

    public static Results<Ok<string>, ValidationProblem, ProblemHttpResult> RotateFeedKey(HttpContext context, SavedSearches searches) =>
        searches.RotateFeedKey(CurrentUser.Required(context)).ToHttp();

    public static Results<NoContent, ValidationProblem, ProblemHttpResult> RevokeFeedKey(HttpContext context, SavedSearches searches) =>
        searches.RevokeFeedKey(CurrentUser.Required(context)).ToNoContent();

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetFeed(
        string key, string searchId, HttpContext context, SavedSearches searches,
        [Description("Language of the skills: fr (default) or en.")] string? lang, CancellationToken cancellationToken)
    {
        var feed = await searches.FeedAsync(key, searchId, RequestLanguage.Of(context, lang), cancellationToken);
        if (feed.Value is not { } value)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No feed at this address (revoked, or never was).");
        }
        var request = context.Request;
        return TypedResults.Content(AtomFeed.Write(value, $"{request.Scheme}://{request.Host}{request.PathBase}"), "application/atom+xml; charset=utf-8");
    }
}

/// <summary>A saved search's alerts as an Atom 1.0 feed (RFC 4287).</summary>
internal static class AtomFeed
{
    private const string Atom = "http://www.w3.org/2005/Atom";

    public static string Write(AlertFeed feed, string origin)
    {
        var page = feed.Search.Kind == SavedSearchKind.OfferMatches ? "/seeker/alerts" : "/recruiter/alerts";
        var builder = new StringBuilder();
        using (var xml = XmlWriter.Create(builder, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            xml.WriteStartElement("feed", Atom);
            xml.WriteElementString("id", Atom, $"urn:coach:saved-search:{feed.Search.Id}");
            xml.WriteElementString("title", Atom, $"Coach — {feed.Search.Name}");
            xml.WriteElementString("updated", Atom, Time(feed.Updated));
            xml.WriteStartElement("link", Atom);
            xml.WriteAttributeString("href", origin + page);
            xml.WriteEndElement();
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, "Coach");
            xml.WriteEndElement();
            foreach (var item in feed.Items)
            {
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, $"urn:coach:alert:{feed.Search.Id}:{item.Id}");
                xml.WriteElementString("title", Atom, item.Title);
                xml.WriteElementString("updated", Atom, Time(item.FoundAt));
                xml.WriteStartElement("link", Atom);
                xml.WriteAttributeString("href", origin + page);
                xml.WriteEndElement();
                var summary = string.Join(" — ", new[] { item.Detail, string.Join(", ", item.Skills.Select(s => s.Label)) }.Where(s => !string.IsNullOrEmpty(s)));
                xml.WriteElementString("summary", Atom, summary.Length > 0 ? summary : item.Title);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return builder.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
