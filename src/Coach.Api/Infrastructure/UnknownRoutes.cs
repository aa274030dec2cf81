using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Net.Http.Headers;

namespace Coach.Api.Infrastructure;

/// <summary>
/// What the catch-all route answers. The catch-all matches any method and any content type, so routing picks it
/// over an endpoint whose path matches but whose method or body type does not: this tells those cases apart again.
/// A path Coach serves with a body of another type is a 415 (<c>POST /api/coach/diagnose</c> sent as text/plain);
/// with another method, a 405 with <c>Allow</c>; anything else, a 404.
/// </summary>
public sealed class UnknownRoutes(EndpointDataSource endpoints)
{
    private (RouteEndpoint Endpoint, TemplateMatcher Matcher)[]? _routes;

    public IResult Answer(HttpContext context)
    {
        var request = context.Request;
        var matching = Routes().Where(r => r.Matcher.TryMatch(request.Path, new RouteValueDictionary())).Select(r => r.Endpoint).ToList();
        if (matching.Count == 0)
        {
            return ProblemResults.UnknownRoute(context);
        }
        var sameMethod = matching.Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { HttpMethods.Count: > 0 } m
            || m.HttpMethods.Contains(request.Method, StringComparer.OrdinalIgnoreCase)).ToList();
        if (sameMethod.Count == 0)
        {
            var allowed = matching.SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);
            context.Response.Headers[HeaderNames.Allow] = string.Join(", ", allowed);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status405MethodNotAllowed,
                title: "Method not allowed",
                detail: $"{request.Method} is not allowed on {request.Path}; allowed: {string.Join(", ", allowed)}.");
        }
        var accepted = sameMethod.SelectMany(e => e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (accepted.Count > 0)
        {
            var sent = string.IsNullOrEmpty(request.ContentType) ? "no Content-Type" : $"Content-Type {request.ContentType}";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: $"{request.Method} {request.Path} takes {string.Join(" or ", accepted)}; the request has {sent}.");
        }
        return ProblemResults.UnknownRoute(context);
    }

    private (RouteEndpoint Endpoint, TemplateMatcher Matcher)[] Routes() => _routes ??=
        [.. endpoints.Endpoints.OfType<RouteEndpoint>()
            // Fallbacks (this one, static files' "{**path:file}") match everything: they say nothing about a path.
            .Where(e => e.Order != int.MaxValue && e.Metadata.GetMetadata<UnknownRouteMarker>() is null)
            .Select(e => (e, new TemplateMatcher(new RouteTemplate(e.RoutePattern), new RouteValueDictionary(e.RoutePattern.Defaults))))];
}

/// <summary>Marks the catch-all endpoint, which <see cref="UnknownRoutes"/> leaves out of its search.</summary>
public sealed class UnknownRouteMarker;
