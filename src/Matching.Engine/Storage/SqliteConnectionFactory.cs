using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Matching.Engine.Storage;

/// <summary>
/// The one way Coach opens its SQLite file (<c>Coach:StorePath</c>), shared by the stores that live in
/// it: the index's document store, the seekers' questionnaires, the advisers' reviews, the privacy tables and the
/// journey's (progress log, saved searches and alerts, skill evidence).
/// Every connection it opens has the same settings:
/// <list type="bullet">
/// <item>WAL journal (set once, kept by the file): readers never wait for the writer.</item>
/// <item><c>synchronous=FULL</c>: a committed write survives a power loss, not only a process kill.</item>
/// <item><c>secure_delete=ON</c>: deleted rows and freed pages are overwritten with zeros, so an erased
/// seeker's answers cannot be read back from the file's free space (GDPR erasure).</item>
/// <item>a busy timeout: the stores write the same file and wait for each other rather than fail.</item>
/// </list>
/// Each store declares its schema as numbered migrations (<see cref="Migrate"/>); the file records the version
/// each store reached in <c>schema_versions</c>. Connections are pooled; <see cref="Dispose"/> closes them, which
/// checkpoints the WAL into the file and removes it.
/// </summary>
public sealed class SqliteConnectionFactory : IDisposable
{
    private const string PerConnection = "PRAGMA busy_timeout=10000; PRAGMA synchronous=FULL; PRAGMA secure_delete=ON;";

    private readonly string _connectionString;
    private int _disposed;

    /// <param name="path">The SQLite file; it and its folder are created when missing.</param>
    public SqliteConnectionFactory(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Microsoft.Data.Sqlite retries a busy statement up to this many seconds.
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_versions(component TEXT PRIMARY KEY, version INTEGER NOT NULL, updated_at TEXT NOT NULL);");
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>An open connection with Coach's settings; dispose it to return it to the pool.</summary>
    public SqliteConnection Open()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            Execute(connection, PerConnection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Brings <paramref name="component"/>'s tables to the last of <paramref name="migrations"/>: those after the
    /// version the file records are run in order, in one transaction with the new version. Migration 1 creates the
    /// tables (with <c>IF NOT EXISTS</c>, so a file written before versions were recorded is adopted as version 1).
    /// Returns the version reached.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file is at a later version than this code knows (written by a newer Coach).</exception>
    public int Migrate(string component, IReadOnlyList<string> migrations)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(component);
        ArgumentNullException.ThrowIfNull(migrations);
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var current = Version(connection, transaction, component);
        if (current > migrations.Count)
        {
            throw new InvalidOperationException(
                $"{Path}: the {component} tables are at schema version {current}, and this version of Coach knows up to {migrations.Count}. Run a newer Coach, or restore a backup.");
        }
        for (var version = current + 1; version <= migrations.Count; version++)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = migrations[version - 1];
            command.ExecuteNonQuery();
        }
        if (current < migrations.Count)
        {
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = """
                INSERT INTO schema_versions(component, version, updated_at) VALUES ($c, $v, $t)
                ON CONFLICT(component) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at
                """;
            record.Parameters.AddWithValue("$c", component);
            record.Parameters.AddWithValue("$v", migrations.Count);
            record.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            record.ExecuteNonQuery();
        }
        transaction.Commit();
        return migrations.Count;
    }

    /// <summary>The schema version the file records for <paramref name="component"/>; 0 when it has none.</summary>
    public int SchemaVersion(string component)
    {
        using var connection = Open();
        return Version(connection, null, component);
    }

    /// <summary>
    /// Copies the WAL into the file and truncates it (when no reader holds an older snapshot), so that what was
    /// just deleted does not linger in the WAL's older frames. Best effort: a busy WAL is checkpointed at the
    /// next quiet moment or at <see cref="Dispose"/>.
    /// </summary>
    public void Checkpoint()
    {
        using var connection = Open();
        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    /// <summary>Closes the pooled connections: the last one to close checkpoints the WAL and deletes it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static int Version(SqliteConnection connection, SqliteTransaction? transaction, string component)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version FROM schema_versions WHERE component = $c";
        command.Parameters.AddWithValue("$c", component);
        return command.ExecuteScalar() is long version ? (int)version : 0;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
