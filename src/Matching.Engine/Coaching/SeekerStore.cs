using System.Text.Json;
using System.Text.Json.Serialization;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Json;
using Matching.Engine.Storage;
using Microsoft.Data.Sqlite;

namespace Matching.Engine.Coaching;

/// <summary>
/// The seekers' questionnaires (the full answers, which the match index does not keep), in the same
/// SQLite file as the rest of the embedded store. A write returns once committed.
/// </summary>
public sealed class SeekerStore : IDisposable
{
    // The questionnaire's JSON: what the API reads (StrictJson: no null list element, no NaN) is what the store writes.
    private static readonly JsonSerializerOptions s_json = StrictJson.Apply(new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });

    /// <summary>The schema, one migration per version (<see cref="SqliteConnectionFactory.Migrate"/>).</summary>
    private static readonly string[] s_migrations =
    [
        """
        CREATE TABLE IF NOT EXISTS seekers (
            id TEXT PRIMARY KEY,
            profile TEXT NOT NULL,
            updated_at TEXT NOT NULL);
        """,
    ];

    private readonly SqliteConnectionFactory _database;
    private readonly bool _ownsDatabase;

    /// <summary>The store in Coach's SQLite file, through the connection factory the other stores share.</summary>
    public SeekerStore(SqliteConnectionFactory database)
        : this(database, ownsDatabase: false)
    {
    }

    /// <summary>A store on its own file (tests, tools).</summary>
    public SeekerStore(string storePath)
        : this(new SqliteConnectionFactory(storePath), ownsDatabase: true)
    {
    }

    private SeekerStore(SqliteConnectionFactory database, bool ownsDatabase)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
        database.Migrate("seekers", s_migrations);
    }

    public static JsonSerializerOptions JsonOptions => s_json;

    public void Save(SeekerProfile profile, DateTimeOffset at)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO seekers (id, profile, updated_at) VALUES ($id, $profile, $at)
            ON CONFLICT(id) DO UPDATE SET profile = excluded.profile, updated_at = excluded.updated_at;
            """;
        command.Parameters.AddWithValue("$id", profile.Id);
        command.Parameters.AddWithValue("$profile", JsonSerializer.Serialize(profile, s_json));
        command.Parameters.AddWithValue("$at", at.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    public SeekerProfile? Get(string id)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT profile FROM seekers WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteScalar() is string json ? JsonSerializer.Deserialize<SeekerProfile>(json, s_json) : null;
    }

    public bool Delete(string id)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM seekers WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteNonQuery() > 0;
    }

    private SqliteConnection Open() => _database.Open();

    public void Dispose()
    {
        if (_ownsDatabase)
        {
            _database.Dispose();
        }
    }
}
