using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Engine.Privacy;
using Microsoft.Data.Sqlite;

namespace Matching.Engine.Ranking;

/// <summary>Where a list of matches was shown.</summary>
public static class Surfaces
{
    /// <summary>Offers shown for a seeker (to the seeker, or to their adviser).</summary>
    public const string SeekerMatches = "seeker-matches";

    /// <summary>Candidates shown to a recruiter for one of their offers.</summary>
    public const string OfferCandidates = "offer-candidates";
}

/// <summary>One (offer, seeker) pair as it was shown: at which rank, the scorer's rank and score, and the pair's features then.</summary>
public sealed record Impression(string SeekerId, string OfferId, int Rank, int ScorerRank, double Score, float[] Features);

/// <summary>An impression as stored, with who saw it and when.</summary>
public sealed record StoredImpression(
    long Id, string Surface, string ViewerId, string ViewerRole, string SeekerId, string OfferId,
    int Rank, int ScorerRank, double Score, int FeatureVersion, float[] Features, DateTimeOffset ShownAt);

/// <summary>
/// What was shown to whom, at which rank (table <c>ranking_impressions</c> in the store's SQLite file): the
/// negatives and the context of the ranking model's training examples. Personal data of the seeker shown (and
/// of the viewer): in their export, gone with their erasure. Thread-safe: each call uses its own pooled connection.
/// </summary>
public sealed class ImpressionLog : IPersonalData, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS ranking_impressions(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            surface TEXT NOT NULL,
            viewer_id TEXT NOT NULL,
            viewer_role TEXT NOT NULL,
            seeker_id TEXT NOT NULL,
            offer_id TEXT NOT NULL,
            rank INTEGER NOT NULL,
            scorer_rank INTEGER NOT NULL,
            score REAL NOT NULL,
            feature_version INTEGER NOT NULL,
            features TEXT NOT NULL,
            shown_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ranking_impressions_seeker ON ranking_impressions(seeker_id);
        CREATE INDEX IF NOT EXISTS ranking_impressions_viewer ON ranking_impressions(viewer_id);
        """;

    private readonly string _connectionString;

    public ImpressionLog(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(path),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        Execute(connection, null, "PRAGMA journal_mode=WAL;");
        Execute(connection, null, Schema);
    }

    public string Name => "impressions";

    /// <summary>Records one shown list (one transaction). An empty list records nothing.</summary>
    public void Record(string surface, string viewerId, string viewerRole, IReadOnlyList<Impression> items, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(surface);
        ArgumentException.ThrowIfNullOrWhiteSpace(viewerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(viewerRole);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return;
        }
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO ranking_impressions(surface, viewer_id, viewer_role, seeker_id, offer_id, rank, scorer_rank, score, feature_version, features, shown_at)
            VALUES ($surface, $viewer, $role, $seeker, $offer, $rank, $scorerRank, $score, $version, $features, $at)
            """;
        var seeker = command.Parameters.Add("$seeker", SqliteType.Text);
        var offer = command.Parameters.Add("$offer", SqliteType.Text);
        var rank = command.Parameters.Add("$rank", SqliteType.Integer);
        var scorerRank = command.Parameters.Add("$scorerRank", SqliteType.Integer);
        var score = command.Parameters.Add("$score", SqliteType.Real);
        var features = command.Parameters.Add("$features", SqliteType.Text);
        command.Parameters.AddWithValue("$surface", surface);
        command.Parameters.AddWithValue("$viewer", viewerId);
        command.Parameters.AddWithValue("$role", viewerRole);
        command.Parameters.AddWithValue("$version", PairFeatures.Version);
        command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        foreach (var item in items)
        {
            seeker.Value = item.SeekerId;
            offer.Value = item.OfferId;
            rank.Value = item.Rank;
            scorerRank.Value = item.ScorerRank;
            score.Value = item.Score;
            features.Value = JsonSerializer.Serialize(item.Features);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>Every impression, oldest first (training reads them all).</summary>
    public IReadOnlyList<StoredImpression> All() => Query("ORDER BY id");

    /// <summary>Impressions of one seeker (shown to anyone), oldest first.</summary>
    public IReadOnlyList<StoredImpression> OfSeeker(string seekerId) => Query("WHERE seeker_id = $id ORDER BY id", seekerId);

    /// <summary>Impressions a viewer (a recruiter, an adviser) was shown, oldest first.</summary>
    public IReadOnlyList<StoredImpression> SeenBy(string viewerId) => Query("WHERE viewer_id = $id ORDER BY id", viewerId);

    public long Count()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM ranking_impressions";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>
    /// A seeker's export holds where they were shown (offers, ranks, when, to which role, never the viewer's id); a
    /// recruiter's or an adviser's holds what they were shown.
    /// </summary>
    public Task ExportAsync(DataSubject subject, JsonObject into, CancellationToken cancellationToken = default)
    {
        var rows = subject.Kind == DataSubjectKind.Seeker ? OfSeeker(subject.Id) : SeenBy(subject.Id);
        var array = new JsonArray();
        foreach (var row in rows)
        {
            var item = new JsonObject
            {
                ["surface"] = row.Surface,
                ["offerId"] = row.OfferId,
                ["rank"] = row.Rank,
                ["scorerRank"] = row.ScorerRank,
                ["score"] = row.Score,
                ["shownAt"] = row.ShownAt,
                ["viewerRole"] = row.ViewerRole,
            };
            if (subject.Kind != DataSubjectKind.Seeker)
            {
                item["seekerId"] = row.SeekerId;
            }
            array.Add(item);
        }
        into[Name] = array;
        return Task.CompletedTask;
    }

    /// <summary>Erases every impression of the subject: as the seeker shown, and as the viewer.</summary>
    public Task EraseAsync(DataSubject subject, CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        Execute(connection, null, "DELETE FROM ranking_impressions WHERE seeker_id = $id OR viewer_id = $id", ("$id", subject.Id));
        return Task.CompletedTask;
    }

    /// <summary>Returns the pooled connections, so the file can be moved or deleted.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private List<StoredImpression> Query(string where, string? id = null)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, surface, viewer_id, viewer_role, seeker_id, offer_id, rank, scorer_rank, score, feature_version, features, shown_at
            FROM ranking_impressions
            """ + " " + where;
        if (id is not null)
        {
            command.Parameters.AddWithValue("$id", id);
        }
        using var reader = command.ExecuteReader();
        var rows = new List<StoredImpression>();
        while (reader.Read())
        {
            rows.Add(new StoredImpression(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetInt32(6), reader.GetInt32(7), reader.GetDouble(8), reader.GetInt32(9),
                JsonSerializer.Deserialize<float[]>(reader.GetString(10)) ?? [],
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11))));
        }
        return rows;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        command.ExecuteNonQuery();
    }
}
