using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace Coach.Web.Components;

/// <summary>
/// Errors as a person reads them: a browser navigating to a page (not <c>/api</c>) that fails or does not
/// exist gets a short page in words, in their language, with the navigation; API clients keep the
/// ProblemDetails JSON. Registered first so it is asked before the JSON writer.
/// </summary>
internal sealed class HtmlErrorPages : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context)
    {
        var request = context.HttpContext.Request;
        if (request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || !HttpMethods.IsGet(request.Method) && !HttpMethods.IsPost(request.Method))
        {
            return false;
        }
        var accept = request.GetTypedHeaders().Accept;
        return accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
    }

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var culture = http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? Ui.Cultures[0];
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            var (title, text) = http.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => (Ui.T("error.notFound.title"), Ui.T("error.notFound")),
                StatusCodes.Status429TooManyRequests => (Ui.T("error.tooMany.title"), Ui.T("error.tooMany")),
                _ => (Ui.T("error.title"), Ui.T("error.unexpected")),
            };
            title = WebUtility.HtmlEncode(title);
            text = WebUtility.HtmlEncode(text);
            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers[HeaderNames.CacheControl] = "no-store";
            await http.Response.WriteAsync($$"""
                <!DOCTYPE html>
                <html lang="{{Ui.Language}}"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{{title}} — Coach</title><link rel="stylesheet" href="/_content/Coach.Web/app.css" /><link rel="icon" type="image/svg+xml" href="{{CoachWeb.FaviconPath}}" /></head>
                <body><header class="top"><a class="brand" href="/">Coach</a><nav aria-label="{{WebUtility.HtmlEncode(Ui.T("nav.label"))}}"><ul>
                <li><a href="/seeker">{{WebUtility.HtmlEncode(Ui.T("nav.seeker"))}}</a></li><li><a href="/recruiter">{{WebUtility.HtmlEncode(Ui.T("nav.recruiter"))}}</a></li>
                <li><a href="/adviser">{{WebUtility.HtmlEncode(Ui.T("nav.adviser"))}}</a></li><li><a href="/market">{{WebUtility.HtmlEncode(Ui.T("nav.market"))}}</a></li></ul></nav></header>
                <main id="main"><div class="error" role="alert"><h1>{{title}}</h1><p>{{text}}</p><p><a href="/">{{WebUtility.HtmlEncode(Ui.T("error.home"))}}</a></p></div></main>
                </body></html>
                """, http.RequestAborted);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
