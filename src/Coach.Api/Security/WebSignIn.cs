using System.Net;
using System.Text.Encodings.Web;
using Matching.Engine.Access;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Coach.Api.Security;

/// <summary>
/// Web pages sign in with the same JWT as the API, carried in an HttpOnly cookie for page requests
/// only (API calls keep the Authorization header: a cookie there would open them to cross-site
/// requests). In Development, <c>/signin</c> issues a development token for any user and role; in
/// production the configured OpenID Connect provider signs users in instead.
/// </summary>
public static class WebSignIn
{
    public const string Cookie = "coach_token";
    public const string Path = "/signin";

    /// <summary>The pages each role reaches, and who may open them (an admin may open all).</summary>
    private static readonly (string Prefix, string[] Roles)[] s_pages =
    [
        ("/adviser", [Roles.Adviser, Roles.Admin]),
        ("/recruiter", [Roles.Recruiter, Roles.Admin]),
    ];

    /// <summary>Reads the page cookie, and sends a browser that may not see a page to the sign-in page.</summary>
    public static void Configure(JwtBearerOptions options)
    {
        options.Events ??= new JwtBearerEvents();
        options.Events.OnMessageReceived = context =>
        {
            if (!IsApi(context.Request) && context.Request.Cookies.TryGetValue(Cookie, out var token) && token.Length > 0)
            {
                context.Token = token;
            }
            return Task.CompletedTask;
        };
        options.Events.OnChallenge = context =>
        {
            if (IsPage(context.Request))
            {
                context.HandleResponse();
                context.Response.Redirect($"{Path}?returnUrl={Uri.EscapeDataString(context.Request.Path + context.Request.QueryString)}");
            }
            return Task.CompletedTask;
        };
        options.Events.OnForbidden = context =>
        {
            if (IsPage(context.Request))
            {
                context.Response.Redirect($"{Path}?returnUrl={Uri.EscapeDataString(context.Request.Path + context.Request.QueryString)}&denied=1");
            }
            return Task.CompletedTask;
        };
    }

    /// <summary>The access rule of the web app's pages: public, but for the adviser's and the recruiter's.</summary>
    public static RouteGroupBuilder WithPageAccess(this RouteGroupBuilder web)
    {
        web.WithAccess(Access.Public);
        ((IEndpointConventionBuilder)web).Add(endpoint =>
        {
            var pattern = (endpoint as RouteEndpointBuilder)?.RoutePattern.RawText ?? "";
            foreach (var (prefix, roles) in s_pages)
            {
                if (pattern.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || pattern.StartsWith(prefix[1..], StringComparison.OrdinalIgnoreCase))
                {
                    endpoint.Metadata.Add(Access.Roles(roles));
                }
            }
        });
        return web;
    }

    public static IEndpointRouteBuilder MapWebSignIn(this IEndpointRouteBuilder routes)
    {
        var development = SecuritySetup.IsDevelopment(routes.ServiceProvider.GetRequiredService<IHostEnvironment>());
        var group = routes.MapGroup(Path).WithAccess(Access.Public).ExcludeFromDescription();
        if (development)
        {
            group.MapGet("", SignInPage);
            // A development convenience: no password, so no cross-site forgery worth guarding against.
            group.MapPost("", SignIn).DisableAntiforgery();
        }
        else
        {
            group.MapGet("", ProductionSignIn);
        }
        routes.MapPost("/signout", SignOut).WithAccess(Access.Public).DisableAntiforgery().ExcludeFromDescription();
        return routes;
    }

    public static ContentHttpResult SignInPage(string? returnUrl, string? denied)
    {
        var back = HtmlEncoder.Default.Encode(SafeReturn(returnUrl));
        var options = string.Join("", Roles.All.Select(r => $"<option value=\"{r}\">{RoleLabel(r)} ({r})</option>"));
        var warning = denied is null ? "" : "<p role=\"alert\">Ce compte n'a pas accès à cette page. / This account cannot open that page.</p>";
        return TypedResults.Content($$"""
            <!DOCTYPE html>
            <html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Connexion (développement) — Coach</title><link rel="stylesheet" href="/_content/Coach.Web/app.css"><link rel="icon" type="image/svg+xml" href="{{Coach.Web.CoachWeb.FaviconPath}}"></head>
            <body><main class="page"><h1>Connexion de développement</h1>
            <p>En production, Coach utilise le fournisseur d'identité configuré (OpenID Connect). Ici, choisissez un identifiant et un rôle.</p>
            {{warning}}
            <form method="post" action="{{Path}}" class="card">
              <label for="userId">Identifiant</label> <input id="userId" name="userId" required maxlength="100" pattern="[A-Za-z0-9._@\-]+" value="demo">
              <label for="role">Rôle</label> <select id="role" name="role">{{options}}</select>
              <input type="hidden" name="returnUrl" value="{{back}}">
              <button type="submit">Se connecter</button>
            </form></main></body></html>
            """, "text/html; charset=utf-8");
    }

    /// <summary>The role as the French page names it (the value, in English, stays next to it for the API's users).</summary>
    private static string RoleLabel(string role) => role switch
    {
        Roles.Seeker => "Demandeur d'emploi",
        Roles.Adviser => "Conseiller",
        Roles.Recruiter => "Recruteur",
        Roles.Admin => "Administrateur",
        _ => role,
    };

    public static ContentHttpResult ProductionSignIn() =>
        TypedResults.Content("<!DOCTYPE html><html lang=\"fr\"><body><p>Sign in through the organisation's identity provider (OpenID Connect), configured under Authentication:Schemes:Bearer.</p></body></html>",
            "text/html; charset=utf-8", statusCode: (int)HttpStatusCode.Unauthorized);

    public static Results<RedirectHttpResult, ValidationProblem> SignIn(HttpContext context, DevTokenIssuer issuer, [Microsoft.AspNetCore.Mvc.FromForm] string? userId, [Microsoft.AspNetCore.Mvc.FromForm] string? role, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl)
    {
        if (string.IsNullOrWhiteSpace(userId) || !DevTokenIssuer.IsValidUserId(userId))
        {
            return Infrastructure.ProblemResults.Invalid("userId", "Give a user id of 1 to 100 letters, digits, '.', '_', '@' or '-'.");
        }
        if (role is null || !Roles.All.Contains(role))
        {
            return Infrastructure.ProblemResults.Invalid("role", $"The role must be one of {string.Join(", ", Roles.All)}.");
        }
        context.Response.Cookies.Append(Cookie, issuer.Issue(userId, role, TimeSpan.FromHours(8)), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            MaxAge = TimeSpan.FromHours(8),
        });
        return TypedResults.Redirect(SafeReturn(returnUrl ?? Home(role)));
    }

    public static RedirectHttpResult SignOut(HttpContext context)
    {
        context.Response.Cookies.Delete(Cookie);
        return TypedResults.Redirect("/");
    }

    private static string Home(string role) => role switch
    {
        Roles.Adviser => "/adviser",
        Roles.Recruiter => "/recruiter",
        _ => "/",
    };

    /// <summary>Only a local path: a sign-in must not bounce the browser to another site.</summary>
    private static string SafeReturn(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";

    /// <summary>A browser asking for a page (not an API client): it is sent to sign in rather than given a 401.</summary>
    private static bool IsPage(HttpRequest request) =>
        !IsApi(request) && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi") || request.Path.StartsWithSegments("/health");
}
