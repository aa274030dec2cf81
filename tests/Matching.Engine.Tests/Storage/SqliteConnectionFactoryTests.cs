using System.Text;
using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Privacy;
using Matching.Engine.Reviews;
using Matching.Engine.Storage;
using Microsoft.Data.Sqlite;

namespace Matching.Engine.Tests.Storage;

public sealed class SqliteConnectionFactoryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("coach-sqlite-tests-").FullName;

    private string StorePath => Path.Combine(_folder, "coach.db");

    [Fact]
    public void Every_connection_has_wal_full_sync_and_secure_delete()
    {
        using var database = new SqliteConnectionFactory(StorePath);
        using var connection = database.Open();

        Assert.Equal("wal", Pragma(connection, "journal_mode"));
        Assert.Equal(2L, Pragma(connection, "synchronous"));
        Assert.Equal(1L, Pragma(connection, "secure_delete"));
        Assert.Equal(10000L, Pragma(connection, "busy_timeout"));
    }

    [Fact]
    public void The_stores_share_one_file_and_record_their_schema_versions()
    {
        using var database = new SqliteConnectionFactory(StorePath);
        using var seekers = new SeekerStore(database);
        using var reviews = new ReviewStore(database);
        using var privacy = new PrivacyDatabase(database);
        _ = new Matching.Engine.Journey.JourneyDatabase(database);
        using (var index = Matching.Engine.Indexing.Embedded.EmbeddedMatchIndex.Open(database, TaxonomyFixture.Taxonomy, _ => null, _ => null))
        {
        }

        foreach (var component in new[] { "seekers", "privacy", "journey" })
        {
            Assert.Equal(1, database.SchemaVersion(component));
        }
        // Version 2 of the reviews: what the adviser writes for the seeker (a message, a note per advice), apart from the internal notes.
        Assert.Equal(2, database.SchemaVersion("reviews"));
        // Version 2 of the documents: the store's identity and write generation, which the index's snapshot is checked against;
        // version 3: the profiles' evidence (issue 15); version 4: the ROME codes of offers and of profiles' targets (occupation factor).
        // version 5: the JSON in the projection row, its skills as (store-local id, shape) pairs (issue 13: one statement per document).
        Assert.Equal(5, database.SchemaVersion("documents"));
        // The index closed; the factory (and the other stores) go on.
        seekers.Save(new SeekerProfile { Id = "still-open" }, DateTimeOffset.UtcNow);
        Assert.NotNull(seekers.Get("still-open"));
    }

    [Fact]
    public void Migrations_run_once_in_order_and_a_newer_file_is_refused()
    {
        using (var database = new SqliteConnectionFactory(StorePath))
        {
            Assert.Equal(1, database.Migrate("notes", ["CREATE TABLE notes(id INTEGER PRIMARY KEY);"]));
            // Version 1 is not run again (it would fail: the table exists); version 2 is.
            Assert.Equal(2, database.Migrate("notes", ["CREATE TABLE notes(id INTEGER PRIMARY KEY);", "ALTER TABLE notes ADD COLUMN text TEXT;"]));
            using var connection = database.Open();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO notes(text) VALUES ('added by migration 2')";
            insert.ExecuteNonQuery();
        }

        using var reopened = new SqliteConnectionFactory(StorePath);
        var error = Assert.Throws<InvalidOperationException>(() => reopened.Migrate("notes", ["CREATE TABLE notes(id INTEGER PRIMARY KEY);"]));
        Assert.Contains("schema version 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleted_questionnaire_cannot_be_read_back_from_the_files()
    {
        const string secret = "Soudeuse-a-l-arc-chez-Dupont-7f3a";
        using (var database = new SqliteConnectionFactory(StorePath))
        using (var seekers = new SeekerStore(database))
        {
            // Enough rows that the deleted one shares pages with others and frees overflow pages of its own.
            for (var i = 0; i < 50; i++)
            {
                seekers.Save(new SeekerProfile { Id = $"other-{i}", PastJobs = [new PastJob(Label: new string('x', 500))] }, DateTimeOffset.UtcNow);
            }
            seekers.Save(new SeekerProfile { Id = "erased", PastJobs = [new PastJob(Label: secret + new string('y', 6000))] }, DateTimeOffset.UtcNow);
            Assert.True(FilesContain(secret));

            Assert.True(seekers.Delete("erased"));
            database.Checkpoint();
        }

        Assert.False(FilesContain(secret), "The deleted questionnaire is still in the database files.");
    }

    private bool FilesContain(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return Directory.EnumerateFiles(_folder, "coach.db*").Any(f => File.ReadAllBytes(f).AsSpan().IndexOf(needle) >= 0);
    }

    private static object Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
