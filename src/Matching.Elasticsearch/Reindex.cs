using System.Text.Json;
using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;

namespace Matching.Elasticsearch;

/// <summary>Where a copy stands: the last id copied on each side (ids are copied in ordinal order) and the counts.</summary>
public sealed record ReindexCheckpoint(string? OffersAfter, long OffersCopied, string? ProfilesAfter, long ProfilesCopied, bool OffersDone, long Refused)
{
    public static readonly ReindexCheckpoint Start = new(null, 0, null, 0, false, 0);
}

/// <summary>One step of a copy, for a progress bar.</summary>
public sealed record ReindexProgress(string Side, long Copied, long Total, long Refused);

/// <summary>
/// Copies the embedded store into another index (an Elasticsearch cluster) in batches, in id order, saving a
/// checkpoint file after each batch: a copy that stops (Ctrl+C, a lost cluster) resumes where it stopped. Items
/// the target refuses for a transient reason (429, 5xx) are sent again; the others are counted and reported.
/// </summary>
public sealed class Reindex(EmbeddedMatchIndex source, IMatchIndex target, string checkpointPath, int batchSize = 1_000)
{
    private const int TransientRetries = 5;

    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    /// <summary>Refused items (id, reason), as they came.</summary>
    public List<string> RefusedItems { get; } = [];

    public ReindexCheckpoint Load()
    {
        if (!File.Exists(checkpointPath))
        {
            return ReindexCheckpoint.Start;
        }
        return JsonSerializer.Deserialize<ReindexCheckpoint>(File.ReadAllText(checkpointPath)) ?? ReindexCheckpoint.Start;
    }

    private void Save(ReindexCheckpoint checkpoint)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(checkpointPath))!);
        var temp = checkpointPath + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(checkpoint));
        File.Move(temp, checkpointPath, overwrite: true);
    }

    /// <summary>Runs (or resumes) the copy; deletes the checkpoint once everything is copied.</summary>
    public async Task<ReindexCheckpoint> RunAsync(IProgress<ReindexProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var counts = await source.CountAsync(cancellationToken);
        var at = Load();
        if (!at.OffersDone)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = source.ReadOffersAfter(at.OffersAfter, batchSize);
                if (batch.Count == 0)
                {
                    break;
                }
                var refused = await WriteAsync(batch, o => o.Id, target.UpsertOffersAsync, cancellationToken);
                at = at with { OffersAfter = batch[^1].Id, OffersCopied = at.OffersCopied + batch.Count - refused, Refused = at.Refused + refused };
                Save(at);
                progress?.Report(new ReindexProgress("offers", at.OffersCopied, counts.Offers, at.Refused));
            }
            at = at with { OffersDone = true };
            Save(at);
        }
        progress?.Report(new ReindexProgress("offers", at.OffersCopied, counts.Offers, at.Refused));
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = source.ReadProfilesAfter(at.ProfilesAfter, batchSize);
            if (batch.Count == 0)
            {
                break;
            }
            var refused = await WriteAsync(batch, p => p.Id, target.UpsertProfilesAsync, cancellationToken);
            at = at with { ProfilesAfter = batch[^1].Id, ProfilesCopied = at.ProfilesCopied + batch.Count - refused, Refused = at.Refused + refused };
            Save(at);
            progress?.Report(new ReindexProgress("profiles", at.ProfilesCopied, counts.Profiles, at.Refused));
        }
        progress?.Report(new ReindexProgress("profiles", at.ProfilesCopied, counts.Profiles, at.Refused));
        File.Delete(checkpointPath);
        return at;
    }

    /// <summary>Writes a batch; transient refusals are sent again with back-off; returns how many were refused for good.</summary>
    private async Task<int> WriteAsync<T>(IReadOnlyList<T> batch, Func<T, string> idOf, Func<IReadOnlyList<T>, CancellationToken, Task<BulkResult>> upsert, CancellationToken cancellationToken)
    {
        var pending = batch;
        var wait = TimeSpan.FromSeconds(1);
        var refused = 0;
        for (var attempt = 0; ; attempt++)
        {
            BulkResult result;
            try
            {
                result = await upsert(pending, cancellationToken);
            }
            catch (IndexUnavailableException) when (attempt < TransientRetries)
            {
                await Delay(wait, cancellationToken);
                wait *= 2;
                continue;
            }
            var last = attempt >= TransientRetries;
            var retry = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in result.Failed ?? [])
            {
                if (f.IsTransient && !last)
                {
                    retry.Add(f.Id);
                    continue;
                }
                refused++;
                RefusedItems.Add($"{f.Id}: {f.Type}: {f.Reason}");
            }
            if (retry.Count == 0)
            {
                return refused;
            }
            pending = [.. pending.Where(p => retry.Contains(idOf(p)))];
            await Delay(wait, cancellationToken);
            wait *= 2;
        }
    }
}
