using Matching.Engine.Storage;
using Microsoft.Data.Sqlite;

namespace Matching.Engine.Privacy;

/// <summary>
/// The privacy tables (audit log, contact requests, issued pseudonyms, caseloads) in the same SQLite
/// file as the rest of Coach's store, so one backup and one erasure cover everything. Connections
/// come from the factory the other stores share (WAL, secure delete, busy timeout).
/// </summary>
public sealed class PrivacyDatabase : IDisposable
{
    private readonly SqliteConnectionFactory _database;
    private readonly bool _ownsDatabase;

    /// <summary>The privacy tables in Coach's SQLite file, through the shared connection factory.</summary>
    public PrivacyDatabase(SqliteConnectionFactory database)
        : this(database, ownsDatabase: false)
    {
    }

    /// <summary>The privacy tables on their own file (tests, tools).</summary>
    public PrivacyDatabase(string path)
        : this(new SqliteConnectionFactory(path), ownsDatabase: true)
    {
    }

    private PrivacyDatabase(SqliteConnectionFactory database, bool ownsDatabase)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
        database.Migrate("privacy", [Schema]);
    }

    public string Path => _database.Path;

    internal SqliteConnection Open() => _database.Open();

    /// <summary>After an erasure: the WAL's older frames must not keep what was deleted.</summary>
    internal void Checkpoint() => _database.Checkpoint();

    public void Dispose()
    {
        if (_ownsDatabase)
        {
            _database.Dispose();
        }
    }

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS privacy_audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            actor_id TEXT NOT NULL,
            actor_role TEXT NOT NULL,
            action TEXT NOT NULL,
            subject_seeker_id TEXT NULL,
            resource TEXT NULL,
            reason TEXT NULL);
        CREATE INDEX IF NOT EXISTS privacy_audit_subject ON privacy_audit(subject_seeker_id);
        CREATE INDEX IF NOT EXISTS privacy_audit_actor ON privacy_audit(actor_id);
        CREATE TABLE IF NOT EXISTS privacy_contact_requests (
            id TEXT PRIMARY KEY,
            recruiter_id TEXT NOT NULL,
            seeker_id TEXT NOT NULL,
            pseudonym TEXT NOT NULL,
            offer_id TEXT NULL,
            message TEXT NOT NULL,
            state INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            answered_at INTEGER NULL);
        CREATE INDEX IF NOT EXISTS privacy_contact_seeker ON privacy_contact_requests(seeker_id);
        CREATE INDEX IF NOT EXISTS privacy_contact_recruiter ON privacy_contact_requests(recruiter_id);
        CREATE TABLE IF NOT EXISTS privacy_pseudonyms (
            recruiter_id TEXT NOT NULL,
            pseudonym TEXT NOT NULL,
            seeker_id TEXT NOT NULL,
            PRIMARY KEY (recruiter_id, pseudonym));
        CREATE INDEX IF NOT EXISTS privacy_pseudonyms_seeker ON privacy_pseudonyms(seeker_id);
        CREATE TABLE IF NOT EXISTS privacy_caseloads (
            adviser_id TEXT NOT NULL,
            seeker_id TEXT NOT NULL,
            since INTEGER NOT NULL,
            PRIMARY KEY (adviser_id, seeker_id));
        CREATE INDEX IF NOT EXISTS privacy_caseloads_seeker ON privacy_caseloads(seeker_id);
        """;
}
