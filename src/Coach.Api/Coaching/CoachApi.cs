using System.ComponentModel;
using Coach.Api.Infrastructure;
using Coach.Api.Security;
using Coach.Web;
using Matching.Engine.Access;
using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Coaching.Texts;
using Matching.Engine.Seekers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coach.Api.Coaching;

/// <summary>The seeker side: diagnosis, strategy, skills gap and close jobs, stateless or for a stored profile (use case: <see cref="SeekerAssessments"/>).</summary>
public static class CoachApi
{
    public static IEndpointRouteBuilder MapCoach(this IEndpointRouteBuilder routes)
    {
        // Trying Coach needs no account: the stateless diagnosis stores nothing.
        var coach = routes.MapGroup("/api/coach").WithTags("Coach")
            .WithAccess(Access.Public)
            .WithCost(RequestCostAttribute.Assessment)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        coach.MapPost("/diagnose", Diagnose)
            .WithRequestExample("""
                {"targetJobs":[{"label":"aide soignante de nuit"}],"commune":"69383","radiusKm":25,"yearsOfExperienceInTarget":1,
                 "age":31,"highestDiploma":"cap_bep","searchStarted":true,"searchStartDate":"2026-05-01","applicationsSoFar":40,
                 "interviewsSoFar":1,"applicationsPerWeek":6,"networkStrength":1,"passionateAboutTarget":true,
                 "skills":[{"uri":"http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab","evidence":"declared"}],
                 "searchableByRecruiters":true}
                """)
            .WithSummary("Diagnosis, strategy, skills gap, close jobs and matching offers for a questionnaire sent in the body (nothing stored). Texts follow Accept-Language (French by default).");

        var profiles = routes.MapGroup("/api/profiles/{id}").WithTags("Coach")
            .WithAccess(Access.Roles(Roles.Seeker, Roles.Adviser, Roles.Admin))
            .WithCost(RequestCostAttribute.Assessment)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        profiles.MapGet("/diagnosis", GetDiagnosis).WithSummary("The stored seeker's diagnosis: main challenge, every category with its status and reasons, questions that would change it.");
        profiles.MapGet("/strategy", GetStrategy).WithSummary("The stored seeker's strategies and advice (scored 0-3, with reasons and steps), as their adviser's review left them.");
        profiles.MapGet("/skills-gap", GetSkillsGap).WithSummary("Essential skills of the target job the seeker lacks, ranked by offers within the radius each would unlock.");
        profiles.MapGet("/close-jobs", GetCloseJobs).WithSummary("Jobs reachable with few new skills, with the skills to add and their local market.");
        return routes;
    }

    public static async Task<Results<Ok<AssessmentView>, ValidationProblem, ProblemHttpResult>> Diagnose(
        SeekerProfile profile, HttpContext context, SeekerAssessments assessments,
        [Description("Language: fr or en (default: Accept-Language, else fr).")] string? lang,
        CancellationToken cancellationToken) =>
        (await assessments.DiagnoseAsync(profile, RequestLanguage.Of(context, lang), cancellationToken)).ToHttp();

    public static async Task<Results<Ok<RenderedDiagnosis>, ValidationProblem, ProblemHttpResult>> GetDiagnosis(
        string id, HttpContext context, SeekerAssessments assessments, string? lang, CancellationToken cancellationToken) =>
        (await AssessAsync(id, "diagnosis", context, assessments, lang, cancellationToken)).ToHttp(a => a.Diagnosis);

    public static async Task<Results<Ok<StrategyView>, ValidationProblem, ProblemHttpResult>> GetStrategy(
        string id, HttpContext context, SeekerAssessments assessments, string? lang, CancellationToken cancellationToken) =>
        (await AssessAsync(id, "strategy", context, assessments, lang, cancellationToken)).ToHttp(a => new StrategyView(a.Strategies, a.Advice, a.FromAdviser));

    public static async Task<Results<Ok<SkillsGapView>, ValidationProblem, ProblemHttpResult>> GetSkillsGap(
        string id, HttpContext context, SeekerAssessments assessments, string? lang, CancellationToken cancellationToken) =>
        (await AssessAsync(id, "skills-gap", context, assessments, lang, cancellationToken)).ToHttp(a => a.SkillsGap ?? new SkillsGapView(null, 0, []));

    public static async Task<Results<Ok<IReadOnlyList<CloseJob>>, ValidationProblem, ProblemHttpResult>> GetCloseJobs(
        string id, HttpContext context, SeekerAssessments assessments, string? lang, CancellationToken cancellationToken) =>
        (await AssessAsync(id, "close-jobs", context, assessments, lang, cancellationToken)).ToHttp(a => a.CloseJobs);

    private static Task<Outcome<AssessmentView>> AssessAsync(
        string id, string resource, HttpContext context, SeekerAssessments assessments, string? lang, CancellationToken cancellationToken) =>
        assessments.ForSeekerAsync(CurrentUser.Required(context), id, RequestLanguage.Of(context, lang), resource, "coaching", cancellationToken);
}
