using Coach.Web.Components;
using Coach.Web.Journey;
using Coach.Web.Recruiters;
using Coach.Web.Seekers;
using Matching.Engine.Hosting;
using Matching.Engine.Taxonomy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coach.Web;

/// <summary>The web app's entry points for the host: <c>AddCoachWeb</c> with the services, <c>MapCoachWeb</c> with the pages.</summary>
public static class CoachWeb
{
    public const string CultureRoute = "/culture";

    /// <summary>The site's icon, linked from every page.</summary>
    public const string FaviconPath = "/_content/Coach.Web/favicon.svg";

    public static IServiceCollection AddCoachWeb(this IServiceCollection services)
    {
        services.AddRazorComponents();
        // First of the writers: a browser's page error reads as a page; API clients still get ProblemDetails JSON.
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, HtmlErrorPages>());
        // Pages call the engine's use cases (AddMatchingEngine); the title understanding helps fill the forms.
        services.TryAddSingleton<TitleUnderstandingProvider>();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture("fr");
            options.SupportedCultures = [.. Ui.Cultures];
            options.SupportedUICultures = [.. Ui.Cultures];
            // The switch sets the cookie; the browser's language is not asked: French by default, as the product says.
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>
    /// Localization and antiforgery middleware, then the pages at <c>/</c>, the language switch, the two form
    /// endpoints and the static assets, all in one group: the host states their access rule once on it
    /// (e.g. <c>app.MapCoachWeb().WithAccess(...)</c>).
    /// </summary>
    public static RouteGroupBuilder MapCoachWeb(this WebApplication app)
    {
        app.UseRequestLocalization();
        app.UseAntiforgery();
        var web = app.MapGroup("");
        web.MapGet(CultureRoute, SetCulture).ExcludeFromDescription();
        web.MapSeekerAnswers();
        web.MapContactRequests();
        web.MapJourneyForms();
        web.MapStaticAssets().Add(endpoint => endpoint.Metadata.Add(new RequestCostAttribute(RequestCostAttribute.Free)));
        // Browsers ask for /favicon.ico whatever the page says; it is the same icon as the page's.
        web.MapGet("/favicon.ico", () => Results.Redirect(FaviconPath, permanent: true))
            .WithMetadata(new RequestCostAttribute(RequestCostAttribute.Free)).ExcludeFromDescription();
        web.MapRazorComponents<App>();
        return web;
    }

    /// <summary>Stores the chosen language in the culture cookie and goes back to the page (local paths only).</summary>
    internal static IResult SetCulture(HttpContext context, string? lang, string? back)
    {
        var culture = lang == "en" ? "en" : "fr";
        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
        return Results.LocalRedirect(IsLocal(back) ? back! : "/");
    }

    internal static bool IsLocal(string? path) =>
        !string.IsNullOrEmpty(path) && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'));
}

/// <summary>Title understanding, as loaded with the reference data (the API's autocomplete uses the same instance).</summary>
public sealed class TitleUnderstandingProvider(ReferenceDataProvider referenceData)
{
    public async Task<TitleUnderstanding> GetAsync() => (await referenceData.Loaded).Titles;

    /// <summary>Free text to the best ESCO occupation and ROME code, in the page's language.</summary>
    public async Task<Func<string, (string? Uri, string? Rome)>> ReaderAsync()
    {
        var understanding = await GetAsync();
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
}
