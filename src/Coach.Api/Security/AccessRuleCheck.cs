namespace Coach.Api.Security;

/// <summary>Finds endpoints that state no <see cref="AccessRule"/>: they are closed to anonymous callers but their intent is unknown.</summary>
public static class AccessRuleCheck
{
    public static IReadOnlyList<string> EndpointsWithoutRule(IEnumerable<Endpoint> endpoints) =>
        [.. endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<AccessRule>() is null)
            .Select(Describe)];

    public static string Describe(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"];
        return $"{string.Join(',', methods)} /{endpoint.RoutePattern.RawText?.TrimStart('/')}";
    }

    internal static void Report(IServiceProvider services)
    {
        var missing = EndpointsWithoutRule(services.GetRequiredService<EndpointDataSource>().Endpoints);
        if (missing.Count > 0)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AccessRuleCheck))
                .LogError("Endpoints without an access rule (only signed-in users reach them; add .WithAccess(...)): {Endpoints}", string.Join("; ", missing));
        }
    }
}
