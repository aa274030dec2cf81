using System.Globalization;
using System.Text.Json;
using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Coaching.Texts;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Reviews;
using Microsoft.AspNetCore.Http;

namespace Coach.Web.Seekers;

/// <summary>What a seeker sees: the assessment in words, with the adviser's latest review applied.</summary>
public sealed record SeekerView(
    SeekerProfile Profile,
    CoachAssessment Assessment,
    RenderedDiagnosis Diagnosis,
    IReadOnlyList<RenderedAdvice> Advice,
    IReadOnlyList<RenderedStrategy> Strategies,
    bool Reviewed);

/// <summary>
/// The seeker's side of the web app: who the browser is (a cookie with a random id, the profile's id),
/// saving a questionnaire (store, index for recruiters, adviser's review queue) and the view of it.
/// </summary>
public sealed class SeekerCoaching(MatchingRuntimeProvider runtimeProvider, SeekerStore store, ReviewStore reviews, TitleUnderstandingProvider titles)
{
    public const string Cookie = "coach_seeker";

    /// <summary>
    /// A signed-in seeker is their account (so the API's export and erasure reach what they entered
    /// here); anyone else may try Coach without an account, under a random id kept in a cookie.
    /// </summary>
    public static string? CurrentId(HttpContext context) =>
        SignedInSeeker(context) ?? (context.Request.Cookies.TryGetValue(Cookie, out var id) && IsId(id) ? id : null);

    private static string? SignedInSeeker(HttpContext context) =>
        (context.User.FindFirst(System.Security.Claims.ClaimTypes.Role) ?? context.User.FindFirst("role"))?.Value == "seeker"
            ? context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? context.User.FindFirst("sub")?.Value
            : null;

    public static string NewId() => "web-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));

    private static bool IsId(string? id) => id is { Length: 20 } && id.StartsWith("web-", StringComparison.Ordinal) && id[4..].All(char.IsAsciiHexDigitLower);

    public static void Remember(HttpContext context, string id) =>
        context.Response.Cookies.Append(Cookie, id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(180),
            Secure = context.Request.IsHttps,
        });

    public SeekerProfile? Get(string id) => store.Get(id);

    /// <summary>The core skills of the jobs a (draft) profile practised, which the skills step shows ticked.</summary>
    public async Task<IReadOnlyList<Matching.Engine.Coaching.Facts.ExperienceSkill>> SkillsFromExperienceAsync(SeekerProfile profile, CancellationToken cancellationToken = default)
    {
        var runtime = await runtimeProvider.Ready.WaitAsync(cancellationToken);
        return runtime.Coach.SkillsFromExperience(profile);
    }

    /// <summary>Free text to the best ESCO occupation and ROME code (title understanding).</summary>
    public async Task<Func<string, (string? Uri, string? Rome)>> TitleReaderAsync()
    {
        var understanding = await titles.GetAsync();
        return text =>
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return (null, null);
            }
            var best = understanding.Understand(text, Ui.Language, 1).FirstOrDefault();
            return (best?.Occupation.Uri, best?.RomeCodes.FirstOrDefault());
        };
    }

    /// <summary>Stores the questionnaire, puts the profile in the index (recruiters find it only with consent) and in the review queue.</summary>
    public async Task<SeekerView> SaveAsync(SeekerProfile profile, DateOnly today, CancellationToken cancellationToken = default)
    {
        var runtime = await runtimeProvider.Ready.WaitAsync(cancellationToken);
        store.Save(profile, DateTimeOffset.UtcNow);
        var assessment = await new SeekerCoach(runtime).AssessAsync(profile, today, Ui.Language, cancellationToken: cancellationToken);
        await runtime.Index.UpsertProfilesAsync([assessment.Profile], cancellationToken);
        reviews.Enqueue(profile.Id, Snapshot(profile, assessment), DateTimeOffset.UtcNow);
        return View(profile, assessment);
    }

    /// <summary>The seeker's page as it stands: recomputed from their answers and the live index, then the review applied.</summary>
    public async Task<SeekerView?> ViewAsync(string id, DateOnly today, CancellationToken cancellationToken = default)
    {
        if (store.Get(id) is not { } profile)
        {
            return null;
        }
        var runtime = await runtimeProvider.Ready.WaitAsync(cancellationToken);
        var assessment = await new SeekerCoach(runtime).AssessAsync(profile, today, Ui.Language, cancellationToken: cancellationToken);
        return View(profile, assessment);
    }

    private SeekerView View(SeekerProfile profile, CoachAssessment assessment)
    {
        var culture = CultureInfo.CurrentUICulture;
        var overrides = reviews.ScoreOverrides(profile.Id);
        return new SeekerView(
            profile,
            assessment,
            assessment.Diagnosis.Localize(culture),
            ApplyReview(assessment.Advice.Localize(culture), overrides),
            [.. assessment.Strategies.Localize(culture)
                .Select(s => s with { Advice = ApplyReview(s.Advice, overrides) })
                .Where(s => s.Advice.Count > 0)],
            overrides.Count > 0);
    }

    /// <summary>The offers behind a page of matches, by id (one read each: a page is small).</summary>
    public static async Task<Dictionary<string, OfferDocument>> OffersAsync(MatchingRuntime runtime, MatchPage page, CancellationToken cancellationToken = default)
    {
        var offers = new Dictionary<string, OfferDocument>(StringComparer.Ordinal);
        foreach (var hit in page.Hits)
        {
            if (await runtime.Index.GetOfferAsync(hit.Id, cancellationToken) is { } offer)
            {
                offers[hit.Id] = offer;
            }
        }
        return offers;
    }

    /// <summary>The adviser's scores replace the engine's; a score of 0 hides the advice; the highest scores first.</summary>
    public static IReadOnlyList<RenderedAdvice> ApplyReview(IEnumerable<RenderedAdvice> advice, IReadOnlyDictionary<string, int> overrides) =>
        [.. advice
            .Select(a => overrides.TryGetValue(a.ModuleId, out var score) ? a with { Score = score } : a)
            .Where(a => a.Score > 0)
            .OrderByDescending(a => a.Score)];

    /// <summary>What the adviser reviews: the answers, the main challenge and every advice with its score.</summary>
    internal static string Snapshot(SeekerProfile profile, CoachAssessment assessment) => JsonSerializer.Serialize(new
    {
        profile,
        mainChallenge = assessment.Diagnosis.MainChallenge?.ToString(),
        advice = assessment.Advice.Select(a => new { moduleId = a.ModuleId, score = a.Score }),
        strategies = assessment.Strategies.Select(s => s.Id),
    }, new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
