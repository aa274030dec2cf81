using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Matching.Engine.Storage;
using Microsoft.Data.Sqlite;

namespace Matching.Engine.Privacy;

[JsonConverter(typeof(JsonStringEnumConverter<ContactRequestState>))]
public enum ContactRequestState
{
    Pending,
    Accepted,
    Declined,
}

/// <summary>
/// A recruiter asks a pseudonymised candidate for contact; the seeker's identity is revealed to that
/// recruiter only once the seeker accepts.
/// </summary>
public sealed record ContactRequest(
    string Id,
    string RecruiterId,
    string SeekerId,
    string Pseudonym,
    string? OfferId,
    string Message,
    ContactRequestState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? AnsweredAt);

/// <summary>Contact requests, recruiter → seeker, in the privacy tables.</summary>
public sealed class ContactRequests(PrivacyDatabase database, TimeProvider time) : IPersonalData
{
    public const int MaxMessageLength = 2000;

    public string Name => "contactRequests";

    /// <summary>
    /// Records a request. Asking again while one is pending for the same seeker and offer returns
    /// the pending one, so a double click does not spam the seeker.
    /// </summary>
    public ContactRequest Create(string recruiterId, string seekerId, string pseudonym, string? offerId, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recruiterId);
        ArgumentException.ThrowIfNullOrWhiteSpace(seekerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(pseudonym);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        if (message.Length > MaxMessageLength)
        {
            throw new ArgumentException($"message is {message.Length} characters long; the limit is {MaxMessageLength}.", nameof(message));
        }
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var pending = Query(connection,
            "WHERE recruiter_id = $r AND seeker_id = $s AND offer_id IS $o AND state = 0",
            ("$r", recruiterId), ("$s", seekerId), ("$o", offerId));
        if (pending.Count > 0)
        {
            return pending[0];
        }
        var request = new ContactRequest(Guid.NewGuid().ToString("N"), recruiterId, seekerId, pseudonym, offerId, message,
            ContactRequestState.Pending, Truncate(time.GetUtcNow()), null);
        Sql.Execute(connection, """
            INSERT INTO privacy_contact_requests (id, recruiter_id, seeker_id, pseudonym, offer_id, message, state, created_at, answered_at)
            VALUES ($id, $r, $s, $p, $o, $m, 0, $at, NULL);
            """,
            ("$id", request.Id), ("$r", recruiterId), ("$s", seekerId), ("$p", pseudonym), ("$o", offerId), ("$m", message),
            ("$at", request.CreatedAt.ToUnixTimeMilliseconds()));
        transaction.Commit();
        return request;
    }

    public ContactRequest? Get(string id)
    {
        using var connection = database.Open();
        return Query(connection, "WHERE id = $id", ("$id", id)).FirstOrDefault();
    }

    /// <summary>
    /// The seeker accepts or declines a request made to them (declining an accepted one withdraws
    /// consent). Null when the request does not exist or is not theirs: callers answer 404 either way.
    /// </summary>
    public ContactRequest? Answer(string seekerId, string id, bool accept)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(seekerId);
        using var connection = database.Open();
        var state = accept ? ContactRequestState.Accepted : ContactRequestState.Declined;
        var at = Truncate(time.GetUtcNow());
        using var command = Sql.Command(connection,
            "UPDATE privacy_contact_requests SET state = $state, answered_at = $at WHERE id = $id AND seeker_id = $s;",
            ("$state", (int)state), ("$at", at.ToUnixTimeMilliseconds()), ("$id", id), ("$s", seekerId));
        return command.ExecuteNonQuery() == 0 ? null : Query(connection, "WHERE id = $id", ("$id", id)).FirstOrDefault();
    }

    /// <summary>Requests made to a seeker, newest first.</summary>
    public IReadOnlyList<ContactRequest> ToSeeker(string seekerId)
    {
        using var connection = database.Open();
        return Query(connection, "WHERE seeker_id = $s ORDER BY created_at DESC, id", ("$s", seekerId));
    }

    /// <summary>Requests a recruiter made, newest first.</summary>
    public IReadOnlyList<ContactRequest> ByRecruiter(string recruiterId)
    {
        using var connection = database.Open();
        return Query(connection, "WHERE recruiter_id = $r ORDER BY created_at DESC, id", ("$r", recruiterId));
    }

    /// <summary>Whether the seeker accepted contact from this recruiter (identity may be shown).</summary>
    public bool IsAccepted(string recruiterId, string seekerId)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection,
            "SELECT EXISTS (SELECT 1 FROM privacy_contact_requests WHERE recruiter_id = $r AND seeker_id = $s AND state = 1);",
            ("$r", recruiterId), ("$s", seekerId));
        return (long)command.ExecuteScalar()! == 1;
    }

    /// <summary>Every request, oldest first (the offer ranking reads them as implicit positives).</summary>
    public IReadOnlyList<ContactRequest> All()
    {
        using var connection = database.Open();
        return Query(connection, "ORDER BY created_at, id");
    }

    public int EraseSeeker(string seekerId) => Delete("seeker_id", seekerId);

    public int EraseRecruiter(string recruiterId) => Delete("recruiter_id", recruiterId);

    public Task ExportAsync(DataSubject subject, JsonObject into, CancellationToken cancellationToken = default)
    {
        var requests = subject.Kind switch
        {
            DataSubjectKind.Seeker => ToSeeker(subject.Id),
            DataSubjectKind.Recruiter => ByRecruiter(subject.Id),
            _ => [],
        };
        into[Name] = JsonSerializer.SerializeToNode(requests, PrivacyJson.Options);
        return Task.CompletedTask;
    }

    public Task EraseAsync(DataSubject subject, CancellationToken cancellationToken = default)
    {
        switch (subject.Kind)
        {
            case DataSubjectKind.Seeker:
                EraseSeeker(subject.Id);
                break;
            case DataSubjectKind.Recruiter:
                EraseRecruiter(subject.Id);
                break;
        }
        return Task.CompletedTask;
    }

    private int Delete(string column, string id)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, $"DELETE FROM privacy_contact_requests WHERE {column} = $id;", ("$id", id));
        return command.ExecuteNonQuery();
    }

    private static List<ContactRequest> Query(SqliteConnection connection, string where, params (string Name, object? Value)[] parameters)
    {
        using var command = Sql.Command(connection,
            "SELECT id, recruiter_id, seeker_id, pseudonym, offer_id, message, state, created_at, answered_at FROM privacy_contact_requests " + where,
            parameters);
        using var reader = command.ExecuteReader();
        var requests = new List<ContactRequest>();
        while (reader.Read())
        {
            requests.Add(new ContactRequest(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Sql.NullableString(reader, 4),
                reader.GetString(5), (ContactRequestState)reader.GetInt32(6), Sql.Time(reader.GetInt64(7)),
                reader.IsDBNull(8) ? null : Sql.Time(reader.GetInt64(8))));
        }
        return requests;
    }

    private static DateTimeOffset Truncate(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());
}
