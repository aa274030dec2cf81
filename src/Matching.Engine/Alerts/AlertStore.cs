using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Matching.Engine.Candidates;
using Matching.Engine.Journey;
using Matching.Engine.Privacy;
using Matching.Engine.Storage;
using Microsoft.Data.Sqlite;

namespace Matching.Engine.Alerts;

/// <summary>What a saved search follows.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SavedSearchKind>))]
public enum SavedSearchKind
{
    /// <summary>A seeker's own search: new offers matching their profile.</summary>
    [JsonStringEnumMemberName("offerMatches")] OfferMatches,
    /// <summary>A recruiter's candidate search by skills: new consenting candidates.</summary>
    [JsonStringEnumMemberName("candidateSearch")] CandidateSearch,
    /// <summary>A recruiter follows one of their offers: new consenting candidates for it.</summary>
    [JsonStringEnumMemberName("offerCandidates")] OfferCandidates,
}

/// <summary>A saved search as stored.</summary>
/// <param name="Query">The candidate search (<see cref="SavedSearchKind.CandidateSearch"/>).</param>
/// <param name="OfferId">The followed offer (<see cref="SavedSearchKind.OfferCandidates"/>).</param>
/// <param name="Email">Where the digest goes; null: no email.</param>
public sealed record SavedSearch(
    string Id, string OwnerId, SavedSearchKind Kind, string Name, CandidateSearchRequest? Query, string? OfferId, string? Email,
    DateTimeOffset CreatedAt, DateTimeOffset LastVisitAt, DateTimeOffset LastDigestAt);

/// <summary>A match found for a saved search when a document was written: an offer id, or a seeker id (never shown as such to a recruiter).</summary>
public sealed record AlertHit(string SearchId, string ItemId, double Score, DateTimeOffset FoundAt);

/// <summary>
/// Saved searches, the matches found for them when offers and profiles are written, and each user's secret
/// feed key, in the store's SQLite file. Personal data: a user's searches, their email, their feed key; a
/// seeker's appearances in recruiters' alerts (erased with the seeker).
/// </summary>
public sealed class AlertStore(JourneyDatabase database, Pseudonyms pseudonyms) : IPersonalData
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public string Name => "alerts";

    public void Save(SavedSearch search)
    {
        using var connection = database.Open();
        Sql.Execute(connection, """
            INSERT INTO saved_searches (id, owner_id, kind, name, query, offer_id, email, created_at, last_visit_at, last_digest_at)
            VALUES ($id, $owner, $kind, $name, $query, $offer, $email, $created, $visit, $digest)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, query = excluded.query, offer_id = excluded.offer_id, email = excluded.email,
                last_visit_at = excluded.last_visit_at, last_digest_at = excluded.last_digest_at;
            """,
            ("$id", search.Id), ("$owner", search.OwnerId), ("$kind", (int)search.Kind), ("$name", search.Name),
            ("$query", search.Query is null ? null : JsonSerializer.Serialize(search.Query, s_json)), ("$offer", search.OfferId), ("$email", search.Email),
            ("$created", Sql.Millis(search.CreatedAt)), ("$visit", Sql.Millis(search.LastVisitAt)),
            ("$digest", Sql.Millis(search.LastDigestAt)));
    }

    public IReadOnlyList<SavedSearch> OwnedBy(string ownerId) => Searches("WHERE owner_id = $p ORDER BY created_at, id", ownerId);

    public IReadOnlyList<SavedSearch> OfKind(SavedSearchKind kind) => Searches("WHERE kind = $p", (int)kind);

    public IReadOnlyList<SavedSearch> WithEmail() => Searches("WHERE email IS NOT NULL", null);

    public SavedSearch? Get(string id) => Searches("WHERE id = $p", id).FirstOrDefault();

    public bool Delete(string ownerId, string id)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = Sql.Command(connection, "DELETE FROM saved_searches WHERE id = $id AND owner_id = $o;", ("$id", id), ("$o", ownerId));
        command.Transaction = transaction;
        var deleted = command.ExecuteNonQuery() > 0;
        if (deleted)
        {
            using var hits = Sql.Command(connection, "DELETE FROM alert_hits WHERE search_id = $id;", ("$id", id));
            hits.Transaction = transaction;
            hits.ExecuteNonQuery();
        }
        transaction.Commit();
        return deleted;
    }

    public void MarkVisited(string ownerId, DateTimeOffset at)
    {
        using var connection = database.Open();
        Sql.Execute(connection, "UPDATE saved_searches SET last_visit_at = $at WHERE owner_id = $o;", ("$at", Sql.Millis(at)), ("$o", ownerId));
    }

    public void MarkDigested(string searchId, DateTimeOffset at)
    {
        using var connection = database.Open();
        Sql.Execute(connection, "UPDATE saved_searches SET last_digest_at = $at WHERE id = $id;", ("$at", Sql.Millis(at)), ("$id", searchId));
    }

    /// <summary>Records matches; a match already recorded for the search keeps its first date.</summary>
    public void AddHits(IEnumerable<AlertHit> hits)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = Sql.Command(connection,
            "INSERT OR IGNORE INTO alert_hits (search_id, item_id, score, found_at) VALUES ($s, $i, $score, $at);",
            ("$s", ""), ("$i", ""), ("$score", 0.0), ("$at", 0L));
        command.Transaction = transaction;
        foreach (var hit in hits)
        {
            command.Parameters["$s"].Value = hit.SearchId;
            command.Parameters["$i"].Value = hit.ItemId;
            command.Parameters["$score"].Value = hit.Score;
            command.Parameters["$at"].Value = Sql.Millis(hit.FoundAt);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>The latest matches of a search, newest first.</summary>
    public IReadOnlyList<AlertHit> Hits(string searchId, int limit, DateTimeOffset? after = null)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection,
            "SELECT search_id, item_id, score, found_at FROM alert_hits WHERE search_id = $s AND found_at > $after ORDER BY found_at DESC, score DESC LIMIT $limit;",
            ("$s", searchId), ("$after", after is { } a ? Sql.Millis(a) : long.MinValue), ("$limit", limit));
        using var reader = command.ExecuteReader();
        var hits = new List<AlertHit>();
        while (reader.Read())
        {
            hits.Add(new AlertHit(reader.GetString(0), reader.GetString(1), reader.GetDouble(2), Sql.Time(reader.GetInt64(3))));
        }
        return hits;
    }

    /// <summary>The user's feed key; a new one when they have none and <paramref name="create"/>.</summary>
    public string? FeedKey(string userId, bool create, DateTimeOffset at)
    {
        using var connection = database.Open();
        using (var read = Sql.Command(connection, "SELECT key FROM feed_keys WHERE user_id = $u;", ("$u", userId)))
        {
            if (read.ExecuteScalar() is string key)
            {
                return key;
            }
        }
        if (!create)
        {
            return null;
        }
        var fresh = NewKey();
        Sql.Execute(connection, "INSERT OR IGNORE INTO feed_keys (user_id, key, created_at) VALUES ($u, $k, $at);",
            ("$u", userId), ("$k", fresh), ("$at", Sql.Millis(at)));
        return FeedKey(userId, create: false, at);
    }

    /// <summary>A new secret for the user's feeds: the old URLs stop working at once.</summary>
    public string RotateFeedKey(string userId, DateTimeOffset at)
    {
        var key = NewKey();
        using var connection = database.Open();
        Sql.Execute(connection, """
            INSERT INTO feed_keys (user_id, key, created_at) VALUES ($u, $k, $at)
            ON CONFLICT(user_id) DO UPDATE SET key = excluded.key, created_at = excluded.created_at;
            """, ("$u", userId), ("$k", key), ("$at", Sql.Millis(at)));
        return key;
    }

    public bool RevokeFeedKey(string userId)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, "DELETE FROM feed_keys WHERE user_id = $u;", ("$u", userId));
        return command.ExecuteNonQuery() > 0;
    }

    /// <summary>The user a feed key belongs to; null for any other text.</summary>
    public string? FeedOwner(string key)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, "SELECT user_id FROM feed_keys WHERE key = $k;", ("$k", key));
        return command.ExecuteScalar() as string;
    }

    public Task ExportAsync(DataSubject subject, JsonObject into, CancellationToken cancellationToken = default)
    {
        var section = new JsonObject
        {
            ["savedSearches"] = JsonSerializer.SerializeToNode(OwnedBy(subject.Id).Select(s => new
            {
                s.Id,
                s.Kind,
                s.Name,
                s.Query,
                s.OfferId,
                s.Email,
                s.CreatedAt,
                s.LastVisitAt,
                s.LastDigestAt,
                // A recruiter's matches are seekers: under the pseudonym the recruiter sees, never the seeker's id.
                hits = Hits(s.Id, 1000).Select(h => new
                {
                    ItemId = s.Kind == SavedSearchKind.OfferMatches ? h.ItemId : pseudonyms.For(subject.Id, h.ItemId),
                    h.Score,
                    h.FoundAt,
                }),
            }), PrivacyJson.Options),
            ["hasFeedKey"] = FeedKey(subject.Id, create: false, DateTimeOffset.UtcNow) is not null,
        };
        if (subject.Kind == DataSubjectKind.Seeker)
        {
            // Where the seeker appeared in recruiters' alerts: which recruiter, when (the search itself is the recruiter's).
            using var connection = database.Open();
            using var command = Sql.Command(connection, """
                SELECT s.owner_id, h.found_at FROM alert_hits h JOIN saved_searches s ON s.id = h.search_id
                WHERE h.item_id = $id AND s.kind <> $own ORDER BY h.found_at;
                """, ("$id", subject.Id), ("$own", (int)SavedSearchKind.OfferMatches));
            using var reader = command.ExecuteReader();
            var shown = new JsonArray();
            while (reader.Read())
            {
                shown.Add(new JsonObject { ["recruiterId"] = reader.GetString(0), ["foundAt"] = Sql.Time(reader.GetInt64(1)) });
            }
            section["inRecruitersAlerts"] = shown;
        }
        into[Name] = section;
        return Task.CompletedTask;
    }

    public Task EraseAsync(DataSubject subject, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var sql in new[]
        {
            "DELETE FROM alert_hits WHERE search_id IN (SELECT id FROM saved_searches WHERE owner_id = $id);",
            "DELETE FROM saved_searches WHERE owner_id = $id;",
            "DELETE FROM feed_keys WHERE user_id = $id;",
            // A seeker found by recruiters' searches, and an offer found by seekers' (a recruiter's erased offers go with them).
            "DELETE FROM alert_hits WHERE item_id = $id;",
        })
        {
            using var command = Sql.Command(connection, sql, ("$id", subject.Id));
            command.Transaction = transaction;
            command.ExecuteNonQuery();
        }
        transaction.Commit();
        return Task.CompletedTask;
    }

    /// <summary>Forgets matches of items that are gone (an offer or a profile deleted).</summary>
    public void ForgetItems(IEnumerable<string> itemIds)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = Sql.Command(connection, "DELETE FROM alert_hits WHERE item_id = $id;", ("$id", ""));
        command.Transaction = transaction;
        foreach (var id in itemIds)
        {
            command.Parameters["$id"].Value = id;
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private IReadOnlyList<SavedSearch> Searches(string where, object? parameter)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection,
            $"SELECT id, owner_id, kind, name, query, offer_id, email, created_at, last_visit_at, last_digest_at FROM saved_searches {where};",
            ("$p", parameter));
        using var reader = command.ExecuteReader();
        var searches = new List<SavedSearch>();
        while (reader.Read())
        {
            searches.Add(Read(reader));
        }
        return searches;
    }

    private static SavedSearch Read(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), (SavedSearchKind)reader.GetInt32(2), reader.GetString(3),
        Sql.NullableString(reader, 4) is { } query ? JsonSerializer.Deserialize<CandidateSearchRequest>(query, s_json) : null,
        Sql.NullableString(reader, 5), Sql.NullableString(reader, 6),
        Sql.Time(reader.GetInt64(7)), Sql.Time(reader.GetInt64(8)), Sql.Time(reader.GetInt64(9)));

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
}
