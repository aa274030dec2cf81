using StackExchange.Redis;

namespace Coach.Api.Caching;

/// <summary>
/// The one Redis connection of the process (<c>ConnectionStrings:redis</c>), shared by the cache's second level,
/// the invalidation channel and the rate limits. Redis is optional: while it does not answer, each user of
/// the connection falls back to what the instance has alone (L1 cache, local rate limits); that is logged
/// once when it happens and once when Redis answers again, never per request.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    /// <summary>How long Redis is left alone after a failure before the next attempt (no connect timeout per request meanwhile).</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);

    private readonly ILogger<RedisConnection> _logger;
    private readonly TimeProvider _time;
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;
    private long _downUntilTicks;
    private int _down;
    private int _failuresLogged;
    private long _lastFailureTicks;

    public RedisConnection(string connectionString, ILogger<RedisConnection> logger, TimeProvider time)
    {
        _logger = logger;
        _time = time;
        var options = ConfigurationOptions.Parse(connectionString);
        // Never fail the process for a cache: connect in the background, reconnect by itself, and time out fast (unless the
        // connection string says how long: "host:6379,syncTimeout=5000,asyncTimeout=5000,connectTimeout=5000").
        options.AbortOnConnectFail = false;
        bool Says(string key) => connectionString.Contains(key + "=", StringComparison.OrdinalIgnoreCase);
        if (!Says("connectTimeout"))
        {
            options.ConnectTimeout = 2_000;
        }
        if (!Says("syncTimeout"))
        {
            options.SyncTimeout = 1_000;
        }
        if (!Says("asyncTimeout"))
        {
            options.AsyncTimeout = 1_000;
        }
        options.ConnectRetry = 1;
        Endpoint = string.Join(",", options.EndPoints.Select(e => e.ToString()));
        _multiplexer = new(() => ConnectionMultiplexer.Connect(options));
    }

    public string Endpoint { get; }

    public IConnectionMultiplexer Multiplexer => _multiplexer.Value;

    /// <summary>True while Redis is known down (within <see cref="RetryAfterFailure"/> of the last failure).</summary>
    public bool IsDown => Volatile.Read(ref _down) == 1 && _time.GetUtcNow().UtcTicks < Interlocked.Read(ref _downUntilTicks);

    /// <summary>How many times "Redis is down" was logged (once per outage).</summary>
    public int FailuresLogged => Volatile.Read(ref _failuresLogged);

    /// <summary>When a call to Redis starts: pass it to <see cref="Succeeded"/>.</summary>
    public long Attempt() => _time.GetUtcNow().UtcTicks;

    public void Failed(Exception e)
    {
        var now = _time.GetUtcNow();
        Interlocked.Exchange(ref _lastFailureTicks, now.UtcTicks);
        Interlocked.Exchange(ref _downUntilTicks, (now + RetryAfterFailure).UtcTicks);
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            Interlocked.Increment(ref _failuresLogged);
            _logger.LogWarning("Redis at {Endpoint} does not answer ({Reason}): the cache runs on this instance's memory only and rate limits are counted per instance until it answers again",
                Endpoint, e.Message);
        }
    }

    /// <param name="attempt">When the call started (<see cref="Attempt"/>): a call that started before the last failure
    /// answered from before the outage and says nothing of now, so it does not end it (nor make the next failure
    /// log the outage a second time).</param>
    public void Succeeded(long attempt)
    {
        if (attempt < Interlocked.Read(ref _lastFailureTicks))
        {
            return;
        }
        if (Volatile.Read(ref _down) == 1 && Interlocked.Exchange(ref _down, 0) == 1)
        {
            _logger.LogInformation("Redis at {Endpoint} answers again: cache and rate limits are shared again", Endpoint);
        }
    }

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }
}
