using Matching.Engine.Reviews;

namespace Matching.Engine.Tests.Reviews;

public sealed class ReviewStoreTests : IDisposable
{
    private static readonly DateTimeOffset s_t0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"coach-reviews-{Guid.NewGuid():N}.db");
    private readonly FixedClock _clock = new(s_t0.AddHours(5));

    private const string Snapshot = """
        {"diagnosis":{"main":"stuck-market"},
         "advice":[{"moduleId":"commute","score":3},{"moduleId":"network","score":2},{"moduleId":"volunteer","score":1}],
         "strategies":[{"id":"move","advice":[{"moduleId":"commute","score":3}]}]}
        """;

    public void Dispose()
    {
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private ReviewStore Open() => new(_path, _clock);

    private static Review AReview(params AdviceReview[] advice) =>
        new(ReviewGrade.GoodEnough, "Solid, commute first.", "Right main challenge.", advice, "adviser-7", s_t0.AddHours(6));

    [Fact]
    public void TheSeekerReadsOnlyTheWordsWrittenForHerOnAdviceStillShownAndAnOfferGradedZeroUntilGradedAgain()
    {
        using var store = Open();
        Assert.Null(store.WordsForSeeker("s1"));
        store.Enqueue("s1", Snapshot, s_t0);
        store.Submit("s1", AReview(
            new AdviceReview("commute", 3, "internal: push it", "Forum emploi santé à Lille Grand Palais le mois prochain."),
            new AdviceReview("network", 0, "internal: no network", "a word on a hidden advice"),
            new AdviceReview("volunteer", 1, "internal only")) with
        {
            SeekerMessage = "On en reparle jeudi.",
            OfferReviews = [new OfferReview("o1", 0, "internal: night shifts"), new OfferReview("o2", 2)],
        });
        store.Submit("s2", AReview(new AdviceReview("commute", 2)) with { OfferReviews = [new OfferReview("o2", 0)] });

        var words = store.WordsForSeeker("s1")!;
        Assert.Equal("On en reparle jeudi.", words.Message);
        Assert.Equal("Forum emploi santé à Lille Grand Palais le mois prochain.", Assert.Single(words.AdviceNotes).Value);
        Assert.Equal(s_t0.AddHours(6), words.At);
        // The history keeps both, for the adviser.
        var latest = store.Get("s1").Latest!.Review;
        Assert.Equal("On en reparle jeudi.", latest.SeekerMessage);
        Assert.Equal("internal: push it", latest.AdviceReviews.Single(a => a.ModuleId == "commute").Comment);
        // Another seeker's words and grades are not hers.
        Assert.Null(store.WordsForSeeker("s2")!.Message);
        Assert.Equal(["o1"], store.OffersNotFor("s1"));
        Assert.Equal(["o2"], store.OffersNotFor("s2"));

        // A later review grading the offer again brings it back; one that does not grade it leaves it out.
        store.Submit("s1", AReview(new AdviceReview("commute", 3)) with { OfferReviews = [new OfferReview("o3", 0)] });
        Assert.Equal(["o1", "o3"], store.OffersNotFor("s1").Order());
        Assert.Null(store.WordsForSeeker("s1")!.Message);
        store.Submit("s1", AReview(new AdviceReview("commute", 3)) with { OfferReviews = [new OfferReview("o1", 1)] });
        Assert.Equal(["o3"], store.OffersNotFor("s1"));
    }

    [Fact]
    public void AStoreOfVersionOneGainsTheSeekerWordsAndKeepsItsReviews()
    {
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE schema_versions(component TEXT PRIMARY KEY, version INTEGER NOT NULL, updated_at INTEGER NOT NULL);
                INSERT INTO schema_versions VALUES ('reviews', 1, 0);
                CREATE TABLE review_queue(seeker_id TEXT PRIMARY KEY, snapshot_json TEXT NOT NULL, enqueued_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
                CREATE TABLE reviews(id INTEGER PRIMARY KEY AUTOINCREMENT, seeker_id TEXT NOT NULL, reviewer_id TEXT NOT NULL, reviewed_at INTEGER NOT NULL,
                    grade TEXT NOT NULL, comment TEXT, diagnosis_comment TEXT, snapshot_json TEXT);
                CREATE TABLE review_advice(review_id INTEGER NOT NULL, module_id TEXT NOT NULL, original_score INTEGER, new_score INTEGER NOT NULL, comment TEXT,
                    PRIMARY KEY(review_id, module_id));
                CREATE TABLE review_offers(review_id INTEGER NOT NULL, offer_id TEXT NOT NULL, grade INTEGER NOT NULL, comment TEXT, PRIMARY KEY(review_id, offer_id));
                INSERT INTO reviews(seeker_id, reviewer_id, reviewed_at, grade, comment) VALUES ('s1', 'a1', 0, 'bad', 'an old internal comment');
                INSERT INTO review_advice VALUES (1, 'commute', 3, 2, 'an old advice comment');
                """;
            command.ExecuteNonQuery();
        }
        using var store = Open();
        var words = store.WordsForSeeker("s1")!;
        // An old review's comments were never written for the seeker: she reads none of them.
        Assert.Null(words.Message);
        Assert.Empty(words.AdviceNotes);
        Assert.Equal("an old internal comment", store.Get("s1").Latest!.Review.Comment);
    }

    [Fact]
    public void SeekerWordsAreCheckedForLength()
    {
        using var store = Open();
        var error = Assert.Throws<ReviewValidationException>(() => store.Submit("s1",
            AReview(new AdviceReview("commute", 1, null, new string('n', 2001))) with { SeekerMessage = new string('m', 2001) }));
        Assert.Contains("seekerMessage", error.Errors.Keys);
        Assert.Contains("adviceReviews[0].seekerNote", error.Errors.Keys);
    }

    [Fact]
    public void QueueListsOldestFirstWithWaitingTime()
    {
        using var store = Open();
        store.Enqueue("late", Snapshot, s_t0.AddHours(2));
        store.Enqueue("early", Snapshot, s_t0);
        store.Enqueue("middle", Snapshot, s_t0.AddHours(1));

        var queue = store.Queue(10);

        Assert.Equal(["early", "middle", "late"], queue.Select(q => q.SeekerId));
        Assert.Equal(TimeSpan.FromHours(5), queue[0].Waiting);
        Assert.Equal(TimeSpan.FromHours(3), queue[2].Waiting);
        Assert.Single(store.Queue(1));
    }

    [Fact]
    public void ChangedSnapshotKeepsThePlaceAndIdenticalOneChangesNothing()
    {
        using var store = Open();
        Assert.True(store.Enqueue("s1", Snapshot, s_t0));
        Assert.False(store.Enqueue("s1", Snapshot, s_t0.AddHours(1)));
        Assert.True(store.Enqueue("s1", Snapshot.Replace("\"score\":1", "\"score\":2", StringComparison.Ordinal), s_t0.AddHours(2)));

        var queued = Assert.Single(store.Queue());
        Assert.Equal(s_t0, queued.EnqueuedAt);
        Assert.Equal(s_t0.AddHours(2), queued.UpdatedAt);
        Assert.Contains("\"score\":2}", queued.SnapshotJson, StringComparison.Ordinal);
    }

    [Fact]
    public void SubmitStoresTheReviewAndDequeues()
    {
        using var store = Open();
        store.Enqueue("s1", Snapshot, s_t0);
        store.Enqueue("s2", Snapshot, s_t0.AddMinutes(1));

        var stored = store.Submit("s1", AReview(new AdviceReview("commute", 3), new AdviceReview("network", 0, "No network to speak of.")));

        Assert.Equal(["s2"], store.Queue().Select(q => q.SeekerId));
        var history = store.Get("s1");
        Assert.Null(history.Pending);
        var latest = Assert.Single(history.History);
        Assert.Equal(stored.Id, latest.Id);
        Assert.Equal(ReviewGrade.GoodEnough, latest.Review.Grade);
        Assert.Equal("Right main challenge.", latest.Review.DiagnosisComment);
        Assert.Equal("adviser-7", latest.Review.ReviewerId);
        Assert.Equal(s_t0.AddHours(6), latest.Review.At);
        Assert.Equal(Snapshot, latest.SnapshotJson);
        Assert.Equal(3, latest.OriginalScores["commute"]);
        Assert.Equal("No network to speak of.", latest.Review.AdviceReviews.Single(a => a.ModuleId == "network").Comment);
    }

    [Fact]
    public void ZeroScoreHidesAdviceAndOverridesApply()
    {
        using var store = Open();
        store.Enqueue("s1", Snapshot, s_t0);

        store.Submit("s1", AReview(new AdviceReview("commute", 2), new AdviceReview("network", 0), new AdviceReview("volunteer", 1)));

        Assert.Equal(["network"], store.HiddenAdvice("s1"));
        Assert.Equal(new Dictionary<string, int> { ["commute"] = 2, ["network"] = 0, ["volunteer"] = 1 }, store.ScoreOverrides("s1"));
        Assert.Empty(store.HiddenAdvice("never-reviewed"));
    }

    [Fact]
    public void LatestReviewWinsAndHistoryIsKept()
    {
        using var store = Open();
        store.Enqueue("s1", Snapshot, s_t0);
        store.Submit("s1", AReview(new AdviceReview("network", 0)));
        store.Submit("s1", AReview(new AdviceReview("network", 2)) with { Grade = ReviewGrade.Excellent });

        Assert.Empty(store.HiddenAdvice("s1"));
        var history = store.Get("s1").History;
        Assert.Equal(2, history.Count);
        Assert.Equal(ReviewGrade.GoodEnough, history[0].Review.Grade);
        Assert.Equal(ReviewGrade.Excellent, history[1].Review.Grade);
    }

    [Fact]
    public void ChangesCompareTheEngineScoresWithTheAdvisers()
    {
        using var store = Open();
        store.Enqueue("s1", Snapshot, s_t0);
        store.Submit("s1", AReview(new AdviceReview("commute", 3), new AdviceReview("network", 0), new AdviceReview("train-missing-skills", 2)));

        var changes = store.Changes("s1");

        Assert.Equal(["commute", "network", "train-missing-skills"], changes.Select(c => c.ModuleId));
        Assert.False(changes[0].Changed);
        Assert.Equal((2, 0), (changes[1].OriginalScore!.Value, changes[1].NewScore));
        Assert.True(changes[1].Hidden);
        Assert.Null(changes[2].OriginalScore);
        Assert.True(changes[2].Changed);
    }

    [Fact]
    public void SurvivesARestart()
    {
        using (var store = Open())
        {
            store.Enqueue("s1", Snapshot, s_t0);
            store.Enqueue("s2", Snapshot, s_t0.AddMinutes(5));
            store.Submit("s1", AReview(new AdviceReview("network", 0)));
        }

        using var reopened = Open();

        Assert.Equal(["s2"], reopened.Queue().Select(q => q.SeekerId));
        Assert.Equal(["network"], reopened.HiddenAdvice("s1"));
        Assert.Single(reopened.Get("s1").History);
    }

    [Fact]
    public void ReviewsCannotBeRewritten()
    {
        using (var store = Open())
        {
            store.Submit("s1", AReview(new AdviceReview("network", 0)));
        }

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE reviews SET grade = 'excellent'";

        var error = Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => command.ExecuteNonQuery());
        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ErasureRemovesEverythingOfTheSeekerOnly()
    {
        using var store = Open();
        store.Enqueue("s1", Snapshot, s_t0);
        store.Submit("s1", AReview(new AdviceReview("network", 0)));
        store.Enqueue("s1", Snapshot.Replace("network", "events", StringComparison.Ordinal), s_t0.AddDays(1));
        store.Submit("s2", AReview(new AdviceReview("commute", 1)));

        Assert.Equal(1, store.EraseSeeker("s1"));

        var s1 = store.Get("s1");
        Assert.Null(s1.Pending);
        Assert.Empty(s1.History);
        Assert.Empty(store.ScoreOverrides("s1"));
        Assert.Single(store.Get("s2").History);
        var csv = Export(store);
        Assert.DoesNotContain("s1", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportsOneQuotedRowPerAdviceReview()
    {
        using var store = Open();
        store.Enqueue("s1", Snapshot, s_t0);
        store.Submit("s1", AReview(new AdviceReview("commute", 3, "Lyon, \"Part-Dieu\"\nby train"), new AdviceReview("network", 0)));
        store.Submit("s2", AReview() with { Grade = ReviewGrade.Bad, Comment = null });

        var csv = Export(store);

        var lines = csv.Split("\r\n");
        Assert.Equal("review_id,seeker_id,reviewer_id,reviewed_at,grade,comment,diagnosis_comment,module_id,original_score,new_score,advice_comment", lines[0]);
        Assert.Contains("1,s1,adviser-7,2026-11-02T15:00:00.000Z,goodEnough,\"Solid, commute first.\",Right main challenge.,commute,3,3,\"Lyon, \"\"Part-Dieu\"\"\nby train\"\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("\r\n1,s1,adviser-7,2026-11-02T15:00:00.000Z,goodEnough,\"Solid, commute first.\",Right main challenge.,network,2,0,\r\n", csv, StringComparison.Ordinal);
        Assert.EndsWith("\r\n2,s2,adviser-7,2026-11-02T15:00:00.000Z,bad,,Right main challenge.,,,,\r\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidReviewReportsEveryField()
    {
        using var store = Open();
        var review = new Review(
            null,
            new string('x', 2001),
            null,
            [new AdviceReview("commute", 4), new AdviceReview("", 1), new AdviceReview("network", -1, new string('y', 2001))],
            "",
            s_t0);

        var error = Assert.Throws<ReviewValidationException>(() => store.Submit("s1", review));

        Assert.Equal(
            ["adviceReviews[0].newScore", "adviceReviews[1].moduleId", "adviceReviews[2].comment", "adviceReviews[2].newScore", "comment", "grade", "reviewerId"],
            error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(store.Get("s1").History);
    }

    [Fact]
    public void AdviceReviewedTwiceIsAnError()
    {
        using var store = Open();

        var error = Assert.Throws<ReviewValidationException>(() => store.Submit("s1", AReview(new AdviceReview("commute", 1), new AdviceReview("commute", 2))));

        Assert.Contains("adviceReviews[1].moduleId", error.Errors.Keys);
    }

    [Fact]
    public void EnqueueRejectsMissingSeekerAndInvalidJson()
    {
        using var store = Open();

        var error = Assert.Throws<ReviewValidationException>(() => store.Enqueue(" ", "{not json", s_t0));

        Assert.Equal(["seekerId", "snapshotJson"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AlreadyReviewedSnapshotDoesNotReenterTheQueue()
    {
        using var store = Open();
        store.Enqueue("s1", Snapshot, s_t0);
        store.Submit("s1", AReview(new AdviceReview("commute", 3)));

        Assert.False(store.Enqueue("s1", Snapshot, s_t0.AddDays(1)));
        Assert.True(store.Enqueue("s1", Snapshot.Replace("\"score\":3", "\"score\":2", StringComparison.Ordinal), s_t0.AddDays(1)));
    }

    private static string Export(ReviewStore store)
    {
        using var writer = new StringWriter();
        store.ExportCsv(writer);
        return writer.ToString();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
