using System.Text.Json;
using System.Text.Json.Serialization;
using Matching.Engine.Coaching.Questionnaire;
using Microsoft.Data.Sqlite;

namespace Matching.Engine.Coaching;

/// <summary>
/// The seekers' questionnaires (the full answers, which the match index does not keep), in the same
/// SQLite file as the rest of the embedded store. A write returns once committed.
/// </summary>
public sealed class SeekerStore : IDisposable
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly string _connectionString;

    public SeekerStore(string storePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(storePath))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = storePath, Pooling = true }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS seekers (
                id TEXT PRIMARY KEY,
                profile TEXT NOT NULL,
                updated_at TEXT NOT NULL);
            """;
        command.ExecuteNonQuery();
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

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout=5000; PRAGMA synchronous=FULL;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    public void Dispose() => SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
}
