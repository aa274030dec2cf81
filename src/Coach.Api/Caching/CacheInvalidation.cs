using Microsoft.Extensions.Caching.Hybrid;
using StackExchange.Redis;

namespace Coach.Api.Caching;

/// <summary>
/// Removes cache entries on every instance: locally and from Redis (HybridCache.RemoveAsync), then a message on the
/// Redis channel <c>coach:cache:invalidate</c> makes every other instance drop its in-memory copy. Without Redis,
/// only this instance's copy goes; the others keep theirs until its local lifetime ends (see docs/scaling.md).
/// </summary>
public sealed class CacheInvalidation(HybridCache cache, ILogger<CacheInvalidation> logger, RedisConnection? redis = null) : BackgroundService
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("coach:cache:invalidate");

    private readonly string _instance = Guid.NewGuid().ToString("N");

    /// <summary>Entries dropped because another instance asked.</summary>
    public int Received => Volatile.Read(ref _received);

    private int _received;

    public async Task InvalidateAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        foreach (var key in keys)
        {
            await cache.RemoveAsync(key, cancellationToken);
        }
        if (redis is null || redis.IsDown)
        {
            return;
        }
        var attempt = redis.Attempt();
        try
        {
            await redis.Multiplexer.GetSubscriber().PublishAsync(Channel, _instance + "\n" + string.Join("\n", keys));
            redis.Succeeded(attempt);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            redis.Failed(e);
        }
    }

    /// <summary>Subscribes, retrying until Redis answers (the subscription then survives reconnections).</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (redis is null)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var queue = await redis.Multiplexer.GetSubscriber().SubscribeAsync(Channel);
                queue.OnMessage(async message =>
                {
                    var lines = ((string?)message.Message ?? "").Split('\n');
                    if (lines.Length < 2 || lines[0] == _instance)
                    {
                        return;
                    }
                    foreach (var key in lines.Skip(1))
                    {
                        await cache.RemoveAsync(key, CancellationToken.None);
                        Interlocked.Increment(ref _received);
                    }
                });
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                redis.Failed(e);
                logger.LogDebug(e, "Subscribing to {Channel} failed; retrying", Channel);
                await Task.Delay(RedisConnection.RetryAfterFailure, stoppingToken);
            }
        }
    }
}
