using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Engine.Privacy;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Matching.Engine.Ranking;

/// <summary>Where a list of matches was shown.</summary>
public static class Surfaces
{
    /// <summary>Offers shown for a seeker (to the seeker, or to their adviser).</summary>
    public const string SeekerMatches = "seeker-matches";

    /// <summary>Candidates shown to a recruiter for one of their offers.</summary>
    public const string OfferCandidates = "offer-candidates";
}

/// <summary>One (offer, seeker) pair as it was shown: at which rank, the scorer's rank and score, and the pair's features then.</summary>
public sealed record Impression(string SeekerId, string OfferId, int Rank, int ScorerRank, double Score, float[] Features);

/// <summary>An impression as stored, with who saw it and when.</summary>
public sealed record StoredImpression(
    long Id, string Surface, string ViewerId, string ViewerRole, string SeekerId, string OfferId,
    int Rank, int ScorerRank, double Score, int FeatureVersion, float[] Features, DateTimeOffset ShownAt);

/// <summary>
/// What was shown to whom, at which rank (table <c>ranking_impressions</c> in the store's SQLite file): the
/// negatives and the context of the ranking model's training examples. Personal data of the seeker shown (and
/// of the viewer): in their export, gone with their erasure. Thread-safe: each call uses its own pooled connection.
/// <para>
/// Recording never waits for the disk: a page of matches is shown on every visit, and one committed transaction
/// per page (a sync to disk each) would cost more than the match itself. <see cref="Record"/> queues the list;
/// a background writer commits what has queued up in one transaction after at most <see cref="WriteDelay"/>.
/// Every read (training, export) and every erasure writes the queue first, so they see everything recorded
/// before them. What a crash loses is the last <see cref="WriteDelay"/> of impressions: training data, not
/// anyone's answers. Past <see cref="MaxQueued"/> lists waiting (a disk that stopped answering, or more pages shown
/// than the store can insert), the oldest are dropped rather than growing without bound: counted in
/// <see cref="Dropped"/> and <see cref="DroppedImpressions"/>, in the meter <see cref="MeterName"/>
/// (<c>coach.impressions.dropped</c>, <c>.written</c>, <c>.queued</c>: <c>dotnet-counters monitor --counters Coach.Impressions</c>),
/// in a warning logged at most once per <see cref="WarningInterval"/>, and on <c>/health</c>.
/// </para>
/// </summary>
public sealed class ImpressionLog : IPersonalData, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS ranking_impressions(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            surface TEXT NOT NULL,
            viewer_id TEXT NOT NULL,
            viewer_role TEXT NOT NULL,
            seeker_id TEXT NOT NULL,
            offer_id TEXT NOT NULL,
            rank INTEGER NOT NULL,
            scorer_rank INTEGER NOT NULL,
            score REAL NOT NULL,
            feature_version INTEGER NOT NULL,
            features TEXT NOT NULL,
            shown_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ranking_impressions_seeker ON ranking_impressions(seeker_id);
        CREATE INDEX IF NOT EXISTS ranking_impressions_viewer ON ranking_impressions(viewer_id);
        """;

    /// <summary>How long a recorded list may wait in memory before the background writer commits it.</summary>
    public static readonly TimeSpan WriteDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>Lists waiting past which the oldest are dropped (see <see cref="Dropped"/>).</summary>
    public const int MaxQueued = 50_000;

    /// <summary>The meter of the impressions: rows dropped, rows written, lists waiting.</summary>
    public const string MeterName = "Coach.Impressions";

    /// <summary>At most one warning about dropped impressions per this interval (each says how many since the last).</summary>
    public static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    private sealed record Shown(string Surface, string ViewerId, string ViewerRole, ImpressionList Items, DateTimeOffset At);

    private readonly string _connectionString;
    private readonly ConcurrentQueue<Shown> _queue = new();
    private readonly Lock _write = new();
    private readonly Lock _warn = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writer;
    private readonly int _maxQueued;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _droppedRows;
    private readonly Counter<long> _writtenRows;
    private int _signalled;
    private long _dropped;
    private long _droppedImpressions;
    private long _warnedDropped;
    private long _warnedDroppedImpressions;
    private DateTimeOffset? _lastWarning;
    private int _disposed;

    /// <param name="path">The store's SQLite file.</param>
    /// <param name="logger">Where dropped impressions are reported (a warning at most once per <see cref="WarningInterval"/>).</param>
    /// <param name="meters">The meter's factory (the host's); without one the log makes its own meter <see cref="MeterName"/>.</param>
    /// <param name="time">The clock of the warnings' interval.</param>
    /// <param name="maxQueued">Lists waiting past which the oldest are dropped (<see cref="MaxQueued"/>).</param>
    public ImpressionLog(string path, ILogger<ImpressionLog>? logger = null, IMeterFactory? meters = null, TimeProvider? time = null, int maxQueued = MaxQueued)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxQueued, 1);
        _maxQueued = maxQueued;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _ownsMeter = meters is null;
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _droppedRows = _meter.CreateCounter<long>("coach.impressions.dropped", "{impression}",
            "Impressions (offer shown at a rank) dropped unwritten: the writer's queue was full (the store did not keep up).");
        _writtenRows = _meter.CreateCounter<long>("coach.impressions.written", "{impression}", "Impressions committed to the store.");
        _meter.CreateObservableGauge("coach.impressions.queued", () => _queue.Count, "{list}", "Shown lists waiting for the background writer.");
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(path),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        Execute(connection, null, "PRAGMA journal_mode=WAL;");
        Execute(connection, null, Schema);
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Lists dropped because the queue was full (the store did not take writes, or not as fast as pages were shown); 0 in a healthy process.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Impressions (rows) of the lists dropped (<see cref="Dropped"/>).</summary>
    public long DroppedImpressions => Interlocked.Read(ref _droppedImpressions);

    /// <summary>The last error of the background writer (its lists stay queued and are tried again), or null.</summary>
    public Exception? LastWriteError { get; private set; }

    public string Name => "impressions";

    /// <summary>Records one shown list: queued, committed by the background writer within <see cref="WriteDelay"/>. An empty list records nothing.</summary>
    public void Record(string surface, string viewerId, string viewerRole, IReadOnlyList<Impression> items, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(surface);
        ArgumentException.ThrowIfNullOrWhiteSpace(viewerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(viewerRole);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return;
        }
        if (Volatile.Read(ref _disposed) == 1)
        {
            // Recorded after shutdown began: written at once, as nothing will write it later.
            lock (_write)
            {
                Write([new Shown(surface, viewerId, viewerRole, ImpressionList.Of(items), at)]);
            }
            return;
        }
        _queue.Enqueue(new Shown(surface, viewerId, viewerRole, ImpressionList.Of(items), at));
        while (_queue.Count > _maxQueued && _queue.TryDequeue(out var oldest))
        {
            Interlocked.Increment(ref _dropped);
            Interlocked.Add(ref _droppedImpressions, oldest.Items.Count);
            _droppedRows.Add(oldest.Items.Count, new KeyValuePair<string, object?>("surface", oldest.Surface));
        }
        if (Interlocked.Exchange(ref _signalled, 1) == 0)
        {
            _signal.Release();
        }
    }

    /// <summary>Commits every list recorded so far (reads and erasures call it first).</summary>
    public void Flush()
    {
        lock (_write)
        {
            var batch = new List<Shown>();
            while (_queue.TryDequeue(out var shown))
            {
                batch.Add(shown);
            }
            if (batch.Count == 0)
            {
                return;
            }
            try
            {
                Write(batch);
                LastWriteError = null;
                if (_writtenRows.Enabled)
                {
                    _writtenRows.Add(batch.Sum(shown => (long)shown.Items.Count));
                }
            }
            catch (SqliteException e)
            {
                // Kept for the next attempt, ahead of what was recorded since (order is the ids' only meaning).
                LastWriteError = e;
                var later = new List<Shown>();
                while (_queue.TryDequeue(out var shown))
                {
                    later.Add(shown);
                }
                foreach (var shown in batch.Concat(later))
                {
                    _queue.Enqueue(shown);
                }
                throw;
            }
        }
    }

    private async Task WriteLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _signal.WaitAsync(_stop.Token);
                await Task.Delay(WriteDelay, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Volatile.Write(ref _signalled, 0);
            try
            {
                Flush();
            }
            catch (SqliteException)
            {
                // Kept in the queue (LastWriteError); tried again at the next list recorded.
            }
            WarnOfDrops();
        }
    }

    /// <summary>
    /// A warning when lists were dropped since the last one, at most once per <see cref="WarningInterval"/> (the
    /// writer calls it after each of its rounds; what it holds back is counted in the next).
    /// </summary>
    /// <param name="now">At once (the last round, at shutdown), whatever the interval.</param>
    internal void WarnOfDrops(bool now = false)
    {
        lock (_warn)
        {
            WarnOfDropsLocked(now);
        }
    }

    private void WarnOfDropsLocked(bool now)
    {
        var dropped = Dropped;
        var at = _time.GetUtcNow();
        if (dropped == _warnedDropped || (!now && _lastWarning is { } last && at - last < WarningInterval))
        {
            return;
        }
        var rows = DroppedImpressions;
        _logger.LogWarning(
            "{Lists} shown lists ({Impressions} impressions) dropped unwritten since {Since}: more were queued than the store took ({MaxQueued} lists waiting at most). {TotalImpressions} impressions dropped since start. Last write error: {Error}",
            dropped - _warnedDropped, rows - _warnedDroppedImpressions, _lastWarning?.ToString("O") ?? "start", _maxQueued, rows, LastWriteError?.Message ?? "none");
        _warnedDropped = dropped;
        _warnedDroppedImpressions = rows;
        _lastWarning = at;
    }

    private void Write(List<Shown> batch)
    {
        using var connection = Open();
        // Each row goes into two indexes (seeker, viewer): with SQLite's default 2 MB of page cache their pages were read
        // again at each batch, half the writer's time (16 MB: about a third less CPU per list).
        Execute(connection, null, "PRAGMA cache_size=-16384;");
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // One statement per shown list, its rows passed as one JSON array (in order: the ids keep it): binding eleven
        // parameters for each of a page's twenty rows cost more than SQLite's inserts themselves.
        command.CommandText = """
            INSERT INTO ranking_impressions(surface, viewer_id, viewer_role, seeker_id, offer_id, rank, scorer_rank, score, feature_version, features, shown_at)
            SELECT $surface, $viewer, $role, value->>0, value->>1, value->>2, value->>3, value->>4, $version, value->>5, $at
            FROM json_each($items) ORDER BY key
            """;
        var items = command.Parameters.Add("$items", SqliteType.Text);
        var surface = command.Parameters.Add("$surface", SqliteType.Text);
        var viewer = command.Parameters.Add("$viewer", SqliteType.Text);
        var role = command.Parameters.Add("$role", SqliteType.Text);
        var at = command.Parameters.Add("$at", SqliteType.Integer);
        command.Parameters.AddWithValue("$version", PairFeatures.Version);
        var rows = new ArrayBufferWriter<byte>(8 * 1024);
        foreach (var shown in batch)
        {
            surface.Value = shown.Surface;
            viewer.Value = shown.ViewerId;
            role.Value = shown.ViewerRole;
            at.Value = shown.At.ToUnixTimeMilliseconds();
            items.Value = shown.Items.RowsJson(rows);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>Every impression, oldest first (training reads them all).</summary>
    public IReadOnlyList<StoredImpression> All() => Query("ORDER BY id");

    /// <summary>Impressions of one seeker (shown to anyone), oldest first.</summary>
    public IReadOnlyList<StoredImpression> OfSeeker(string seekerId) => Query("WHERE seeker_id = $id ORDER BY id", seekerId);

    /// <summary>Impressions a viewer (a recruiter, an adviser) was shown, oldest first.</summary>
    public IReadOnlyList<StoredImpression> SeenBy(string viewerId) => Query("WHERE viewer_id = $id ORDER BY id", viewerId);

    public long Count()
    {
        Flush();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM ranking_impressions";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>
    /// A seeker's export holds where they were shown (offers, ranks, when, to which role, never the viewer's id); a
    /// recruiter's or an adviser's holds what they were shown.
    /// </summary>
    public Task ExportAsync(DataSubject subject, JsonObject into, CancellationToken cancellationToken = default)
    {
        var rows = subject.Kind == DataSubjectKind.Seeker ? OfSeeker(subject.Id) : SeenBy(subject.Id);
        var array = new JsonArray();
        foreach (var row in rows)
        {
            var item = new JsonObject
            {
                ["surface"] = row.Surface,
                ["offerId"] = row.OfferId,
                ["rank"] = row.Rank,
                ["scorerRank"] = row.ScorerRank,
                ["score"] = row.Score,
                ["shownAt"] = row.ShownAt,
                ["viewerRole"] = row.ViewerRole,
            };
            if (subject.Kind != DataSubjectKind.Seeker)
            {
                item["seekerId"] = row.SeekerId;
            }
            array.Add(item);
        }
        into[Name] = array;
        return Task.CompletedTask;
    }

    /// <summary>Erases every impression of the subject: as the seeker shown, and as the viewer.</summary>
    public Task EraseAsync(DataSubject subject, CancellationToken cancellationToken = default)
    {
        Flush();
        using var connection = Open();
        Execute(connection, null, "DELETE FROM ranking_impressions WHERE seeker_id = $id OR viewer_id = $id", ("$id", subject.Id));
        return Task.CompletedTask;
    }

    /// <summary>Writes what is queued, stops the writer and returns the pooled connections, so the file can be moved or deleted.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _stop.Cancel();
        try
        {
            _writer.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // The loop ends on cancellation; anything else was already kept in LastWriteError.
        }
        try
        {
            Flush();
        }
        catch (SqliteException)
        {
            // The store is gone or refuses writes: nothing more can be kept.
        }
        WarnOfDrops(now: true);
        _stop.Dispose();
        _signal.Dispose();
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private List<StoredImpression> Query(string where, string? id = null)
    {
        Flush();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, surface, viewer_id, viewer_role, seeker_id, offer_id, rank, scorer_rank, score, feature_version, features, shown_at
            FROM ranking_impressions
            """ + " " + where;
        if (id is not null)
        {
            command.Parameters.AddWithValue("$id", id);
        }
        using var reader = command.ExecuteReader();
        var rows = new List<StoredImpression>();
        while (reader.Read())
        {
            rows.Add(new StoredImpression(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetInt32(6), reader.GetInt32(7), reader.GetDouble(8), reader.GetInt32(9),
                JsonSerializer.Deserialize<float[]>(reader.GetString(10)) ?? [],
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11))));
        }
        return rows;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        command.ExecuteNonQuery();
    }
}

/// <summary>
/// A list of impressions as recorded: a copy (the caller's list may change), or the very list when it is already one
/// of these, as a kept page of matches records its list at each read (<c>SeekerMatchPages</c>); its rows' JSON, as the
/// writer inserts them, is made once per list.
/// </summary>
public sealed class ImpressionList : IReadOnlyList<Impression>
{
    private readonly Impression[] _items;
    private string? _rowsJson;

    private ImpressionList(Impression[] items) => _items = items;

    /// <summary>The list itself when it is one, else a copy.</summary>
    public static ImpressionList Of(IReadOnlyList<Impression> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items as ImpressionList ?? new ImpressionList([.. items]);
    }

    public int Count => _items.Length;

    public Impression this[int index] => _items[index];

    public IEnumerator<Impression> GetEnumerator() => ((IEnumerable<Impression>)_items).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <summary>The rows as one JSON array (seeker, offer, rank, scorer rank, score, features as JSON text), made once.</summary>
    internal string RowsJson(ArrayBufferWriter<byte> buffer)
    {
        if (_rowsJson is { } known)
        {
            return known;
        }
        buffer.ResetWrittenCount();
        var features = new ArrayBufferWriter<byte>(1024);
        using var featuresJson = new Utf8JsonWriter(features);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var item in _items)
            {
                json.WriteStartArray();
                json.WriteStringValue(item.SeekerId);
                json.WriteStringValue(item.OfferId);
                json.WriteNumberValue(item.Rank);
                json.WriteNumberValue(item.ScorerRank);
                json.WriteNumberValue(item.Score);
                // The features column holds their JSON text, as the readers parse it.
                features.ResetWrittenCount();
                featuresJson.Reset(features);
                featuresJson.WriteStartArray();
                foreach (var feature in item.Features)
                {
                    featuresJson.WriteNumberValue(feature);
                }
                featuresJson.WriteEndArray();
                featuresJson.Flush();
                json.WriteStringValue(features.WrittenSpan);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        return _rowsJson = Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
