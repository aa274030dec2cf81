using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Coach.Web;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Coach.Api.Security;

/// <summary>
/// Configuration section <c>Coach:RateLimits</c>. Budgets are in cost units (<see cref="RequestCostAttribute"/>:
/// 1 a lookup, 5 a search, 10 a full assessment) and refill continuously over the minute.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Coach:RateLimits";

    /// <summary>
    /// Units per minute of one person: a signed-in user, or an anonymous browser (its seeker cookie). 600 is 60
    /// assessments or 120 searches a minute, several times what anyone reads; a script meets it within seconds.
    /// At least 10, the dearest request.
    /// </summary>
    [Range(RequestCostAttribute.Assessment, 100_000_000)]
    public int CallerUnitsPerMinute { get; set; } = 600;

    /// <summary>
    /// Units per minute of everyone anonymous behind one network address (IPv4, or IPv6 /64): an office or a school
    /// behind one NAT. 3000 is 300 assessments a minute, thirty people at once each getting results every few
    /// seconds. It also bounds a script that drops or forges its cookie.
    /// </summary>
    [Range(RequestCostAttribute.Assessment, 100_000_000)]
    public int AnonymousUnitsPerMinutePerAddress { get; set; } = 3000;

    /// <summary>Bulk ingest requests per minute and user (each may carry 50 MB).</summary>
    [Range(1, 1_000_000)]
    public int IngestPerMinute { get; set; } = 30;
}

/// <summary>
/// Limits by cost, not by route. Every request spends its endpoint's cost (<see cref="RequestCostAttribute"/>, a
/// lookup when it states none) from two token buckets: the caller's (a signed-in user, or an anonymous browser's
/// seeker cookie) and, for anonymous requests, their network address's. Pages and API endpoints spend from the same
/// budgets, so the results page and the diagnosis API are limited alike. Bulk ingest also has its own named policy
/// (<see cref="Ingest"/>). A refused request is a 429 ProblemDetails with <c>Retry-After</c>, whatever its
/// <c>Accept</c> header, and is logged once per caller and minute.
/// </summary>
public static class RateLimits
{
    /// <summary>The bulk ingest policy: <c>.RequireRateLimiting(RateLimits.Ingest)</c>.</summary>
    public const string Ingest = "ingest";

    private static readonly TimeSpan s_window = TimeSpan.FromMinutes(1);

    /// <summary>States what one request to the endpoints costs (<see cref="RequestCostAttribute"/> units).</summary>
    public static TBuilder WithCost<TBuilder>(this TBuilder builder, int units) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestCostAttribute(units));

    internal static IServiceCollection AddCoachRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>()
            .Bind(configuration.GetSection(RateLimitOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<RateLimitLog>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, limits) =>
        {
            var budgets = limits.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = new CostRateLimiter(PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => CallerOf(context) is { } caller
                    ? Budget(context, caller, budgets.CallerUnitsPerMinute)
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context => CurrentUser.Of(context) is null
                    ? Budget(context, AddressOf(context), budgets.AnonymousUnitsPerMinutePerAddress)
                    : RateLimitPartition.GetNoLimiter(""))));
            options.AddPolicy(Ingest, context => $"{Ingest}|{CallerOf(context) ?? AddressOf(context)}" is var key
                && context.RequestServices.GetService<Caching.RedisConnection>() is { } redis
                ? RateLimitPartition.Get(key, k => (RateLimiter)new Caching.RedisFixedWindowRateLimiter(k, budgets.IngestPerMinute, s_window, redis, ClockOf(context)))
                : RateLimitPartition.GetFixedWindowLimiter(key,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = budgets.IngestPerMinute, Window = s_window, QueueLimit = 0, AutoReplenishment = true }));
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>What one request to this endpoint costs.</summary>
    internal static int CostOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<RequestCostAttribute>()?.Units ?? RequestCostAttribute.Lookup;

    /// <summary>A signed-in user, or an anonymous browser by its seeker cookie; null for an anonymous caller without one.</summary>
    internal static string? CallerOf(HttpContext context) =>
        CurrentUser.Of(context) is { } user ? "user:" + user.Id
        : context.Request.Cookies.TryGetValue(CurrentUser.SeekerCookie, out var cookie) && cookie is { Length: > 0 and <= 64 } ? "browser:" + cookie
        : null;

    /// <summary>The network address; an IPv6 caller by its /64, which one subscriber usually holds whole.</summary>
    internal static string AddressOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "address:unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
        }
        return "address:" + address;
    }

    /// <summary>
    /// A budget of cost units a minute: with Redis (<c>ConnectionStrings:redis</c>) one fixed window per minute counted
    /// in Redis, so every instance behind the load balancer spends from the same budget (alone, each would grant its
    /// own); without it, or while it is down, a token bucket of this instance.
    /// </summary>
    private static RateLimitPartition<string> Budget(HttpContext context, string key, int unitsPerMinute) =>
        context.RequestServices.GetService<Caching.RedisConnection>() is { } redis
            ? RateLimitPartition.Get(key, k => (RateLimiter)new Caching.RedisFixedWindowRateLimiter(k, unitsPerMinute, s_window, redis, ClockOf(context)))
            : RateLimitPartition.GetTokenBucketLimiter(key, _ => Bucket(unitsPerMinute));

    /// <summary>The key of the clock the Redis windows are counted by (a test registers a frozen one; the system clock otherwise).</summary>
    internal const string ClockKey = "rate-limits";

    private static TimeProvider ClockOf(HttpContext context) =>
        context.RequestServices.GetKeyedService<TimeProvider>(ClockKey) ?? TimeProvider.System;

    private static TokenBucketRateLimiterOptions Bucket(int unitsPerMinute) => new()
    {
        TokenLimit = unitsPerMinute,
        // A sixth of the budget every 10 s: what a burst spent comes back within the minute.
        TokensPerPeriod = Math.Max(1, (unitsPerMinute + 5) / 6),
        ReplenishmentPeriod = TimeSpan.FromSeconds(10),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        http.RequestServices.GetRequiredService<RateLimitLog>().Refused(http);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        // The last ProblemDetails writer answers JSON whatever the Accept header: a refusal is never a 500.
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"You have used this minute's share of Coach's work; try again in {seconds} s.",
            },
        });
    }

    /// <summary>Charges each request its endpoint's cost in the chained buckets; a free endpoint is never refused.</summary>
    private sealed class CostRateLimiter(PartitionedRateLimiter<HttpContext> inner) : PartitionedRateLimiter<HttpContext>
    {
        public override RateLimiterStatistics? GetStatistics(HttpContext resource) => inner.GetStatistics(resource);

        protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
            CostOf(resource) is var cost and > 0 ? inner.AttemptAcquire(resource, permitCount * cost) : Granted.Lease;

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
            CostOf(resource) is var cost and > 0 ? inner.AcquireAsync(resource, permitCount * cost, cancellationToken) : ValueTask.FromResult<RateLimitLease>(Granted.Lease);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }

        protected override ValueTask DisposeAsyncCore() => inner.DisposeAsync();
    }

    private sealed class Granted : RateLimitLease
    {
        public static Granted Lease { get; } = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}

/// <summary>
/// One log line per refused caller and minute, not one per refused request: a script hammering Coach must not
/// fill the disk with the story of its refusals.
/// </summary>
internal sealed class RateLimitLog(ILogger<RateLimitLog> logger, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, long> _loggedWindow = new(StringComparer.Ordinal);

    public void Refused(HttpContext context)
    {
        var caller = RateLimits.CallerOf(context) ?? RateLimits.AddressOf(context);
        var window = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        if (_loggedWindow.TryGetValue(caller, out var last) && last == window)
        {
            return;
        }
        _loggedWindow[caller] = window;
        if (_loggedWindow.Count > 10_000)
        {
            foreach (var (key, value) in _loggedWindow)
            {
                if (value < window)
                {
                    _loggedWindow.TryRemove(key, out _);
                }
            }
        }
        logger.LogWarning("Rate limit reached by {Caller} on {Method} {Path} ({Cost} units per request); its other refusals this minute are not logged",
            caller, context.Request.Method, context.Request.Path, RateLimits.CostOf(context));
    }
}
