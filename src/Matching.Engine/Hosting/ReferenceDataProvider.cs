using Matching.Engine.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Matching.Engine.Hosting;

/// <summary>
/// Loads the reference data once, in the background, so the process answers <c>/health</c>
/// (not ready) while it loads. The folder is verified before the host starts: a missing or
/// corrupt file stops start-up with one clear message.
/// </summary>
public sealed class ReferenceDataProvider(IOptions<MatchingEngineOptions> options, IHostEnvironment environment, ILogger<ReferenceDataProvider> logger)
    : IHostedService
{
    private readonly TaskCompletionSource<ReferenceData> _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Loading, then building the occupation classifier: both write their caches under Coach:CachePath.
    private Task _background = Task.CompletedTask;

    /// <summary>The data once loaded; faults if loading failed.</summary>
    public Task<ReferenceData> Loaded => _loaded.Task;

    public bool IsReady => _loaded.Task.IsCompletedSuccessfully;

    /// <summary>The data, or null while it loads.</summary>
    public ReferenceData? Current => IsReady ? _loaded.Task.Result : null;

    /// <summary>
    /// The data for a use case: <see cref="Indexing.IndexUnavailableException"/> while it loads (the
    /// match index, which needs it, is not open either), so the caller is told to come back.
    /// </summary>
    public ReferenceData Require() => Current ?? throw new Indexing.IndexUnavailableException(
        _loaded.Task.IsFaulted ? "Coach could not load its reference data; see the server log." : "Coach is still loading its reference data; try again in a few seconds.",
        _loaded.Task.IsFaulted ? TimeSpan.FromSeconds(60) : Indexing.IndexUnavailableException.DefaultRetryAfter);

    /// <summary>
    /// A configured relative path (store, cache) is relative to the repository root when Coach runs
    /// from a checkout (so <c>data/</c> is the repository's own folder), else to the content root.
    /// </summary>
    public string ContentPath(string path) => RepositoryPath(path, environment.ContentRootPath);

    /// <summary>A relative path against the repository root above <paramref name="start"/> (the folder with Coach.sln), else against <paramref name="start"/>.</summary>
    public static string RepositoryPath(string path, string start)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Coach.sln")))
            {
                return Path.Combine(dir.FullName, path);
            }
        }
        return Path.Combine(start, path);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var dataPath = DataFolder.Resolve(options.Value.DataPath, environment.ContentRootPath);
        var cache = ContentPath(options.Value.ReferenceCachePath ?? options.Value.CachePath);
        // Verification is part of start-up: a broken folder must stop the process, not a request.
        DataFolder.Verify(dataPath, cache);
        logger.LogInformation("Reference data verified in {DataPath}", dataPath);

        _background = Task.Run(() =>
        {
            ReferenceData data;
            try
            {
                data = ReferenceData.Load(dataPath, cache);
                logger.LogInformation("Reference data loaded in {Seconds:F1} s: {Occupations} occupations, {Skills} skills",
                    data.LoadTime.TotalSeconds, data.Taxonomy.Occupations.Count, data.Taxonomy.Skills.Count);
            }
            catch (Exception e)
            {
                logger.LogCritical(e, "Reference data could not be loaded from {DataPath}", dataPath);
                _loaded.TrySetException(e);
                return;
            }
            _loaded.TrySetResult(data);
            // Ready before the first offer without a ROME code needs it (it trains in seconds on first start).
            try
            {
                _ = data.OccupationClassifier.Value;
            }
            catch (Exception e)
            {
                logger.LogError(e, "The occupation classifier could not be built");
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Waits, within the host's shutdown timeout, for the loading and the classifier still building: they write
    /// their caches, and a process stopped under them would leave the cache folder changing after it stopped.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _background.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Stopped before the reference data finished loading; its cache is completed at the next start");
        }
    }
}
