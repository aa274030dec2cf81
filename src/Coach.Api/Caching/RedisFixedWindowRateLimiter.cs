using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Coach.Api.Caching;

/// <summary>
/// A fixed-window limit counted in Redis, so every instance behind the load balancer shares one budget per caller:
/// one <c>INCRBY</c> of the request's cost on <c>coach:rl:{partition}:{window}</c> (the key expires with its window). While
/// Redis does not answer, the instance counts alone (a local fixed window with the same limit): a caller can then
/// get up to one budget per instance, never an error.
/// </summary>
internal sealed class RedisFixedWindowRateLimiter : RateLimiter
{
    // Add the request's cost and set the expiry on the first hit of the window, atomically.
    private const string Script = "local n = redis.call('INCRBY', KEYS[1], ARGV[2]) if n == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n";

    private static readonly RateLimitLease s_notYet = new Lease(false, null);

    private readonly string _partition;
    private readonly int _limit;
    private readonly TimeSpan _window;
    private readonly RedisConnection _redis;
    private readonly TimeProvider _time;
    private readonly FixedWindowRateLimiter _local;
    private long _lastUsedTicks;

    public RedisFixedWindowRateLimiter(string partition, int limit, TimeSpan window, RedisConnection redis, TimeProvider time)
    {
        _partition = partition;
        _limit = limit;
        _window = window;
        _redis = redis;
        _time = time;
        _local = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = window, QueueLimit = 0, AutoReplenishment = true });
        _lastUsedTicks = time.GetUtcNow().UtcTicks;
    }

    public override TimeSpan? IdleDuration => _time.GetUtcNow() - new DateTimeOffset(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

    public override RateLimiterStatistics? GetStatistics() => _local.GetStatistics();

    // The synchronous attempt cannot ask Redis: it declines, and the middleware then awaits AcquireAsync.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        _redis.IsDown ? _local.AttemptAcquire(permitCount) : s_notYet;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        Interlocked.Exchange(ref _lastUsedTicks, now.UtcTicks);
        if (_redis.IsDown)
        {
            return await _local.AcquireAsync(permitCount, cancellationToken);
        }
        var window = now.UtcTicks / _window.Ticks;
        var attempt = _redis.Attempt();
        try
        {
            var count = (long)await _redis.Multiplexer.GetDatabase().ScriptEvaluateAsync(Script,
                [(RedisKey)$"coach:rl:{_partition}:{window}"], [(long)_window.TotalMilliseconds, permitCount]);
            _redis.Succeeded(attempt);
            if (count <= _limit)
            {
                return new Lease(true, null);
            }
            var windowEnd = new DateTimeOffset((window + 1) * _window.Ticks, TimeSpan.Zero);
            return new Lease(false, windowEnd - now);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _redis.Failed(e);
            return await _local.AcquireAsync(permitCount, cancellationToken);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _local.Dispose();
        }
        base.Dispose(disposing);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } r && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = r;
                return true;
            }
            metadata = null;
            return false;
        }
    }
}
