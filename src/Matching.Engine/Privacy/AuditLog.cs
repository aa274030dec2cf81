using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Engine.Storage;
using Microsoft.Data.Sqlite;

namespace Matching.Engine.Privacy;

/// <summary>One access to a seeker's data: who, when, what, why.</summary>
/// <param name="SubjectSeekerId">The seeker whose data was read; null on an erasure line.</param>
/// <param name="Resource">What was read (e.g. "profile", "diagnosis", "review:42").</param>
public sealed record AuditEntry(
    long Id, DateTimeOffset At, string ActorId, string ActorRole, string Action, string? SubjectSeekerId, string? Resource, string? Reason);

/// <summary>A page of the whole log, newest first.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, string? NextCursor);

/// <summary>
/// Append-only record of every adviser or recruiter read of a seeker's data and every review,
/// readable by the seeker concerned and by admins. Erasure keeps a line that says an erasure
/// happened and nothing about whom.
/// </summary>
public sealed class AuditLog(PrivacyDatabase database, TimeProvider time) : IPersonalData
{
    /// <summary>Actor of the lines Coach writes itself (erasures).</summary>
    public const string SystemActor = "coach";

    public const string ErasureAction = "seeker erased";

    public const string UserErasureAction = "user erased";

    public const int MaxTextLength = 500;

    public string Name => "accessLog";

    public AuditEntry Record(string actorId, string actorRole, string action, string? subjectSeekerId, string? resource, string? reason, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actorId);
        ArgumentException.ThrowIfNullOrWhiteSpace(actorRole);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        CheckLength(action, nameof(action));
        CheckLength(resource, nameof(resource));
        CheckLength(reason, nameof(reason));
        using var connection = database.Open();
        using var command = Sql.Command(connection, """
            INSERT INTO privacy_audit (at, actor_id, actor_role, action, subject_seeker_id, resource, reason)
            VALUES ($at, $actor, $role, $action, $subject, $resource, $reason) RETURNING id;
            """,
            ("$at", at.ToUnixTimeMilliseconds()), ("$actor", actorId), ("$role", actorRole), ("$action", action),
            ("$subject", subjectSeekerId), ("$resource", resource), ("$reason", reason));
        var id = (long)command.ExecuteScalar()!;
        return new AuditEntry(id, DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds()), actorId, actorRole, action, subjectSeekerId, resource, reason);
    }

    /// <summary>Every access to the seeker's data, newest first.</summary>
    public IReadOnlyList<AuditEntry> ForSeeker(string seekerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(seekerId);
        return Query("WHERE subject_seeker_id = $id ORDER BY id DESC", ("$id", seekerId));
    }

    /// <summary>What one user (adviser, recruiter, admin) accessed, newest first.</summary>
    public IReadOnlyList<AuditEntry> ByActor(string actorId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actorId);
        return Query("WHERE actor_id = $id ORDER BY id DESC", ("$id", actorId));
    }

    /// <summary>The whole log, newest first, <paramref name="limit"/> lines after <paramref name="cursor"/> (from the previous page).</summary>
    public AuditPage All(int limit, string? cursor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        long before = long.MaxValue;
        if (cursor is not null && (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out before) || before < 1))
        {
            throw new ArgumentException($"Invalid cursor '{cursor}': pass the nextCursor of the previous page.", nameof(cursor));
        }
        var entries = Query("WHERE id < $before ORDER BY id DESC LIMIT $limit", ("$before", before), ("$limit", limit + 1));
        return entries.Count > limit
            ? new AuditPage([.. entries.Take(limit)], entries[limit - 1].Id.ToString(CultureInfo.InvariantCulture))
            : new AuditPage(entries, null);
    }

    /// <summary>
    /// Removes every line about the seeker or written by them and adds one line "seeker erased"
    /// that carries only a random erasure id. Returns that id.
    /// </summary>
    public string EraseSeeker(string seekerId, DateTimeOffset at) => Erase(new DataSubject(seekerId, DataSubjectKind.Seeker), at);

    /// <summary>
    /// Erases a user. A seeker's lines go; an adviser's or recruiter's reads stay in the seekers'
    /// logs (they are the seekers' data) with the actor replaced by the erasure id. As the last step
    /// of an erasure (<see cref="PersonalDataService.EraseAsync"/>), it also checkpoints the file's WAL,
    /// whose older frames would otherwise keep what every store just deleted.
    /// </summary>
    public string Erase(DataSubject subject, DateTimeOffset at)
    {
        var erasureId = Guid.NewGuid().ToString("N");
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        if (subject.Kind == DataSubjectKind.Seeker)
        {
            Sql.Execute(connection, "DELETE FROM privacy_audit WHERE subject_seeker_id = $id OR actor_id = $id;", ("$id", subject.Id));
        }
        else
        {
            Sql.Execute(connection, "DELETE FROM privacy_audit WHERE subject_seeker_id = $id;", ("$id", subject.Id));
            Sql.Execute(connection, "UPDATE privacy_audit SET actor_id = $erased WHERE actor_id = $id;",
                ("$id", subject.Id), ("$erased", "erased:" + erasureId));
        }
        Sql.Execute(connection, """
            INSERT INTO privacy_audit (at, actor_id, actor_role, action, subject_seeker_id, resource, reason)
            VALUES ($at, $actor, 'system', $action, NULL, $resource, NULL);
            """,
            ("$at", at.ToUnixTimeMilliseconds()), ("$actor", SystemActor),
            ("$action", subject.Kind == DataSubjectKind.Seeker ? ErasureAction : UserErasureAction),
            ("$resource", "erasure:" + erasureId));
        transaction.Commit();
        database.Checkpoint();
        return erasureId;
    }

    public Task ExportAsync(DataSubject subject, JsonObject into, CancellationToken cancellationToken = default)
    {
        var entries = subject.Kind == DataSubjectKind.Seeker ? ForSeeker(subject.Id) : ByActor(subject.Id);
        into[Name] = JsonSerializer.SerializeToNode(entries, PrivacyJson.Options);
        return Task.CompletedTask;
    }

    public Task EraseAsync(DataSubject subject, CancellationToken cancellationToken = default)
    {
        Erase(subject, time.GetUtcNow());
        return Task.CompletedTask;
    }

    private List<AuditEntry> Query(string where, params (string Name, object? Value)[] parameters)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection,
            "SELECT id, at, actor_id, actor_role, action, subject_seeker_id, resource, reason FROM privacy_audit " + where, parameters);
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
        {
            entries.Add(Read(reader));
        }
        return entries;
    }

    private static AuditEntry Read(SqliteDataReader reader) => new(
        reader.GetInt64(0), Sql.Time(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4),
        Sql.NullableString(reader, 5), Sql.NullableString(reader, 6), Sql.NullableString(reader, 7));

    private static void CheckLength(string? text, string field)
    {
        if (text is { Length: > MaxTextLength })
        {
            throw new ArgumentException($"{field} is {text.Length} characters long; the limit is {MaxTextLength}.", field);
        }
    }
}
