using System.Text.Json;
using Matching.Engine.Coaching.Questionnaire;
using Microsoft.Data.Sqlite;

namespace Coach.Web.Seekers;

/// <summary>
/// The seekers' questionnaires as they answered them (table <c>web_seekers</c> of the application's SQLite
/// file). The index holds only the matching projection; the diagnosis needs every answer.
/// </summary>
public sealed class SeekerStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _connectionString;

    public SeekerStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE IF NOT EXISTS web_seekers(id TEXT PRIMARY KEY, json TEXT NOT NULL, updated_at INTEGER NOT NULL)";
        command.ExecuteNonQuery();
    }

    public void Save(SeekerProfile profile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(profile.Id, "profile.Id");
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO web_seekers(id, json, updated_at) VALUES ($id, $json, $at) ON CONFLICT(id) DO UPDATE SET json = $json, updated_at = $at";
        command.Parameters.AddWithValue("$id", profile.Id);
        command.Parameters.AddWithValue("$json", JsonSerializer.Serialize(profile, Json));
        command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
    }

    public SeekerProfile? Get(string id)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM web_seekers WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteScalar() is string json ? JsonSerializer.Deserialize<SeekerProfile>(json, Json) : null;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
