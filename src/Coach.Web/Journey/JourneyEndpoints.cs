using System.Globalization;
using Matching.Engine.Access;
using Matching.Engine.Alerts;
using Matching.Engine.Candidates;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Exploration;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Portfolio;
using Matching.Engine.Progress;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coach.Web.Journey;

/// <summary>
/// The forms of the journey pages (antiforgery-checked, read here so that the page's access rule answers first):
/// save a search and its alerts' email or feed, log progress, add evidence, invite a colleague, a colleague's answer,
/// an adviser's confirmation, choosing an explored job. Each calls its use case and goes back to the page.
/// </summary>
public static class JourneyEndpoints
{
    public static IEndpointRouteBuilder MapJourneyForms(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/seeker/alerts/{action}", SeekerAlertsAsync).DisableAntiforgery().ExcludeFromDescription();
        routes.MapPost("/recruiter/alerts/{action}", RecruiterAlertsAsync).DisableAntiforgery().ExcludeFromDescription();
        routes.MapPost("/seeker/progress/{action}", ProgressAsync).DisableAntiforgery().ExcludeFromDescription();
        routes.MapPost("/seeker/skills/{action}", SkillsAsync).DisableAntiforgery().ExcludeFromDescription();
        routes.MapPost("/seeker/explore/choose", ChooseAsync).DisableAntiforgery().WithMetadata(new RequestCostAttribute(RequestCostAttribute.Assessment)).ExcludeFromDescription();
        routes.MapPost("/endorse/{token}/answer", AnswerAsync).DisableAntiforgery().ExcludeFromDescription();
        routes.MapPost("/adviser/{seekerId}/confirm", ConfirmAsync).DisableAntiforgery().ExcludeFromDescription();
        return routes;
    }

    private static async Task<IFormCollection?> FormAsync(HttpContext context, IAntiforgery antiforgery) =>
        context.Request.HasFormContentType && await antiforgery.IsRequestValidAsync(context) ? await context.Request.ReadFormAsync() : null;

    internal static async Task<IResult> SeekerAlertsAsync(string action, HttpContext context, IAntiforgery antiforgery, SavedSearches searches)
    {
        if (await FormAsync(context, antiforgery) is not { } form)
        {
            return Results.BadRequest();
        }
        if (CurrentUser.Seeker(context) is not { } seeker)
        {
            return Results.LocalRedirect("/seeker/start");
        }
        var ok = action switch
        {
            "save" => (await searches.SaveAsync(seeker, new SavedSearchRequest { Kind = SavedSearchKind.OfferMatches, Email = Text(form, "email") }, context.RequestAborted)).IsSuccess,
            _ => Common(action, form, seeker, searches),
        };
        return Results.LocalRedirect(ok ? "/seeker/alerts" : "/seeker/alerts?refused=1");
    }

    internal static async Task<IResult> RecruiterAlertsAsync(string action, HttpContext context, IAntiforgery antiforgery, SavedSearches searches)
    {
        if (await FormAsync(context, antiforgery) is not { } form)
        {
            return Results.BadRequest();
        }
        var recruiter = CurrentUser.Required(context);
        bool ok;
        switch (action)
        {
            case "save":
                var request = new CandidateSearchRequest
                {
                    MustHave = [.. form["must"].Where(u => !string.IsNullOrEmpty(u)).Select(u => u!)],
                    NiceToHave = [.. form["nice"].Where(u => !string.IsNullOrEmpty(u)).Select(u => u!)],
                    Place = Text(form, "place"),
                    RadiusKm = double.TryParse(form["radius"], NumberStyles.Float, CultureInfo.InvariantCulture, out var r) ? r : null,
                    Contracts = Text(form, "contract") is { } contract ? [contract] : null,
                    AllowRelated = form["exact"] != "on",
                };
                ok = (await searches.SaveAsync(recruiter, new SavedSearchRequest { Kind = SavedSearchKind.CandidateSearch, Name = Text(form, "name"), Query = request }, context.RequestAborted)).IsSuccess;
                break;
            case "follow":
                ok = (await searches.SaveAsync(recruiter, new SavedSearchRequest { Kind = SavedSearchKind.OfferCandidates, OfferId = Text(form, "offer") }, context.RequestAborted)).IsSuccess;
                break;
            default:
                ok = Common(action, form, recruiter, searches);
                break;
        }
        return Results.LocalRedirect(ok ? "/recruiter/alerts" : "/recruiter/alerts?refused=1");
    }

    /// <summary>What a seeker's and a recruiter's alerts pages share: a search's email, its deletion, the feed's secret.</summary>
    private static bool Common(string action, IFormCollection form, CoachUser user, SavedSearches searches) => action switch
    {
        "email" => searches.SetEmail(user, form["search"].ToString(), Text(form, "email")).IsSuccess,
        "delete" => searches.Delete(user, form["search"].ToString()).IsSuccess,
        "feed" => searches.RotateFeedKey(user).IsSuccess,
        "revoke" => searches.RevokeFeedKey(user).IsSuccess,
        _ => false,
    };

    internal static async Task<IResult> ProgressAsync(string action, HttpContext context, IAntiforgery antiforgery, ProgressTracker progress)
    {
        if (await FormAsync(context, antiforgery) is not { } form)
        {
            return Results.BadRequest();
        }
        if (CurrentUser.Seeker(context) is not { } seeker)
        {
            return Results.LocalRedirect("/seeker/start");
        }
        if (action == "remove")
        {
            await progress.RemoveAsync(seeker, seeker.Id, long.TryParse(form["entry"], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null);
            return Results.LocalRedirect("/seeker/progress");
        }
        var input = new ProgressInput(
            DateOnly.TryParseExact(form["date"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null,
            Count(form, "applications"), Count(form, "interviews"), Count(form, "offers"), Text(form, "note"));
        var logged = await progress.LogAsync(seeker, seeker.Id, input, context.RequestAborted);
        return Results.LocalRedirect(logged.IsSuccess ? "/seeker/progress?logged=1"
            : logged.Status == OutcomeStatus.Invalid ? $"/seeker/progress?refused={Uri.EscapeDataString(logged.Errors.Keys.First())}" : "/seeker/start");
    }

    internal static async Task<IResult> SkillsAsync(string action, HttpContext context, IAntiforgery antiforgery, SkillPortfolio portfolio)
    {
        if (await FormAsync(context, antiforgery) is not { } form)
        {
            return Results.BadRequest();
        }
        if (CurrentUser.Seeker(context) is not { } seeker)
        {
            return Results.LocalRedirect("/seeker/start");
        }
        switch (action)
        {
            case "evidence":
                var kind = form["kind"] == "training" ? SkillEvidence.Training : SkillEvidence.PastJob;
                var added = await portfolio.AddProofAsync(seeker, seeker.Id, new ProofInput(Text(form, "skill"), kind, Text(form, "detail")), Ui.Language, context.RequestAborted);
                return Results.LocalRedirect(added.IsSuccess ? "/seeker/skills?added=1" : "/seeker/skills?refused=evidence#evidence-h");
            case "invite":
                var invited = await portfolio.InviteAsync(seeker, seeker.Id,
                    new InviteInput(Text(form, "fromName"), Text(form, "colleagueName"), Text(form, "context"), [.. form["skills"].Where(s => s is not null).Select(s => s!)]),
                    Ui.Language, context.RequestAborted);
                return Results.LocalRedirect(invited.Value is { } invitation ? $"/seeker/skills?invited={Uri.EscapeDataString(invitation.Token)}#invite-h" : "/seeker/skills?refused=invite#invite-h");
            case "remove":
                await portfolio.RemoveProofAsync(seeker, seeker.Id, long.TryParse(form["proof"], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null, Ui.Language, context.RequestAborted);
                return Results.LocalRedirect("/seeker/skills");
            case "withdraw":
                portfolio.RevokeInvitation(seeker, seeker.Id, form["token"].ToString());
                return Results.LocalRedirect("/seeker/skills#invite-h");
            default:
                return Results.BadRequest();
        }
    }

    internal static async Task<IResult> ChooseAsync(HttpContext context, IAntiforgery antiforgery, JobExplorer explorer, ReferenceDataProvider referenceData)
    {
        if (await FormAsync(context, antiforgery) is not { } form)
        {
            return Results.BadRequest();
        }
        var code = Text(form, "code");
        var chosen = CurrentUser.Seeker(context) is { } seeker
            ? await explorer.ChooseAsync(seeker, seeker.Id, code, context.RequestAborted)
            : Outcome.NotFound("profile", "");
        if (chosen.IsSuccess)
        {
            return Results.LocalRedirect("/seeker?chosen=1");
        }
        // No questionnaire yet (someone who explored first): the questionnaire starts with the chosen job, and the
        // commune and diploma given while exploring.
        if (chosen.Status != OutcomeStatus.NotFound || code is not { Length: <= 10 } || referenceData.Current is not { } data || data.Taxonomy.Rome4.Sheet(code) is not { } sheet)
        {
            return Results.LocalRedirect("/seeker/explore?refused=1");
        }
        var start = "/seeker/start?job=" + Uri.EscapeDataString(sheet.Label);
        if (Seekers.SeekerForm.ResolvePlace(data, Text(form, "place")) is { } commune)
        {
            start += "&commune=" + Uri.EscapeDataString(commune.InseeCode);
        }
        if (Enum.TryParse<DiplomaLevel>(Text(form, "diploma"), out var diploma) && Enum.IsDefined(diploma))
        {
            start += "&diploma=" + diploma;
        }
        return Results.LocalRedirect(start);
    }

    internal static async Task<IResult> AnswerAsync(string token, HttpContext context, IAntiforgery antiforgery, SkillPortfolio portfolio)
    {
        if (await FormAsync(context, antiforgery) is not { } form)
        {
            return Results.BadRequest();
        }
        var answered = await portfolio.AnswerAsync(token, new EndorsementAnswer([.. form["confirm"].Where(s => s is not null).Select(s => s!)], Text(form, "signedAs")), context.RequestAborted);
        var back = $"/endorse/{Uri.EscapeDataString(token)}";
        return Results.LocalRedirect(answered.Value is { } result ? $"{back}?confirmed={result.Confirmed}&declined={result.Declined}" : $"{back}?refused=1");
    }

    internal static async Task<IResult> ConfirmAsync(string seekerId, HttpContext context, IAntiforgery antiforgery, SkillPortfolio portfolio)
    {
        if (await FormAsync(context, antiforgery) is not { } form)
        {
            return Results.BadRequest();
        }
        var confirmed = await portfolio.ConfirmAsync(CurrentUser.Required(context), seekerId, Text(form, "skill"), Ui.Language, context.RequestAborted);
        return confirmed.Status == OutcomeStatus.NotFound
            ? Results.NotFound()
            : Results.LocalRedirect($"/adviser/{Uri.EscapeDataString(seekerId)}?confirmed={(confirmed.IsSuccess ? 1 : 0)}#portfolio-h");
    }

    private static string? Text(IFormCollection form, string name) => form[name].ToString() is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    private static int? Count(IFormCollection form, string name) =>
        int.TryParse(form[name], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
