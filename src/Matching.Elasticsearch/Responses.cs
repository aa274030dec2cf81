using Elastic.Transport.Products.Elasticsearch;
using Matching.Engine.Indexing;

namespace Matching.Elasticsearch;

/// <summary>How a failed call to Elasticsearch becomes Coach's exception.</summary>
internal static class Responses
{
    /// <summary>How long a caller is asked to wait when the cluster refuses or is unreachable.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    public static void ThrowIfFailed(ElasticsearchResponse response, string operation)
    {
        if (response.IsValidResponse)
        {
            return;
        }
        throw Failure(response, operation);
    }

    public static Exception Failure(ElasticsearchResponse response, string operation)
    {
        var status = response.ApiCallDetails?.HttpStatusCode;
        var error = response.ElasticsearchServerError?.Error;
        var original = response.ApiCallDetails?.OriginalException;
        var detail = error is null ? (original?.InnerException ?? original)?.Message ?? "no answer" : $"{error.Type}: {error.Reason}";
        // No answer at all, an overloaded cluster (429, es_rejected_execution) or a missing shard (503): retry later.
        if (status is null or 429 or 502 or 503 or 504)
        {
            return new IndexUnavailableException($"Elasticsearch is unavailable ({operation}: {(status is null ? "" : $"HTTP {status}, ")}{detail}).", DefaultRetryAfter,
                response.ApiCallDetails?.OriginalException);
        }
        return new InvalidOperationException($"Elasticsearch refused {operation}: HTTP {status}, {detail}", response.ApiCallDetails?.OriginalException);
    }
}
