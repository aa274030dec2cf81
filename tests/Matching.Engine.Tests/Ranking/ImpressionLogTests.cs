using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Matching.Engine.Privacy;
using Matching.Engine.Ranking;
using Matching.Engine.Reviews;
using Microsoft.Extensions.Logging;

namespace Matching.Engine.Tests.Ranking;

public sealed class ImpressionLogTests : IDisposable
{
    private static readonly DateTimeOffset s_t0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"coach-impressions-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static Impression Shown(string seeker, string offer, int rank) =>
        new(seeker, offer, rank, rank, 0.5, new float[PairFeatures.Count]);

    [Fact]
    public async Task A_seekers_export_lists_where_they_were_shown_without_the_viewers_id_and_erasure_removes_them_as_seeker_and_as_viewer()
    {
        using var log = new ImpressionLog(_path);
        log.Record(Surfaces.SeekerMatches, "seeker-1", "seeker", [Shown("seeker-1", "offer-a", 1), Shown("seeker-1", "offer-b", 2)], s_t0);
        log.Record(Surfaces.OfferCandidates, "recruiter-9", "recruiter", [Shown("seeker-1", "offer-r", 1), Shown("seeker-2", "offer-r", 2)], s_t0);

        var export = new JsonObject();
        await log.ExportAsync(new DataSubject("seeker-1", DataSubjectKind.Seeker), export);
        var rows = export["impressions"]!.AsArray();
        Assert.Equal(3, rows.Count);
        Assert.DoesNotContain("recruiter-9", export.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(rows, r => (string?)r!["viewerRole"] == "recruiter" && (string?)r["offerId"] == "offer-r");

        var recruiterExport = new JsonObject();
        await log.ExportAsync(new DataSubject("recruiter-9", DataSubjectKind.Recruiter), recruiterExport);
        Assert.Equal(2, recruiterExport["impressions"]!.AsArray().Count);

        await log.EraseAsync(new DataSubject("seeker-1", DataSubjectKind.Seeker));
        Assert.Empty(log.OfSeeker("seeker-1"));
        Assert.Single(log.All());

        await log.EraseAsync(new DataSubject("recruiter-9", DataSubjectKind.Recruiter));
        Assert.Equal(0, log.Count());
    }

    /// <summary>Rows in the file itself, read on a connection of the test's own (not through the log, which writes its queue first).</summary>
    private long RowsOnDisk()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM ranking_impressions";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task Recording_does_not_wait_for_the_disk_and_the_background_writer_commits_the_queue_within_its_delay()
    {
        using var log = new ImpressionLog(_path);
        for (var i = 0; i < 200; i++)
        {
            log.Record(Surfaces.SeekerMatches, $"s{i}", "seeker", [Shown($"s{i}", "o1", 1), Shown($"s{i}", "o2", 2)], s_t0);
        }
        // Nothing is waited for: the writer commits the lists that queued up together, shortly after.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (RowsOnDisk() < 400 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.Equal(400, RowsOnDisk());
        Assert.Equal(0, log.Dropped);
        Assert.Null(log.LastWriteError);
    }

    [Fact]
    public async Task Reads_and_erasures_see_every_list_recorded_before_them_and_disposing_writes_the_rest()
    {
        using (var log = new ImpressionLog(_path))
        {
            log.Record(Surfaces.SeekerMatches, "s1", "seeker", [Shown("s1", "o1", 1)], s_t0);
            Assert.Single(log.OfSeeker("s1"));
            log.Record(Surfaces.SeekerMatches, "s1", "seeker", [Shown("s1", "o2", 1)], s_t0);
            await log.EraseAsync(new DataSubject("s1", DataSubjectKind.Seeker));
            Assert.Equal(0, log.Count());
            log.Record(Surfaces.SeekerMatches, "s2", "seeker", [Shown("s2", "o1", 1), Shown("s2", "o3", 2)], s_t0);
        }
        Assert.Equal(2, RowsOnDisk());
        using var reopened = new ImpressionLog(_path);
        Assert.Equal(["o1", "o3"], reopened.OfSeeker("s2").Select(r => r.OfferId));
    }

    [Fact]
    public void Each_impression_reads_back_as_it_was_recorded_in_the_order_shown()
    {
        using var log = new ImpressionLog(_path);
        var random = new Random(5);
        Impression Pair(string seeker, int rank) => new(seeker, $"offer \"{rank}\" é", rank, 21 - rank, random.NextDouble() * random.NextDouble(),
            [.. Enumerable.Range(0, PairFeatures.Count).Select(_ => (float)(random.NextDouble() * 100 - 50))]);
        var first = Enumerable.Range(1, 20).Select(r => Pair("s1", r)).ToList();
        var second = Enumerable.Range(1, 3).Select(r => Pair("s2", r)).ToList();
        log.Record(Surfaces.SeekerMatches, "adviser-1", "adviser", first, s_t0);
        log.Record(Surfaces.OfferCandidates, "recruiter-1", "recruiter", second, s_t0.AddMinutes(1));

        var stored = log.All();

        Assert.Equal(first.Concat(second).Select(i => (i.SeekerId, i.OfferId, i.Rank, i.ScorerRank, i.Score)),
            stored.Select(i => (i.SeekerId, i.OfferId, i.Rank, i.ScorerRank, i.Score)));
        Assert.Equal(first.Concat(second).Select(i => i.Features), stored.Select(i => i.Features));
        Assert.Equal([.. Enumerable.Repeat(("adviser-1", "adviser", Surfaces.SeekerMatches, s_t0), 20), .. Enumerable.Repeat(("recruiter-1", "recruiter", Surfaces.OfferCandidates, s_t0.AddMinutes(1)), 3)],
            stored.Select(i => (i.ViewerId, i.ViewerRole, i.Surface, i.ShownAt)));
        Assert.All(stored, i => Assert.Equal(PairFeatures.Version, i.FeatureVersion));
        Assert.True(stored.Zip(stored.Skip(1)).All(p => p.First.Id < p.Second.Id));
    }

    [Fact]
    public void Offer_grades_and_contact_requests_label_the_shown_pairs_and_groups_with_one_label_are_dropped()
    {
        using var log = new ImpressionLog(_path);
        using var reviews = new ReviewStore(_path);
        var contacts = new ContactRequests(new PrivacyDatabase(_path), TimeProvider.System);
        log.Record(Surfaces.SeekerMatches, "adviser-1", "adviser", [Shown("s1", "o1", 1), Shown("s1", "o2", 2), Shown("s1", "o3", 3)], s_t0);
        log.Record(Surfaces.SeekerMatches, "s2", "seeker", [Shown("s2", "o1", 1), Shown("s2", "o2", 2)], s_t0);
        reviews.Submit("s1", new Review(ReviewGrade.GoodEnough, null, null, [], "adviser-1", s_t0, [new OfferReview("o2", 2), new OfferReview("o1", 0)]));
        var request = contacts.Create("recruiter-1", "s1", "cand-1", "o3", "Hello");
        contacts.Answer("s1", request.Id, accept: true);
        contacts.Create("recruiter-1", "s1", "cand-1", "o-never-shown", "Hello");

        var (groups, summary) = RankingDataset.Build(log.All(), reviews.OfferGrades(), contacts.All());

        var group = Assert.Single(groups);
        Assert.Equal("seeker:s1", group.Id);
        Assert.Equal(new[] { 0, 2, RankingDataset.AcceptedContact }, group.Examples.Select(e => e.Label));
        Assert.Equal(1, summary.FlatGroups);
        Assert.Equal(1, summary.UnshownLabels);
    }

    [Fact]
    public void An_offer_grade_out_of_range_names_the_field()
    {
        using var reviews = new ReviewStore(_path);
        var e = Assert.Throws<ReviewValidationException>(() =>
            reviews.Submit("s1", new Review(ReviewGrade.GoodEnough, null, null, [], "adviser-1", s_t0, [new OfferReview("o1", 5)])));
        Assert.Contains("offers[0].grade", e.Errors.Keys);
    }

    [Fact]
    public void Lists_dropped_when_the_queue_is_full_are_counted_in_the_meter_and_on_the_log_and_warned_of_at_most_once_a_minute()
    {
        var clock = new ManualClock(s_t0);
        var logger = new WarningLogger();
        using var meters = new TestMeters();
        using var log = new ImpressionLog(_path, logger, meters, clock, maxQueued: 3);
        var measured = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (meters.Created.Contains(instrument.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (measured)
            {
                measured[instrument.Name] = measured.GetValueOrDefault(instrument.Name) + value;
            }
        });
        listener.Start();

        // Far more lists than the queue holds, faster than the writer wakes (it waits WriteDelay for more).
        for (var i = 0; i < 1_000; i++)
        {
            log.Record(Surfaces.SeekerMatches, $"s{i}", "seeker", [Shown($"s{i}", "o1", 1), Shown($"s{i}", "o2", 2)], s_t0);
        }
        log.Flush();
        log.WarnOfDrops();

        Assert.True(log.Dropped > 0);
        Assert.Equal(2 * log.Dropped, log.DroppedImpressions);
        // Nothing lost unsaid: every row recorded is either in the store or counted as dropped, in the meter too.
        Assert.Equal(2_000, RowsOnDisk() + log.DroppedImpressions);
        Assert.Equal(log.DroppedImpressions, measured["coach.impressions.dropped"]);
        Assert.Equal(RowsOnDisk(), measured["coach.impressions.written"]);
        var first = Assert.Single(logger.Warnings);
        Assert.Contains("dropped unwritten", first.Message, StringComparison.Ordinal);

        // More drops within the minute: no second warning yet; the next one, a minute later, counts them.
        var warned = log.Dropped;
        for (var i = 0; i < 1_000; i++)
        {
            log.Record(Surfaces.SeekerMatches, $"t{i}", "seeker", [Shown($"t{i}", "o1", 1)], s_t0);
        }
        log.Flush();
        log.WarnOfDrops();
        Assert.Single(logger.Warnings);
        Assert.True(log.Dropped > warned);

        clock.Now += ImpressionLog.WarningInterval;
        log.WarnOfDrops();
        Assert.Equal(2, logger.Warnings.Count);
        Assert.Equal(log.Dropped, logger.Warnings.Sum(w => (long)w.Lists));
    }

    [Fact]
    public void A_log_that_keeps_up_drops_nothing_and_warns_of_nothing()
    {
        var logger = new WarningLogger();
        using (var log = new ImpressionLog(_path, logger))
        {
            for (var i = 0; i < 100; i++)
            {
                log.Record(Surfaces.SeekerMatches, $"s{i}", "seeker", [Shown($"s{i}", "o1", 1)], s_t0);
            }
            log.Flush();
            Assert.Equal(0, log.DroppedImpressions);
        }
        Assert.Equal(100, RowsOnDisk());
        Assert.Empty(logger.Warnings);
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class TestMeters : IMeterFactory
    {
        public List<Meter> Created { get; } = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            Created.Add(meter);
            return meter;
        }

        public void Dispose() => Created.ForEach(m => m.Dispose());
    }

    private sealed record Warning(string Message, int Lists);

    private sealed class WarningLogger : ILogger<ImpressionLog>
    {
        private readonly List<Warning> _warnings = [];

        public List<Warning> Warnings
        {
            get
            {
                lock (_warnings)
                {
                    return [.. _warnings];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel != LogLevel.Warning)
            {
                return;
            }
            var lists = state is IReadOnlyList<KeyValuePair<string, object?>> values ? Convert.ToInt32(values.First(v => v.Key == "Lists").Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
            lock (_warnings)
            {
                _warnings.Add(new Warning(formatter(state, exception), lists));
            }
        }
    }
}
