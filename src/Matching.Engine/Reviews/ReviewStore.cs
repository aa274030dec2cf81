using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Matching.Engine.Reviews;

/// <summary>
/// Advisers' reviews of seekers' diagnoses and strategies, in the application's SQLite file (own tables
/// <c>review_queue</c>, <c>reviews</c>, <c>review_advice</c>). Reviews are kept for good: they feed the ranking
/// model, so the store only appends, and a trigger refuses updates. The one deletion is the GDPR erasure of a
/// seeker (<see cref="EraseSeeker"/>). Thread-safe: each call uses its own pooled connection.
/// </summary>
public sealed class ReviewStore : IDisposable
{
    public const int MaxCommentLength = 2000;
    public const int MaxIdLength = 200;

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

    private readonly string _connectionString;
    private readonly TimeProvider _time;

    /// <param name="connectionStringOrPath">A SQLite connection string ("Data Source=coach.db") or a file path.</param>
    /// <param name="time">Clock for waiting times; the system clock by default.</param>
    public ReviewStore(string connectionStringOrPath, TimeProvider? time = null)
    {
        if (string.IsNullOrWhiteSpace(connectionStringOrPath))
        {
            throw new ArgumentException("connectionStringOrPath: a SQLite connection string or file path is required.", nameof(connectionStringOrPath));
        }
        _time = time ?? TimeProvider.System;
        var builder = connectionStringOrPath.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(connectionStringOrPath)
            : new SqliteConnectionStringBuilder { DataSource = connectionStringOrPath };
        builder.Mode = SqliteOpenMode.ReadWriteCreate;
        builder.Pooling = true;
        // Other components write the same file: wait for their transactions rather than fail with SQLITE_BUSY.
        builder.DefaultTimeout = 30;
        _connectionString = builder.ToString();
        using var connection = Open();
        // WAL lets advisers read the queue while a review is written; FULL sync because a review is never re-creatable.
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, Schema);
    }

    /// <summary>
    /// Puts a seeker's freshly computed diagnosis and strategy (JSON) in the review queue. A seeker already waiting
    /// keeps their place with the newer snapshot; a snapshot identical to the one waiting or last reviewed changes
    /// nothing. Returns whether the queue changed.
    /// </summary>
    public bool Enqueue(string seekerId, string snapshotJson, DateTimeOffset at)
    {
        var errors = new Errors();
        errors.Id("seekerId", seekerId);
        if (string.IsNullOrWhiteSpace(snapshotJson))
        {
            errors.Add("snapshotJson", "The diagnosis and strategy snapshot is required.");
        }
        else
        {
            try
            {
                using var _ = JsonDocument.Parse(snapshotJson);
            }
            catch (JsonException e)
            {
                errors.Add("snapshotJson", $"Not valid JSON: {e.Message}");
            }
        }
        errors.ThrowIfAny();

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
        var errors = new Errors();
        errors.Id("seekerId", seekerId);
        errors.ThrowIfAny();
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
        Validate(seekerId, review);

        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var snapshot = Scalar<string>(connection, transaction, "SELECT snapshot_json FROM review_queue WHERE seeker_id = $s", ("$s", seekerId))
            ?? Scalar<string>(connection, transaction, "SELECT snapshot_json FROM reviews WHERE seeker_id = $s ORDER BY id DESC LIMIT 1", ("$s", seekerId));
        var original = snapshot is null ? new Dictionary<string, int>(StringComparer.Ordinal) : OriginalScores(snapshot);

        var id = Scalar<long>(connection, transaction, """
            INSERT INTO reviews(seeker_id, reviewer_id, reviewed_at, grade, comment, diagnosis_comment, snapshot_json)
            VALUES ($s, $r, $t, $g, $c, $d, $j) RETURNING id
            """,
            ("$s", seekerId), ("$r", review.ReviewerId), ("$t", review.At.ToUnixTimeMilliseconds()), ("$g", GradeName(review.Grade!.Value)),
            ("$c", review.Comment), ("$d", review.DiagnosisComment), ("$j", snapshot));
        foreach (var advice in review.AdviceReviews)
        {
            Execute(connection, transaction, """
                INSERT INTO review_advice(review_id, module_id, original_score, new_score, comment) VALUES ($id, $m, $o, $n, $c)
                """,
                ("$id", id), ("$m", advice.ModuleId), ("$o", original.TryGetValue(advice.ModuleId, out var o) ? o : null), ("$n", advice.NewScore), ("$c", advice.Comment));
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

    /// <summary>The latest review's advice scores beside the scores the engine had given, in module order.</summary>
    public IReadOnlyList<AdviceChange> Changes(string seekerId)
    {
        var errors = new Errors();
        errors.Id("seekerId", seekerId);
        errors.ThrowIfAny();
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
        var errors = new Errors();
        errors.Id("seekerId", seekerId);
        errors.ThrowIfAny();
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

    /// <summary>
    /// All reviews as CSV (RFC 4180: comma separated, CRLF line ends, fields with a comma, quote or line break quoted,
    /// quotes doubled), one row per advice review; a review without advice reviews gets one row with empty advice
    /// columns, so every review appears. Ordered by review id then module id. Times are UTC ISO 8601.
    /// </summary>
    public void ExportCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var connection = Open();
        using var command = Command(connection, null, """
            SELECT r.id, r.seeker_id, r.reviewer_id, r.reviewed_at, r.grade, r.comment, r.diagnosis_comment,
                   a.module_id, a.original_score, a.new_score, a.comment
            FROM reviews r LEFT JOIN review_advice a ON a.review_id = r.id
            ORDER BY r.id, a.module_id
            """);
        using var reader = command.ExecuteReader();
        WriteRow(writer, ["review_id", "seeker_id", "reviewer_id", "reviewed_at", "grade", "comment", "diagnosis_comment",
            "module_id", "original_score", "new_score", "advice_comment"]);
        var fields = new string?[11];
        while (reader.Read())
        {
            fields[0] = reader.GetInt64(0).ToString(CultureInfo.InvariantCulture);
            fields[1] = reader.GetString(1);
            fields[2] = reader.GetString(2);
            fields[3] = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            fields[4] = reader.GetString(4);
            for (var i = 5; i < fields.Length; i++)
            {
                fields[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
            }
            WriteRow(writer, fields);
        }
    }

    /// <summary>Returns the pooled connections, so the file can be moved or reopened.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
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

    private static void Validate(string seekerId, Review review)
    {
        var errors = new Errors();
        errors.Id("seekerId", seekerId);
        errors.Id("reviewerId", review.ReviewerId);
        if (review.Grade is not { } grade)
        {
            errors.Add("grade", "The overall grade is required (excellent, goodEnough or bad).");
        }
        else if (!Enum.IsDefined(grade))
        {
            errors.Add("grade", $"'{grade}' is not a grade (excellent, goodEnough or bad).");
        }
        errors.Comment("comment", review.Comment);
        errors.Comment("diagnosisComment", review.DiagnosisComment);
        if (review.AdviceReviews is null)
        {
            errors.Add("adviceReviews", "The list of advice reviews is required (it may be empty).");
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < review.AdviceReviews.Count; i++)
            {
                var advice = review.AdviceReviews[i];
                var field = $"adviceReviews[{i}]";
                if (advice is null)
                {
                    errors.Add(field, "An advice review is missing.");
                    continue;
                }
                errors.Id($"{field}.moduleId", advice.ModuleId);
                if (advice.ModuleId is { } module && !seen.Add(module))
                {
                    errors.Add($"{field}.moduleId", $"'{module}' is reviewed twice.");
                }
                if (advice.NewScore is < 0 or > 3)
                {
                    errors.Add($"{field}.newScore", $"{advice.NewScore} is out of range: 3 priority, 2 secondary, 1 to look at, 0 hide.");
                }
                errors.Comment($"{field}.comment", advice.Comment);
            }
        }
        var offers = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (review.OfferReviews?.Count ?? 0); i++)
        {
            var offer = review.OfferReviews![i];
            var field = $"offers[{i}]";
            if (offer is null)
            {
                errors.Add(field, "An offer review is missing.");
                continue;
            }
            errors.Id($"{field}.offerId", offer.OfferId);
            if (offer.OfferId is { } id && !offers.Add(id))
            {
                errors.Add($"{field}.offerId", $"'{id}' is graded twice.");
            }
            if (offer.Grade is < 0 or > OfferReview.MaxGrade)
            {
                errors.Add($"{field}.grade", $"{offer.Grade} is out of range: 0 not for this seeker, 1 worth a look, 2 a good match.");
            }
            errors.Comment($"{field}.comment", offer.Comment);
        }
        errors.ThrowIfAny();
    }

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
        var reviews = new List<(long Id, string Reviewer, long At, string Grade, string? Comment, string? Diagnosis, string? Snapshot)>();
        using (var command = Command(connection, null, """
            SELECT id, reviewer_id, reviewed_at, grade, comment, diagnosis_comment, snapshot_json FROM reviews WHERE seeker_id = $s ORDER BY id
            """, ("$s", seekerId)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                reviews.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
            }
        }

        var advice = new Dictionary<long, (List<AdviceReview> Reviews, Dictionary<string, int> Original)>();
        using (var command = Command(connection, null, """
            SELECT a.review_id, a.module_id, a.original_score, a.new_score, a.comment
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
                entry.Reviews.Add(new AdviceReview(reader.GetString(1), reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
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
                offers.TryGetValue(r.Id, out var graded) ? graded : []);
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

    private static void WriteRow(TextWriter writer, IReadOnlyList<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }
            var field = fields[i] ?? "";
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                writer.Write('"');
                writer.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
                writer.Write('"');
            }
            else
            {
                writer.Write(field);
            }
        }
        writer.Write("\r\n");
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // synchronous is a per-connection setting, not stored in the file like journal_mode.
        Execute(connection, "PRAGMA synchronous=FULL;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

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

    /// <summary>Per-field validation errors, thrown together.</summary>
    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

        public void Add(string field, string message)
        {
            if (!_errors.TryGetValue(field, out var list))
            {
                _errors[field] = list = [];
            }
            list.Add(message);
        }

        public void Id(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Add(field, "Required.");
            }
            else if (value.Length > MaxIdLength)
            {
                Add(field, $"At most {MaxIdLength} characters ({value.Length} given).");
            }
        }

        public void Comment(string field, string? value)
        {
            if (value is { Length: > MaxCommentLength })
            {
                Add(field, $"At most {MaxCommentLength} characters ({value.Length} given).");
            }
        }

        public void ThrowIfAny()
        {
            if (_errors.Count > 0)
            {
                throw new ReviewValidationException(_errors.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal));
            }
        }
    }
}
