using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Engine.Indexing;
using Matching.Engine.Journey;
using Matching.Engine.Privacy;
using Matching.Engine.Storage;

namespace Matching.Engine.Portfolio;

/// <summary>
/// One piece of evidence of a seeker's skill: from a past job (<see cref="Detail"/>: which), a training or a
/// diploma (which), confirmed by an adviser (<see cref="ById"/>: who, <see cref="At"/>: when), endorsed by a
/// former colleague (<see cref="ByName"/>: the name they gave, when). Declared is what a skill is without any.
/// </summary>
public sealed record SkillProof(long Id, string SkillUri, SkillEvidence Kind, string? Detail, string? ById, string? ByName, DateTimeOffset At);

/// <summary>An invitation a seeker sends a former colleague to endorse some of their skills, through a secret link (no account needed).</summary>
/// <param name="FromName">How the seeker introduces themself to the colleague.</param>
/// <param name="Context">Where they worked together, in the seeker's words.</param>
/// <param name="AnsweredAt">When the colleague answered (the link then stops working).</param>
public sealed record EndorsementInvite(string Token, string SeekerId, string FromName, string ColleagueName, string? Context, IReadOnlyList<string> SkillUris,
    DateTimeOffset CreatedAt, DateTimeOffset? AnsweredAt);

/// <summary>The evidence of seekers' skills and the colleagues' invitations, in the store's SQLite file.</summary>
public sealed class SkillProofs(JourneyDatabase database) : IPersonalData
{
    public string Name => "skillEvidence";

    public SkillProof Add(string seekerId, string skillUri, SkillEvidence kind, string? detail, string? byId, string? byName, DateTimeOffset at)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, """
            INSERT INTO skill_proofs (seeker_id, skill_uri, kind, detail, by_id, by_name, at) VALUES ($s, $u, $k, $d, $bi, $bn, $at) RETURNING id;
            """, ("$s", seekerId), ("$u", skillUri), ("$k", (int)kind), ("$d", detail), ("$bi", byId), ("$bn", byName), ("$at", Sql.Millis(at)));
        return new SkillProof((long)command.ExecuteScalar()!, skillUri, kind, detail, byId, byName, at);
    }

    public bool Remove(string seekerId, long id)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, "DELETE FROM skill_proofs WHERE seeker_id = $s AND id = $id;", ("$s", seekerId), ("$id", id));
        return command.ExecuteNonQuery() > 0;
    }

    public IReadOnlyList<SkillProof> Of(string seekerId)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection,
            "SELECT id, skill_uri, kind, detail, by_id, by_name, at FROM skill_proofs WHERE seeker_id = $s ORDER BY at, id;", ("$s", seekerId));
        using var reader = command.ExecuteReader();
        var proofs = new List<SkillProof>();
        while (reader.Read())
        {
            proofs.Add(new SkillProof(reader.GetInt64(0), reader.GetString(1), (SkillEvidence)reader.GetInt32(2), Sql.NullableString(reader, 3),
                Sql.NullableString(reader, 4), Sql.NullableString(reader, 5), Sql.Time(reader.GetInt64(6))));
        }
        return proofs;
    }

    public EndorsementInvite Invite(string seekerId, string fromName, string colleagueName, string? context, IReadOnlyList<string> skillUris, DateTimeOffset at)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        using var connection = database.Open();
        Sql.Execute(connection, """
            INSERT INTO endorsement_invites (token, seeker_id, from_name, colleague_name, context, skills, created_at) VALUES ($t, $s, $f, $c, $x, $k, $at);
            """, ("$t", token), ("$s", seekerId), ("$f", fromName), ("$c", colleagueName), ("$x", context), ("$k", JsonSerializer.Serialize(skillUris)),
            ("$at", Sql.Millis(at)));
        return new EndorsementInvite(token, seekerId, fromName, colleagueName, context, skillUris, at, null);
    }

    public EndorsementInvite? Invitation(string token) => Invites("WHERE token = $p", token).FirstOrDefault();

    public IReadOnlyList<EndorsementInvite> InvitationsOf(string seekerId) => Invites("WHERE seeker_id = $p ORDER BY created_at", seekerId);

    /// <summary>Marks the invitation answered; false when it was already (a link answers once).</summary>
    public bool MarkAnswered(string token, DateTimeOffset at)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, "UPDATE endorsement_invites SET answered_at = $at WHERE token = $t AND answered_at IS NULL;",
            ("$at", Sql.Millis(at)), ("$t", token));
        return command.ExecuteNonQuery() > 0;
    }

    public bool RevokeInvitation(string seekerId, string token)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, "DELETE FROM endorsement_invites WHERE token = $t AND seeker_id = $s;", ("$t", token), ("$s", seekerId));
        return command.ExecuteNonQuery() > 0;
    }

    public Task ExportAsync(DataSubject subject, JsonObject into, CancellationToken cancellationToken = default)
    {
        if (subject.Kind == DataSubjectKind.Seeker)
        {
            into[Name] = new JsonObject
            {
                ["proofs"] = JsonSerializer.SerializeToNode(Of(subject.Id), PrivacyJson.Options),
                // The links are secrets: the export says who was asked and when, not the link.
                ["invitations"] = JsonSerializer.SerializeToNode(InvitationsOf(subject.Id).Select(i => new { i.ColleagueName, i.FromName, i.Context, i.SkillUris, i.CreatedAt, i.AnsweredAt }), PrivacyJson.Options),
            };
        }
        else if (subject.Kind == DataSubjectKind.Adviser)
        {
            // An adviser's confirmations name them: which seeker's skill, when.
            using var connection = database.Open();
            using var command = Sql.Command(connection, "SELECT seeker_id, skill_uri, at FROM skill_proofs WHERE by_id = $id ORDER BY at;", ("$id", subject.Id));
            using var reader = command.ExecuteReader();
            var confirmed = new JsonArray();
            while (reader.Read())
            {
                confirmed.Add(new JsonObject { ["seekerId"] = reader.GetString(0), ["skillUri"] = reader.GetString(1), ["at"] = Sql.Time(reader.GetInt64(2)) });
            }
            into[Name] = new JsonObject { ["confirmed"] = confirmed };
        }
        return Task.CompletedTask;
    }

    public Task EraseAsync(DataSubject subject, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        if (subject.Kind == DataSubjectKind.Seeker)
        {
            Sql.Execute(connection, "DELETE FROM skill_proofs WHERE seeker_id = $id; DELETE FROM endorsement_invites WHERE seeker_id = $id;", ("$id", subject.Id));
        }
        else if (subject.Kind == DataSubjectKind.Adviser)
        {
            // The confirmation stays the seeker's evidence; who gave it is forgotten.
            Sql.Execute(connection, "UPDATE skill_proofs SET by_id = NULL WHERE by_id = $id;", ("$id", subject.Id));
        }
        return Task.CompletedTask;
    }

    private List<EndorsementInvite> Invites(string where, string parameter)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection,
            $"SELECT token, seeker_id, from_name, colleague_name, context, skills, created_at, answered_at FROM endorsement_invites {where};", ("$p", parameter));
        using var reader = command.ExecuteReader();
        var invites = new List<EndorsementInvite>();
        while (reader.Read())
        {
            invites.Add(new EndorsementInvite(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Sql.NullableString(reader, 4),
                JsonSerializer.Deserialize<string[]>(reader.GetString(5)) ?? [], Sql.Time(reader.GetInt64(6)),
                reader.IsDBNull(7) ? null : Sql.Time(reader.GetInt64(7))));
        }
        return invites;
    }
}
