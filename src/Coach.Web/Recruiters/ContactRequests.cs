using Microsoft.Data.Sqlite;

namespace Coach.Web.Recruiters;

/// <summary>
/// Recruiters' requests to contact a candidate (table <c>web_contact_requests</c>), kept until the seeker
/// answers. The seeker's identity is not revealed by a request: only an accepted one would.
/// </summary>
public sealed class ContactRequests
{
    private readonly string _connectionString;

    public ContactRequests(string path)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS web_contact_requests(
                id INTEGER PRIMARY KEY AUTOINCREMENT, profile_id TEXT NOT NULL, message TEXT, requested_at INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS web_contact_requests_profile ON web_contact_requests(profile_id);
            """;
        command.ExecuteNonQuery();
    }

    public long Request(string profileId, string? message, DateTimeOffset at)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO web_contact_requests(profile_id, message, requested_at) VALUES ($p, $m, $t) RETURNING id";
        command.Parameters.AddWithValue("$p", profileId);
        command.Parameters.AddWithValue("$m", (object?)message ?? DBNull.Value);
        command.Parameters.AddWithValue("$t", at.ToUnixTimeMilliseconds());
        return (long)command.ExecuteScalar()!;
    }

    public int CountFor(string profileId)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM web_contact_requests WHERE profile_id = $p";
        command.Parameters.AddWithValue("$p", profileId);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
