using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Matching.Engine.Indexing;
using Microsoft.Extensions.Logging;

namespace Matching.Elasticsearch;

/// <summary>What a walk kept: the page (best first), the count of every candidate, whether more follow.</summary>
/// <param name="TotalIsLowerBound">More than <paramref name="Total"/> candidates: Elasticsearch counted up to the cap asked (track_total_hits) and
/// answered its relation "gte".</param>
internal sealed record WalkResult<TSource>(IReadOnlyList<(double Score, string Id, TSource Source)> Page, long Total, bool More, AggregateDictionary? Aggregations, bool Exact, int Walked,
    bool TotalIsLowerBound = false);

/// <summary>
/// Re-scores Elasticsearch's candidates with Coach's scorer, in the order of Elasticsearch's score, which is an
/// upper bound of Coach's (see <see cref="Queries"/>). The candidates are read in chunks with <c>search_after</c>
/// over a point in time, so every chunk sees the same index. Once the page is full, a candidate whose bound is
/// below the page's worst score cannot enter it, nor can any after it: the walk stops there and the page is
/// exactly the embedded index's. It also stops after <see cref="ElasticsearchIndexOptions.MaxCandidates"/>
/// candidates (the page is then the best of those, logged as inexact): the depth/exactness trade-off of docs/scaling.md.
/// </summary>
internal sealed class CandidateWalk(ElasticsearchClient client, ElasticsearchIndexOptions options, ILogger logger)
{
    /// <summary>Elasticsearch scores are 32-bit floats: a bound is trusted only past this relative margin.</summary>
    public const double BoundMargin = 1e-4;

    private static readonly string KeepAlive = "1m";

    public async Task<WalkResult<TSource>> RunAsync<TSource>(
        string alias,
        Query query,
        Func<TSource, (double Score, string Id)> rescore,
        PageCursor? cursor,
        int size,
        IDictionary<string, Aggregation>? aggregations,
        CancellationToken cancellationToken,
        double minBound = 0,
        int? totalUpTo = null)
    {
        var opened = await client.OpenPointInTimeAsync(new OpenPointInTimeRequest(alias) { KeepAlive = KeepAlive }, cancellationToken);
        Responses.ThrowIfFailed(opened, $"POST {alias}/_pit");
        var pit = opened.Id;
        try
        {
            var page = new List<(double Score, string Id, TSource Source)>(size + 1);
            long total = 0;
            var lowerBound = false;
            var more = false;
            var exact = true;
            var walked = 0;
            AggregateDictionary? aggs = null;
            ICollection<FieldValue>? after = null;
            var chunk = Math.Min(options.ChunkSize, options.MaxCandidates);
            for (var first = true; ; first = false)
            {
                var response = await client.SearchAsync<TSource>(new SearchRequest<TSource>
                {
                    Pit = new PointInTimeReference { Id = pit, KeepAlive = KeepAlive },
                    Query = query,
                    Size = chunk,
                    Sort =
                    [
                        new SortOptions { Score = new ScoreSort { Order = SortOrder.Desc } },
                        new SortOptions { Field = new FieldSort { Field = "_shard_doc", Order = SortOrder.Asc } },
                    ],
                    SearchAfter = after,
                    // A floor on Coach's score is a floor on its upper bound: candidates whose bound is below it cannot pass.
                    MinScore = minBound > 0 ? minBound * (1 - BoundMargin) : null,
                    // The count of the first chunk's request: exact, or up to the cap (MatchOptions.TotalUpTo), as the embedded index counts.
                    TrackTotalHits = !first ? new TrackHits(false) : totalUpTo is { } upTo ? new TrackHits(upTo) : new TrackHits(true),
                    Aggregations = first ? aggregations : null,
                    Source = new SourceConfig(new SourceFilter { Includes = Fields.FromString("doc") }),
                }, cancellationToken);
                Responses.ThrowIfFailed(response, $"POST _search (pit of {alias})");
                pit = response.PitId ?? pit;
                if (first)
                {
                    total = response.Total;
                    lowerBound = response.HitsMetadata?.Total?.Match(hits => hits?.Relation == TotalHitsRelation.Gte, _ => false) ?? false;
                    aggs = response.Aggregations;
                }
                var hits = response.Hits;
                foreach (var hit in hits)
                {
                    var bound = hit.Score ?? double.PositiveInfinity;
                    if (page.Count == size && bound * (1 + BoundMargin) < page[^1].Score)
                    {
                        // This candidate and every later one score below the page: they come after it.
                        return new WalkResult<TSource>(page, total, true, aggs, exact, walked, lowerBound);
                    }
                    walked++;
                    if (hit.Source is null)
                    {
                        continue;
                    }
                    var (score, id) = rescore(hit.Source);
                    if (score <= 0 || (cursor is { } c && !c.Precedes(score, id)))
                    {
                        continue;
                    }
                    more |= Offer(page, size, score, id, hit.Source);
                }
                if (hits.Count < chunk)
                {
                    return new WalkResult<TSource>(page, total, more, aggs, exact, walked, lowerBound);
                }
                if (walked >= options.MaxCandidates)
                {
                    exact = false;
                    logger.LogWarning("Elasticsearch walk of {Alias} stopped after {Walked} candidates of {Total}: the page is the best of those (Coach:Index:Elasticsearch:MaxCandidates)",
                        alias, walked, total);
                    return new WalkResult<TSource>(page, total, true, aggs, exact, walked, lowerBound);
                }
                after = [.. hits.Last().Sort ?? []];
            }
        }
        finally
        {
            try
            {
                await client.ClosePointInTimeAsync(new ClosePointInTimeRequest { Id = pit }, CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The point in time expires by itself after its keep-alive.
                logger.LogDebug(e, "Closing a point in time failed");
            }
        }
    }

    /// <summary>True when hit (a) ranks before hit (b): higher score, then smaller id (ordinal), as every index orders hits.</summary>
    private static bool Before(double scoreA, string idA, double scoreB, string idB) =>
        scoreA > scoreB || (scoreA == scoreB && string.CompareOrdinal(idA, idB) < 0);

    /// <summary>Keeps the hit if it ranks among the best <paramref name="size"/>; true when a hit was left out (this one or an evicted one).</summary>
    private static bool Offer<TSource>(List<(double Score, string Id, TSource Source)> page, int size, double score, string id, TSource source)
    {
        var at = page.Count;
        while (at > 0 && Before(score, id, page[at - 1].Score, page[at - 1].Id))
        {
            at--;
        }
        if (at == size)
        {
            return true;
        }
        page.Insert(at, (score, id, source));
        if (page.Count > size)
        {
            page.RemoveAt(page.Count - 1);
            return true;
        }
        return false;
    }
}
