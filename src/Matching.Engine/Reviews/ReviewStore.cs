using System.Globalization;
using System.Text.Json;
using Matching.Engine.Storage;
using Microsoft.Data.Sqlite;

namespace Matching.Engine.Reviews;

/// <summary>
/// Advisers' reviews of seekers' diagnoses and strategies, in the application's SQLite file (own tables
/// <c>review_queue</c>, <c>reviews</c>, <c>review_advice</c>). Reviews are kept for good: they feed the ranking
/// model, so the store only appends, and a trigger refuses updates. The one deletion is the GDPR erasure of a
/// seeker (<see cref="EraseSeeker"/>). Thread-safe: each call uses its own pooled connection. Input rules are in
/// <see cref="ReviewValidation"/>, the CSV export in <see cref="ReviewCsvExport"/>.
/// </summary>
public sealed class ReviewStore : IDisposable
{
    public const int MaxCommentLength = 2000;
    public const int MaxIdLength = 200;

    /// <summary>The schema, one migration per version (<see cref="SqliteConnectionFactory.Migrate"/>).</summary>
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS review_queue(
            seeker_id TEXT PRIMARY KEY,
            snapshot_json TEXT NOT NULL,
            enqueued_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS review_queue_oldest ON review_queue(enqueued_at, seeker_id);
        CREATE TABLE IF NOT EXISTS reviews(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            seeker_id TEXT NOT NULL,
            reviewer_id TEXT NOT NULL,
            reviewed_at INTEGER NOT NULL,
            grade TEXT NOT NULL,
            comment TEXT,
            diagnosis_comment TEXT,
            snapshot_json TEXT);
        CREATE INDEX IF NOT EXISTS reviews_seeker ON reviews(seeker_id, id);
        CREATE TABLE IF NOT EXISTS review_advice(
            review_id INTEGER NOT NULL REFERENCES reviews(id),
            module_id TEXT NOT NULL,
            original_score INTEGER,
            new_score INTEGER NOT NULL,
            comment TEXT,
            PRIMARY KEY(review_id, module_id));
        CREATE TABLE IF NOT EXISTS review_offers(
            review_id INTEGER NOT NULL REFERENCES reviews(id),
            offer_id TEXT NOT NULL,
            grade INTEGER NOT NULL,
            comment TEXT,
            PRIMARY KEY(review_id, offer_id));
        CREATE TRIGGER IF NOT EXISTS review_offers_append_only BEFORE UPDATE ON review_offers
            BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
        CREATE TRIGGER IF NOT EXISTS reviews_append_only BEFORE UPDATE ON reviews
            BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
        CREATE TRIGGER IF NOT EXISTS review_advice_append_only BEFORE UPDATE ON review_advice
            BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
        """;

    /// <summary>Version 2: what the adviser writes for the seeker, apart from the internal notes.</summary>
    private const string SeekerWords = """
        ALTER TABLE reviews ADD COLUMN seeker_message TEXT;
        ALTER TABLE review_advice ADD COLUMN seeker_note TEXT;
        """;

    private readonly SqliteConnectionFactory _database;
    private readonly bool _ownsDatabase;
    private readonly TimeProvider _time;

    /// <summary>The store in Coach's SQLite file, through the connection factory the other stores share.</summary>
    /// <param name="time">Clock for waiting times; the system clock by default.</param>
    public ReviewStore(SqliteConnectionFactory database, TimeProvider? time = null)
        : this(database, ownsDatabase: false, time)
    {
    }

    /// <summary>A store on its own file (tests, tools).</summary>
    /// <param name="path">The SQLite file.</param>
    /// <param name="time">Clock for waiting times; the system clock by default.</param>
    public ReviewStore(string path, TimeProvider? time = null)
        : this(new SqliteConnectionFactory(path), ownsDatabase: true, time)
    {
    }

    private ReviewStore(SqliteConnectionFactory database, bool ownsDatabase, TimeProvider? time)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
        _time = time ?? TimeProvider.System;
        database.Migrate("reviews", [Schema, SeekerWords]);
    }

    /// <summary>
    /// Puts a seeker's freshly computed diagnosis and strategy (JSON) in the review queue. A seeker already waiting
    /// keeps their place with the newer snapshot; a snapshot identical to the one waiting or last reviewed changes
    /// nothing. Returns whether the queue changed.
    /// </summary>
    public bool Enqueue(string seekerId, string snapshotJson, DateTimeOffset at)
    {
        ReviewValidation.Enqueue(seekerId, snapshotJson);

        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var waiting = Scalar<string>(connection, transaction, "SELECT snapshot_json FROM review_queue WHERE seeker_id = $s", ("$s", seekerId));
        if (waiting is not null)
        {
            if (waiting == snapshotJson)
            {
                return false;
            }
            Execute(connection, transaction, "UPDATE review_queue SET snapshot_json = $j, updated_at = $t WHERE seeker_id = $s",
                ("$j", snapshotJson), ("$t", at.ToUnixTimeMilliseconds()), ("$s", seekerId));
        }
        else
        {
            var reviewed = Scalar<string>(connection, transaction, "SELECT snapshot_json FROM reviews WHERE seeker_id = $s ORDER BY id DESC LIMIT 1", ("$s", seekerId));
            if (reviewed == snapshotJson)
            {
                return false;
            }
            Execute(connection, transaction, "INSERT INTO review_queue(seeker_id, snapshot_json, enqueued_at, updated_at) VALUES ($s, $j, $t, $t)",
                ("$s", seekerId), ("$j", snapshotJson), ("$t", at.ToUnixTimeMilliseconds()));
        }
        transaction.Commit();
        return true;
    }

    /// <summary>Seekers waiting for review, longest waiting first (then by id, so the order is stable).</summary>
    public IReadOnlyList<QueuedSeeker> Queue(int limit = 50)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        using var connection = Open();
        using var command = Command(connection, null,
            "SELECT seeker_id, snapshot_json, enqueued_at, updated_at FROM review_queue ORDER BY enqueued_at, seeker_id LIMIT $n", ("$n", limit));
        using var reader = command.ExecuteReader();
        var now = _time.GetUtcNow();
        var queue = new List<QueuedSeeker>();
        while (reader.Read())
        {
            queue.Add(ReadQueued(reader, now));
        }
        return queue;
    }

    /// <summary>The seeker's pending snapshot (if queued) and review history; empty history when never reviewed.</summary>
    public SeekerReviews Get(string seekerId)
    {
        ReviewValidation.SeekerId(seekerId);
        using var connection = Open();
        QueuedSeeker? pending = null;
        using (var command = Command(connection, null,
            "SELECT seeker_id, snapshot_json, enqueued_at, updated_at FROM review_queue WHERE seeker_id = $s", ("$s", seekerId)))
        using (var reader = command.ExecuteReader())
        {
            if (reader.Read())
            {
                pending = ReadQueued(reader, _time.GetUtcNow());
            }
        }
        return new SeekerReviews(seekerId, pending, History(connection, seekerId));
    }

    /// <summary>
    /// Stores a review for good and takes the seeker out of the queue. The scores the seeker had (read from the
    /// snapshot under review: the queued one, else the last reviewed one) are stored beside the adviser's, for
    /// <see cref="Changes"/>. Invalid input throws <see cref="ReviewValidationException"/> with every field's errors.
    /// </summary>
    public StoredReview Submit(string seekerId, Review review)
    {
        ArgumentNullException.ThrowIfNull(review);
        ReviewValidation.Submit(seekerId, review);

        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var snapshot = Scalar<string>(connection, transaction, "SELECT snapshot_json FROM review_queue WHERE seeker_id = $s", ("$s", seekerId))
            ?? Scalar<string>(connection, transaction, "SELECT snapshot_json FROM reviews WHERE seeker_id = $s ORDER BY id DESC LIMIT 1", ("$s", seekerId));
        var original = snapshot is null ? new Dictionary<string, int>(StringComparer.Ordinal) : OriginalScores(snapshot);

        var id = Scalar<long>(connection, transaction, """
            INSERT INTO reviews(seeker_id, reviewer_id, reviewed_at, grade, comment, diagnosis_comment, snapshot_json, seeker_message)
            VALUES ($s, $r, $t, $g, $c, $d, $j, $m) RETURNING id
            """,
            ("$s", seekerId), ("$r", review.ReviewerId), ("$t", review.At.ToUnixTimeMilliseconds()), ("$g", GradeName(review.Grade!.Value)),
            ("$c", review.Comment), ("$d", review.DiagnosisComment), ("$j", snapshot), ("$m", review.SeekerMessage));
        foreach (var advice in review.AdviceReviews)
        {
            Execute(connection, transaction, """
                INSERT INTO review_advice(review_id, module_id, original_score, new_score, comment, seeker_note) VALUES ($id, $m, $o, $n, $c, $sn)
                """,
                ("$id", id), ("$m", advice.ModuleId), ("$o", original.TryGetValue(advice.ModuleId, out var o) ? o : null), ("$n", advice.NewScore), ("$c", advice.Comment),
                ("$sn", advice.SeekerNote));
        }
        foreach (var offer in review.OfferReviews ?? [])
        {
            Execute(connection, transaction, "INSERT INTO review_offers(review_id, offer_id, grade, comment) VALUES ($id, $o, $g, $c)",
                ("$id", id), ("$o", offer.OfferId), ("$g", offer.Grade), ("$c", offer.Comment));
        }
        Execute(connection, transaction, "DELETE FROM review_queue WHERE seeker_id = $s", ("$s", seekerId));
        transaction.Commit();
        return new StoredReview(id, seekerId, review with { At = DateTimeOffset.FromUnixTimeMilliseconds(review.At.ToUnixTimeMilliseconds()) }, snapshot, original);
    }

    /// <summary>Advice the latest review hides (new score 0): the seeker must not see them.</summary>
    public IReadOnlySet<string> HiddenAdvice(string seekerId) =>
        ScoreOverrides(seekerId).Where(p => p.Value == 0).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>The latest review's score per advice module (0..3; 0 hides); empty when never reviewed.</summary>
    public IReadOnlyDictionary<string, int> ScoreOverrides(string seekerId) =>
        Changes(seekerId).ToDictionary(c => c.ModuleId, c => c.NewScore, StringComparer.Ordinal);

    /// <summary>
    /// What the seeker reads of the latest review: the message written for them and the notes for them on advice, by module id.
    /// Null when never reviewed. The internal notes are not read here.
    /// </summary>
    public AdviserWords? WordsForSeeker(string seekerId)
    {
        ReviewValidation.SeekerId(seekerId);
        using var connection = Open();
        using var latest = Command(connection, null, "SELECT id, reviewed_at, seeker_message FROM reviews WHERE seeker_id = $s ORDER BY id DESC LIMIT 1", ("$s", seekerId));
        long id;
        DateTimeOffset at;
        string? message;
        using (var reader = latest.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }
            (id, at, message) = (reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.IsDBNull(2) ? null : reader.GetString(2));
        }
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        using var command = Command(connection, null,
            "SELECT module_id, seeker_note FROM review_advice WHERE review_id = $id AND new_score > 0 AND seeker_note IS NOT NULL ORDER BY module_id", ("$id", id));
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                notes[reader.GetString(0)] = reader.GetString(1);
            }
        }
        return new AdviserWords(message, notes, at);
    }

    /// <summary>
    /// Offers the seeker's adviser graded 0 ("not for them"), by the latest grade each offer got from any review of this seeker
    /// (a later review grading it again brings it back): they leave the seeker's offers.
    /// </summary>
    public IReadOnlySet<string> OffersNotFor(string seekerId)
    {
        ReviewValidation.SeekerId(seekerId);
        using var connection = Open();
        using var command = Command(connection, null, """
            SELECT o.offer_id FROM review_offers o JOIN reviews r ON r.id = o.review_id
            WHERE r.seeker_id = $s AND o.grade = 0 AND o.review_id = (
                SELECT MAX(o2.review_id) FROM review_offers o2 JOIN reviews r2 ON r2.id = o2.review_id WHERE r2.seeker_id = $s AND o2.offer_id = o.offer_id)
            """, ("$s", seekerId));
        using var reader = command.ExecuteReader();
        var offers = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            offers.Add(reader.GetString(0));
        }
        return offers;
    }

    /// <summary>The latest review's advice scores beside the scores the engine had given, in module order.</summary>
    public IReadOnlyList<AdviceChange> Changes(string seekerId)
    {
        ReviewValidation.SeekerId(seekerId);
        using var connection = Open();
        using var command = Command(connection, null, """
            SELECT module_id, original_score, new_score, comment FROM review_advice
            WHERE review_id = (SELECT MAX(id) FROM reviews WHERE seeker_id = $s)
            ORDER BY module_id
            """, ("$s", seekerId));
        using var reader = command.ExecuteReader();
        var changes = new List<AdviceChange>();
        while (reader.Read())
        {
            changes.Add(new AdviceChange(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }
        return changes;
    }

    /// <summary>GDPR erasure: every review, advice review and queue entry of the seeker. Returns the reviews removed.</summary>
    public int EraseSeeker(string seekerId)
    {
        ReviewValidation.SeekerId(seekerId);
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, "DELETE FROM review_advice WHERE review_id IN (SELECT id FROM reviews WHERE seeker_id = $s)", ("$s", seekerId));
        Execute(connection, transaction, "DELETE FROM review_offers WHERE review_id IN (SELECT id FROM reviews WHERE seeker_id = $s)", ("$s", seekerId));
        var removed = Execute(connection, transaction, "DELETE FROM reviews WHERE seeker_id = $s", ("$s", seekerId));
        Execute(connection, transaction, "DELETE FROM review_queue WHERE seeker_id = $s", ("$s", seekerId));
        transaction.Commit();
        return removed;
    }

    /// <summary>Every grade advisers gave a suggested offer, oldest review first (the offer ranking trains on them).</summary>
    public IReadOnlyList<OfferGrade> OfferGrades()
    {
        using var connection = Open();
        using var command = Command(connection, null, """
            SELECT r.id, r.seeker_id, o.offer_id, o.grade, r.reviewer_id, r.reviewed_at
            FROM review_offers o JOIN reviews r ON r.id = o.review_id ORDER BY r.id, o.offer_id
            """);
        using var reader = command.ExecuteReader();
        var grades = new List<OfferGrade>();
        while (reader.Read())
        {
            grades.Add(new OfferGrade(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
        }
        return grades;
    }

    /// <summary>Every advice review with the snapshot the adviser saw, oldest review first (the advice ranking trains on them).</summary>
    public IReadOnlyList<AdviceReviewRow> AdviceReviewRows()
    {
        using var connection = Open();
        using var command = Command(connection, null, """
            SELECT r.id, r.seeker_id, r.snapshot_json, a.module_id, a.original_score, a.new_score
            FROM review_advice a JOIN reviews r ON r.id = a.review_id ORDER BY r.id, a.module_id
            """);
        using var reader = command.ExecuteReader();
        var rows = new List<AdviceReviewRow>();
        while (reader.Read())
        {
            rows.Add(new AdviceReviewRow(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.GetInt32(5)));
        }
        return rows;
    }

    /// <summary>How many reviews the store holds.</summary>
    public long CountReviews()
    {
        using var connection = Open();
        return Scalar<long>(connection, null, "SELECT COUNT(*) FROM reviews");
    }

    /// <summary>All reviews as CSV, one row per advice review (<see cref="ReviewCsvExport"/>).</summary>
    public void ExportCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var connection = Open();
        ReviewCsvExport.Write(connection, writer);
    }

    /// <summary>A store on its own file closes it; the shared factory is closed by its owner.</summary>
    public void Dispose()
    {
        if (_ownsDatabase)
        {
            _database.Dispose();
        }
    }

    internal static string GradeName(ReviewGrade grade) => grade switch
    {
        ReviewGrade.Excellent => "excellent",
        ReviewGrade.GoodEnough => "goodEnough",
        ReviewGrade.Bad => "bad",
        _ => throw new ArgumentOutOfRangeException(nameof(grade), grade, "Unknown grade."),
    };

    private static ReviewGrade ParseGrade(string name) => name switch
    {
        "excellent" => ReviewGrade.Excellent,
        "goodEnough" => ReviewGrade.GoodEnough,
        "bad" => ReviewGrade.Bad,
        _ => throw new InvalidDataException($"reviews.grade holds '{name}', which is no grade."),
    };

    /// <summary>
    /// The advice scores a snapshot shows the seeker: every JSON object with a string "moduleId" and an integer
    /// "score" (any nesting, names case-insensitive), so the store does not depend on the snapshot's exact shape.
    /// An advice listed twice (in the advice list and in a strategy) keeps its first score.
    /// </summary>
    internal static Dictionary<string, int> OriginalScores(string snapshotJson)
    {
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(snapshotJson);
        Walk(document.RootElement, scores);
        return scores;

        static void Walk(JsonElement element, Dictionary<string, int> scores)
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, scores);
                }
                return;
            }
            if (element.ValueKind != JsonValueKind.Object)
            {
                return;
            }
            string? module = null;
            int? score = null;
            foreach (var property in element.EnumerateObject())
            {
                if (property.NameEquals("moduleId") || string.Equals(property.Name, "moduleId", StringComparison.OrdinalIgnoreCase))
                {
                    module = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                }
                else if (string.Equals(property.Name, "score", StringComparison.OrdinalIgnoreCase)
                    && property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var s))
                {
                    score = s;
                }
                else
                {
                    Walk(property.Value, scores);
                }
            }
            if (module is not null && score is { } value)
            {
                scores.TryAdd(module, value);
            }
        }
    }

    private List<StoredReview> History(SqliteConnection connection, string seekerId)
    {
        var reviews = new List<(long Id, string Reviewer, long At, string Grade, string? Comment, string? Diagnosis, string? Snapshot, string? Message)>();
        using (var command = Command(connection, null, """
            SELECT id, reviewer_id, reviewed_at, grade, comment, diagnosis_comment, snapshot_json, seeker_message FROM reviews WHERE seeker_id = $s ORDER BY id
            """, ("$s", seekerId)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                reviews.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7)));
            }
        }

        var advice = new Dictionary<long, (List<AdviceReview> Reviews, Dictionary<string, int> Original)>();
        using (var command = Command(connection, null, """
            SELECT a.review_id, a.module_id, a.original_score, a.new_score, a.comment, a.seeker_note
            FROM review_advice a JOIN reviews r ON r.id = a.review_id WHERE r.seeker_id = $s ORDER BY a.review_id, a.module_id
            """, ("$s", seekerId)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                if (!advice.TryGetValue(id, out var entry))
                {
                    entry = ([], new Dictionary<string, int>(StringComparer.Ordinal));
                    advice.Add(id, entry);
                }
                entry.Reviews.Add(new AdviceReview(reader.GetString(1), reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5)));
            }
        }

        var offers = new Dictionary<long, List<OfferReview>>();
        using (var command = Command(connection, null, """
            SELECT o.review_id, o.offer_id, o.grade, o.comment
            FROM review_offers o JOIN reviews r ON r.id = o.review_id WHERE r.seeker_id = $s ORDER BY o.review_id, o.offer_id
            """, ("$s", seekerId)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                if (!offers.TryGetValue(id, out var list))
                {
                    offers[id] = list = [];
                }
                list.Add(new OfferReview(reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }

        return [.. reviews.Select(r =>
        {
            var list = advice.TryGetValue(r.Id, out var entry) ? entry.Reviews : [];
            var review = new Review(ParseGrade(r.Grade), r.Comment, r.Diagnosis, list, r.Reviewer, DateTimeOffset.FromUnixTimeMilliseconds(r.At),
                offers.TryGetValue(r.Id, out var graded) ? graded : [], r.Message);
            // Originals come from the snapshot itself, so they list every advice the seeker saw, reviewed or not.
            var original = r.Snapshot is null ? new Dictionary<string, int>(StringComparer.Ordinal) : OriginalScores(r.Snapshot);
            return new StoredReview(r.Id, seekerId, review, r.Snapshot, original);
        })];
    }

    private static QueuedSeeker ReadQueued(SqliteDataReader reader, DateTimeOffset now)
    {
        var enqueued = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2));
        var waiting = now - enqueued;
        return new QueuedSeeker(reader.GetString(0), enqueued, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
            waiting < TimeSpan.Zero ? TimeSpan.Zero : waiting, reader.GetString(1));
    }

    // synchronous=FULL (a review is never re-creatable), WAL and secure delete: the factory's settings.
    private SqliteConnection Open() => _database.Open();

    private static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static T? Scalar<T>(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }
}
