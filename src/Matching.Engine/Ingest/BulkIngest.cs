using Matching.Engine.Indexing;

namespace Matching.Engine.Ingest;

/// <summary>
/// The shared loop of bulk ingest: read the body item by item, answer each bad item with its errors
/// and keep going, write valid items in batches (each batch durable before it is answered).
/// </summary>
public static class BulkIngest
{
    private const int Batch = 1_000;

    /// <param name="build">Reads the body into one outcome per item.</param>
    /// <param name="upsert">Writes a batch of valid documents.</param>
    public static async Task<IngestResponse> RunAsync<TDocument>(
        IAsyncEnumerable<IngestOutcome<TDocument>> build,
        Func<IReadOnlyList<TDocument>, CancellationToken, Task<BulkResult>> upsert,
        Func<TDocument, string> idOf,
        CancellationToken cancellationToken)
        where TDocument : class
    {
        ArgumentNullException.ThrowIfNull(build);
        var response = new IngestResponse();
        var pending = new List<IngestOutcome<TDocument>>(Batch);
        await foreach (var outcome in build.WithCancellation(cancellationToken))
        {
            if (!outcome.IsValid)
            {
                response.Add(outcome.ToResult(IngestStatus.Invalid));
                continue;
            }
            pending.Add(outcome);
            if (pending.Count == Batch)
            {
                await FlushAsync(pending, upsert, idOf, response, cancellationToken);
            }
        }
        await FlushAsync(pending, upsert, idOf, response, cancellationToken);
        response.Items.Sort((a, b) => a.Index.CompareTo(b.Index));
        return response;
    }

    private static async Task FlushAsync<TDocument>(
        List<IngestOutcome<TDocument>> pending,
        Func<IReadOnlyList<TDocument>, CancellationToken, Task<BulkResult>> upsert,
        Func<TDocument, string> idOf,
        IngestResponse response,
        CancellationToken cancellationToken)
        where TDocument : class
    {
        if (pending.Count == 0)
        {
            return;
        }
        // The last of duplicate ids in one batch wins, as if they had been sent one after the other.
        var documents = pending.GroupBy(o => idOf(o.Document!), StringComparer.Ordinal).Select(g => g.Last().Document!).ToList();
        var result = await upsert(documents, cancellationToken);
        var created = new HashSet<string>(StringComparer.Ordinal);
        foreach (var outcome in pending)
        {
            var id = idOf(outcome.Document!);
            if (result.FailureOf(id) is { } failure)
            {
                // Refused by the index item by item (Elasticsearch): the item's own answer, the others go on.
                var errors = new Dictionary<string, string[]>
                {
                    ["$"] = [$"The index refused this item ({failure.Type}, HTTP {failure.Status}): {failure.Reason}{(failure.IsTransient ? " Send it again later." : "")}"],
                };
                response.Add(new IngestItemResult(outcome.Id, outcome.Index, IngestStatus.Failed, errors, outcome.Warnings));
                continue;
            }
            // Within a batch, the first occurrence of a new id creates it; a repeat updates it.
            var status = result.WasCreated(id) && created.Add(id) ? IngestStatus.Created : IngestStatus.Updated;
            response.Add(outcome.ToResult(status));
        }
        pending.Clear();
    }
}

/// <summary>The answer to a bulk ingest: one line per item, in the order received.</summary>
public sealed class IngestResponse
{
    public int Created { get; private set; }
    public int Updated { get; private set; }
    public int Invalid { get; private set; }
    /// <summary>Valid items the index refused (not stored).</summary>
    public int Failed { get; private set; }
    public List<IngestItemResult> Items { get; } = [];

    public void Add(IngestItemResult item)
    {
        ArgumentNullException.ThrowIfNull(item);
        Items.Add(item);
        switch (item.Status)
        {
            case IngestStatus.Created:
                Created++;
                break;
            case IngestStatus.Updated:
                Updated++;
                break;
            case IngestStatus.Failed:
                Failed++;
                break;
            default:
                Invalid++;
                break;
        }
    }
}
