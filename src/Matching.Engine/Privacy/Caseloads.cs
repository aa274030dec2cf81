using System.Text.Json.Nodes;
using Matching.Engine.Storage;

namespace Matching.Engine.Privacy;

/// <summary>Which seekers each adviser follows: an adviser sees a seeker's data only through this link.</summary>
public sealed class Caseloads(PrivacyDatabase database, TimeProvider time) : IPersonalData
{
    public string Name => "advisers";

    /// <summary>Links the seeker to the adviser's caseload; true if the link is new.</summary>
    public bool Assign(string adviserId, string seekerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(adviserId);
        ArgumentException.ThrowIfNullOrWhiteSpace(seekerId);
        using var connection = database.Open();
        using var command = Sql.Command(connection,
            "INSERT OR IGNORE INTO privacy_caseloads (adviser_id, seeker_id, since) VALUES ($a, $s, $at);",
            ("$a", adviserId), ("$s", seekerId), ("$at", time.GetUtcNow().ToUnixTimeMilliseconds()));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Unlinks them; true if the link existed.</summary>
    public bool Remove(string adviserId, string seekerId)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection,
            "DELETE FROM privacy_caseloads WHERE adviser_id = $a AND seeker_id = $s;", ("$a", adviserId), ("$s", seekerId));
        return command.ExecuteNonQuery() == 1;
    }

    public bool Follows(string adviserId, string seekerId)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection,
            "SELECT EXISTS (SELECT 1 FROM privacy_caseloads WHERE adviser_id = $a AND seeker_id = $s);", ("$a", adviserId), ("$s", seekerId));
        return (long)command.ExecuteScalar()! == 1;
    }

    /// <summary>The adviser's seekers, in id order (the review queue filters on these).</summary>
    public IReadOnlyList<string> SeekersOf(string adviserId) => Ids("SELECT seeker_id FROM privacy_caseloads WHERE adviser_id = $id ORDER BY seeker_id;", adviserId);

    public IReadOnlyList<string> AdvisersOf(string seekerId) => Ids("SELECT adviser_id FROM privacy_caseloads WHERE seeker_id = $id ORDER BY adviser_id;", seekerId);

    public Task ExportAsync(DataSubject subject, JsonObject into, CancellationToken cancellationToken = default)
    {
        var ids = subject.Kind switch
        {
            DataSubjectKind.Seeker => AdvisersOf(subject.Id),
            DataSubjectKind.Adviser => SeekersOf(subject.Id),
            _ => [],
        };
        into[Name] = new JsonArray([.. ids.Select(id => JsonValue.Create(id))]);
        return Task.CompletedTask;
    }

    public Task EraseAsync(DataSubject subject, CancellationToken cancellationToken = default)
    {
        var column = subject.Kind switch
        {
            DataSubjectKind.Seeker => "seeker_id",
            DataSubjectKind.Adviser => "adviser_id",
            _ => null,
        };
        if (column is not null)
        {
            using var connection = database.Open();
            Sql.Execute(connection, $"DELETE FROM privacy_caseloads WHERE {column} = $id;", ("$id", subject.Id));
        }
        return Task.CompletedTask;
    }

    private List<string> Ids(string sql, string id)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, sql, ("$id", id));
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }
}
