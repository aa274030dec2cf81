using Matching.Engine.Storage;
using Microsoft.Data.Sqlite;

namespace Matching.Engine.Journey;

/// <summary>
/// The tables of a seeker's journey over weeks (progress log, saved searches and their alerts, feed keys,
/// skill evidence and colleagues' endorsements), in the same SQLite file as the rest of Coach's store, so
/// one backup and one erasure cover everything. Connections are pooled and short-lived (WAL, shared with
/// the index's writer).
/// </summary>
public sealed class JourneyDatabase
{
    private readonly SqliteConnectionFactory _database;

    /// <summary>The journey's tables in the store's file, opened through the one connection factory (WAL,
    /// synchronous=FULL, secure_delete, busy timeout) and versioned as the component "journey".</summary>
    public JourneyDatabase(SqliteConnectionFactory database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        database.Migrate("journey", [Schema]);
    }

    internal SqliteConnection Open() => _database.Open();

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS progress_entries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            seeker_id TEXT NOT NULL,
            day TEXT NOT NULL,
            applications INTEGER NOT NULL,
            interviews INTEGER NOT NULL,
            offers INTEGER NOT NULL,
            note TEXT NULL,
            logged_by TEXT NOT NULL,
            at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS progress_entries_seeker ON progress_entries(seeker_id, day);
        CREATE TABLE IF NOT EXISTS saved_searches (
            id TEXT PRIMARY KEY,
            owner_id TEXT NOT NULL,
            kind INTEGER NOT NULL,
            name TEXT NOT NULL,
            query TEXT NULL,
            offer_id TEXT NULL,
            email TEXT NULL,
            created_at INTEGER NOT NULL,
            last_visit_at INTEGER NOT NULL,
            last_digest_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS saved_searches_owner ON saved_searches(owner_id);
        CREATE INDEX IF NOT EXISTS saved_searches_kind ON saved_searches(kind);
        CREATE TABLE IF NOT EXISTS alert_hits (
            search_id TEXT NOT NULL,
            item_id TEXT NOT NULL,
            score REAL NOT NULL,
            found_at INTEGER NOT NULL,
            PRIMARY KEY (search_id, item_id));
        CREATE INDEX IF NOT EXISTS alert_hits_item ON alert_hits(item_id);
        CREATE TABLE IF NOT EXISTS feed_keys (
            user_id TEXT PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            created_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS skill_proofs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            seeker_id TEXT NOT NULL,
            skill_uri TEXT NOT NULL,
            kind INTEGER NOT NULL,
            detail TEXT NULL,
            by_id TEXT NULL,
            by_name TEXT NULL,
            at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS skill_proofs_seeker ON skill_proofs(seeker_id);
        CREATE TABLE IF NOT EXISTS endorsement_invites (
            token TEXT PRIMARY KEY,
            seeker_id TEXT NOT NULL,
            from_name TEXT NOT NULL,
            colleague_name TEXT NOT NULL,
            context TEXT NULL,
            skills TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            answered_at INTEGER NULL);
        CREATE INDEX IF NOT EXISTS endorsement_invites_seeker ON endorsement_invites(seeker_id);
        """;
}
