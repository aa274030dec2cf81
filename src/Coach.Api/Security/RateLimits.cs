using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Matching.Engine.Access;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Coach.Api.Security;

/// <summary>Configuration section <c>Coach:RateLimits</c>: requests per user (or per IP when anonymous) and minute.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Coach:RateLimits";

    [Range(1, 1_000_000)]
    public int SearchPerMinute { get; set; } = 120;

    [Range(1, 1_000_000)]
    public int IngestPerMinute { get; set; } = 30;
}

/// <summary>The named rate-limit policies: apply once per group, <c>group.RequireRateLimiting(RateLimits.Search)</c>.</summary>
public static class RateLimits
{
    public const string Search = "search";
    public const string Ingest = "ingest";

    internal static IServiceCollection AddCoachRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>()
            .Bind(configuration.GetSection(RateLimitOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Search, context => PerUser(context, Search, o => o.SearchPerMinute));
            options.AddPolicy(Ingest, context => PerUser(context, Ingest, o => o.IngestPerMinute));
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> PerUser(HttpContext context, string policy, Func<RateLimitOptions, int> perMinute)
    {
        var limit = perMinute(context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        // Per signed-in user, so one office behind a NAT does not share a budget; per IP otherwise.
        var caller = CoachUser.FromClaims(context.User) is { } user ? "user:" + user.Id : "ip:" + context.Connection.RemoteIpAddress;
        return RateLimitPartition.GetFixedWindowLimiter($"{policy}|{caller}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"You have reached the limit of requests per minute for this operation; try again in {seconds} s.",
            },
        });
    }
}
