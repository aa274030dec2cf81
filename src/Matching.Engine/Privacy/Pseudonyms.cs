using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Matching.Engine.Storage;

namespace Matching.Engine.Privacy;

/// <summary>
/// What a recruiter sees instead of a seeker's id: HMAC-SHA256(key, recruiter, seeker), so the same
/// seeker keeps one pseudonym per recruiter (a shortlist stays stable) but two recruiters cannot
/// link their lists, and nobody without the key can go back to the id. Pseudonyms shown to a
/// recruiter are remembered so that recruiter, and only that recruiter, can name one back
/// (a contact request).
/// </summary>
public sealed class Pseudonyms(PseudonymKey key, PrivacyDatabase database) : IPersonalData
{
    public const string Prefix = "cand-";

    public string Name => "pseudonyms";

    /// <summary>The seeker's pseudonym for this recruiter (pure: nothing is stored).</summary>
    public string For(string recruiterId, string seekerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recruiterId);
        ArgumentException.ThrowIfNullOrWhiteSpace(seekerId);
        // Lengths first, so ("ab", "c") and ("a", "bc") cannot collide.
        var message = Encoding.UTF8.GetBytes($"{recruiterId.Length}:{recruiterId}|{seekerId.Length}:{seekerId}");
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(key.Bytes, message, hash);
        return Prefix + Convert.ToHexStringLower(hash[..10]);
    }

    /// <summary>Pseudonyms of the seekers shown to the recruiter (same order), remembered for <see cref="Resolve"/>.</summary>
    public IReadOnlyList<string> Issue(string recruiterId, IReadOnlyList<string> seekerIds)
    {
        var pseudonyms = seekerIds.Select(id => For(recruiterId, id)).ToArray();
        if (pseudonyms.Length == 0)
        {
            return pseudonyms;
        }
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = Sql.Command(connection,
            "INSERT OR IGNORE INTO privacy_pseudonyms (recruiter_id, pseudonym, seeker_id) VALUES ($r, $p, $s);",
            ("$r", recruiterId), ("$p", ""), ("$s", ""));
        for (var i = 0; i < pseudonyms.Length; i++)
        {
            command.Parameters["$p"].Value = pseudonyms[i];
            command.Parameters["$s"].Value = seekerIds[i];
            command.ExecuteNonQuery();
        }
        transaction.Commit();
        return pseudonyms;
    }

    /// <summary>The seeker behind a pseudonym this recruiter was shown; null for any other text.</summary>
    public string? Resolve(string recruiterId, string pseudonym)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection,
            "SELECT seeker_id FROM privacy_pseudonyms WHERE recruiter_id = $r AND pseudonym = $p;", ("$r", recruiterId), ("$p", pseudonym));
        return command.ExecuteScalar() as string;
    }

    /// <summary>Whether the recruiter was shown this seeker (under a pseudonym) at some point.</summary>
    public bool WasShown(string recruiterId, string seekerId) => Resolve(recruiterId, For(recruiterId, seekerId)) == seekerId;

    public Task ExportAsync(DataSubject subject, JsonObject into, CancellationToken cancellationToken = default)
    {
        var column = subject.Kind == DataSubjectKind.Seeker ? "seeker_id" : "recruiter_id";
        using var connection = database.Open();
        using var command = Sql.Command(connection,
            $"SELECT recruiter_id, pseudonym FROM privacy_pseudonyms WHERE {column} = $id ORDER BY recruiter_id, pseudonym;", ("$id", subject.Id));
        using var reader = command.ExecuteReader();
        var shown = new JsonArray();
        while (reader.Read())
        {
            shown.Add(new JsonObject { ["recruiterId"] = reader.GetString(0), ["pseudonym"] = reader.GetString(1) });
        }
        into[Name] = shown;
        return Task.CompletedTask;
    }

    public Task EraseAsync(DataSubject subject, CancellationToken cancellationToken = default)
    {
        var column = subject.Kind == DataSubjectKind.Seeker ? "seeker_id" : "recruiter_id";
        using var connection = database.Open();
        Sql.Execute(connection, $"DELETE FROM privacy_pseudonyms WHERE {column} = $id;", ("$id", subject.Id));
        return Task.CompletedTask;
    }
}

/// <summary>The secret behind <see cref="Pseudonyms"/> (configuration <c>Coach:PseudonymKey</c>, base64, at least 32 bytes).</summary>
public sealed class PseudonymKey
{
    public const int MinBytes = 32;
    public const string FileName = "pseudonym.key";

    private PseudonymKey(byte[] bytes) => Bytes = bytes;

    internal byte[] Bytes { get; }

    public static PseudonymKey FromBase64(string base64)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new ArgumentException("Coach:PseudonymKey must be base64 (e.g. `openssl rand -base64 32`).", nameof(base64));
        }
        return bytes.Length < MinBytes
            ? throw new ArgumentException($"Coach:PseudonymKey is {bytes.Length} bytes; it must be at least {MinBytes}.", nameof(base64))
            : new PseudonymKey(bytes);
    }

    /// <summary>
    /// The configured key; when none is configured and <paramref name="generateIn"/> is given
    /// (development), a key generated once and kept in that folder, so pseudonyms survive restarts.
    /// </summary>
    public static PseudonymKey Load(string? configured, string? generateIn)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return FromBase64(configured);
        }
        if (generateIn is null)
        {
            throw new InvalidOperationException("Coach:PseudonymKey is not configured: set it to a base64 secret of at least 32 bytes (it is generated only in Development).");
        }
        var file = Path.Combine(generateIn, FileName);
        if (File.Exists(file))
        {
            return FromBase64(File.ReadAllText(file));
        }
        Directory.CreateDirectory(generateIn);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinBytes));
        // CreateNew: if two processes race, one wins and the other reads the winner's key.
        try
        {
            using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(stream);
            writer.Write(key);
        }
        catch (IOException) when (File.Exists(file))
        {
            return FromBase64(File.ReadAllText(file));
        }
        return FromBase64(key);
    }
}
