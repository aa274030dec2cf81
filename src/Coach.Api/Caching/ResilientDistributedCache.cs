using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;

namespace Coach.Api.Caching;

/// <summary>
/// HybridCache's second level: Redis, through <see cref="RedisCache"/>, made harmless when Redis is down. A failed
/// call is a miss (or a write dropped), never an error; after a failure Redis is not asked again for a few
/// seconds, so requests do not each wait for a timeout. HybridCache then serves from its first level (memory).
/// The connection belongs to <see cref="RedisConnection"/> (it disposes it), not to the inner cache.
/// </summary>
internal sealed class ResilientDistributedCache : IDistributedCache
{
    private readonly RedisConnection _redis;
    private readonly RedisCache _inner;

    public ResilientDistributedCache(RedisConnection redis)
    {
        _redis = redis;
        _inner = new RedisCache(Options.Create(new RedisCacheOptions
        {
            ConnectionMultiplexerFactory = () => Task.FromResult(redis.Multiplexer),
        }));
    }

    public byte[]? Get(string key) => Try(() => _inner.Get(key));

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => TryAsync(() => _inner.GetAsync(key, token));

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Try(() => { _inner.Set(key, value, options); return true; });

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        TryAsync(async () => { await _inner.SetAsync(key, value, options, token); return true; });

    public void Refresh(string key) => Try(() => { _inner.Refresh(key); return true; });

    public Task RefreshAsync(string key, CancellationToken token = default) => TryAsync(async () => { await _inner.RefreshAsync(key, token); return true; });

    public void Remove(string key) => Try(() => { _inner.Remove(key); return true; });

    public Task RemoveAsync(string key, CancellationToken token = default) => TryAsync(async () => { await _inner.RemoveAsync(key, token); return true; });

    private T? Try<T>(Func<T> call)
    {
        if (_redis.IsDown)
        {
            return default;
        }
        var attempt = _redis.Attempt();
        try
        {
            var result = call();
            _redis.Succeeded(attempt);
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _redis.Failed(e);
            return default;
        }
    }

    private async Task<T?> TryAsync<T>(Func<Task<T>> call)
    {
        if (_redis.IsDown)
        {
            return default;
        }
        var attempt = _redis.Attempt();
        try
        {
            var result = await call();
            _redis.Succeeded(attempt);
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _redis.Failed(e);
            return default;
        }
    }
}
