using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Journey;
using Matching.Engine.Privacy;
using Matching.Engine.Storage;

namespace Matching.Engine.Progress;

/// <summary>One line of a seeker's log: what happened on a day (a quick entry) or in a week (a count per week, dated its Monday).</summary>
public sealed record ProgressEntry(long Id, DateOnly Day, int Applications, int Interviews, int Offers, string? Note, string LoggedBy, DateTimeOffset At);

/// <summary>The log summed per week (weeks start on Monday).</summary>
public sealed record ProgressWeek(DateOnly Week, int Applications, int Interviews, int Offers);

/// <summary>What the log adds up to, and what the diagnosis reads from it.</summary>
/// <param name="Before">The figures the questionnaire gave: what happened before the seeker started logging.</param>
/// <param name="Logged">The sums of the log.</param>
/// <param name="ApplicationsPerWeek">Logged applications per week over the last four weeks (fewer when the log is younger); null without a log.</param>
public sealed record ProgressFigures(ProgressCounts Before, ProgressCounts Logged, double? ApplicationsPerWeek, DateOnly? FirstDay)
{
    public ProgressCounts Total => new(Before.Applications + Logged.Applications, Before.Interviews + Logged.Interviews, Before.Offers + Logged.Offers);
}

public sealed record ProgressCounts(int Applications, int Interviews, int Offers)
{
    public static ProgressCounts Zero { get; } = new(0, 0, 0);
}

/// <summary>A seeker's progress as the seeker and their adviser see it.</summary>
/// <param name="SinceLastReview">What the log holds since the adviser's last review (null when the seeker was never reviewed).</param>
public sealed record ProgressSummary(
    IReadOnlyList<ProgressWeek> Weeks,
    IReadOnlyList<ProgressEntry> Recent,
    ProgressFigures Figures,
    ProgressCounts? SinceLastReview = null,
    DateTimeOffset? LastReviewAt = null);

/// <summary>
/// The progress log (applications, interviews, job offers received, per day), in the store's SQLite file. The
/// diagnosis reads it through the questionnaire's own figures (<see cref="WithLoggedFigures"/>), so no rule
/// changes: the questionnaire's counts are what happened before the log, the log adds to them, and the
/// applications per week come from the last four weeks of the log instead of a one-off estimate.
/// </summary>
public sealed class ProgressLog(JourneyDatabase database) : IPersonalData
{
    public const int RecentWeeks = 4;

    public string Name => "progress";

    public ProgressEntry Add(string seekerId, DateOnly day, int applications, int interviews, int offers, string? note, string loggedBy, DateTimeOffset at)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, """
            INSERT INTO progress_entries (seeker_id, day, applications, interviews, offers, note, logged_by, at)
            VALUES ($s, $d, $a, $i, $o, $n, $by, $at) RETURNING id;
            """,
            ("$s", seekerId), ("$d", Day(day)), ("$a", applications), ("$i", interviews), ("$o", offers), ("$n", note), ("$by", loggedBy), ("$at", Sql.Millis(at)));
        var id = (long)command.ExecuteScalar()!;
        return new ProgressEntry(id, day, applications, interviews, offers, note, loggedBy, at);
    }

    public bool Remove(string seekerId, long entryId)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection, "DELETE FROM progress_entries WHERE seeker_id = $s AND id = $id;", ("$s", seekerId), ("$id", entryId));
        return command.ExecuteNonQuery() > 0;
    }

    /// <summary>Every entry of the seeker, oldest day first.</summary>
    public IReadOnlyList<ProgressEntry> Entries(string seekerId)
    {
        using var connection = database.Open();
        using var command = Sql.Command(connection,
            "SELECT id, day, applications, interviews, offers, note, logged_by, at FROM progress_entries WHERE seeker_id = $s ORDER BY day, id;", ("$s", seekerId));
        using var reader = command.ExecuteReader();
        var entries = new List<ProgressEntry>();
        while (reader.Read())
        {
            entries.Add(new ProgressEntry(reader.GetInt64(0), DateOnly.ParseExact(reader.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), Sql.NullableString(reader, 5), reader.GetString(6),
                Sql.Time(reader.GetInt64(7))));
        }
        return entries;
    }

    /// <summary>The log per week, from the first logged week to <paramref name="today"/>'s (empty weeks included, so a curve shows the gaps).</summary>
    public static IReadOnlyList<ProgressWeek> Weeks(IReadOnlyList<ProgressEntry> entries, DateOnly today)
    {
        if (entries.Count == 0)
        {
            return [];
        }
        var sums = entries.GroupBy(e => MondayOf(e.Day)).ToDictionary(g => g.Key, g => (g.Sum(e => e.Applications), g.Sum(e => e.Interviews), g.Sum(e => e.Offers)));
        var first = sums.Keys.Min();
        var last = new[] { sums.Keys.Max(), MondayOf(today) }.Max();
        var weeks = new List<ProgressWeek>();
        for (var week = first; week <= last; week = week.AddDays(7))
        {
            var (a, i, o) = sums.GetValueOrDefault(week);
            weeks.Add(new ProgressWeek(week, a, i, o));
        }
        return weeks;
    }

    public static ProgressFigures Figures(SeekerProfile profile, IReadOnlyList<ProgressEntry> entries, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var before = new ProgressCounts(profile.ApplicationsSoFar ?? 0, profile.InterviewsSoFar ?? 0, profile.OffersReceived ?? 0);
        if (entries.Count == 0)
        {
            return new ProgressFigures(before, ProgressCounts.Zero, null, null);
        }
        var logged = new ProgressCounts(entries.Sum(e => e.Applications), entries.Sum(e => e.Interviews), entries.Sum(e => e.Offers));
        var firstDay = entries.Min(e => e.Day);
        // The last four whole weeks up to today, or fewer when the log started later (at least one).
        var thisWeek = MondayOf(today);
        var from = thisWeek.AddDays(-7 * (RecentWeeks - 1));
        var firstWeek = MondayOf(firstDay);
        if (firstWeek > from)
        {
            from = firstWeek;
        }
        var weeks = Math.Max(1, ((thisWeek.DayNumber - from.DayNumber) / 7) + 1);
        var recent = entries.Where(e => e.Day >= from && e.Day <= today).Sum(e => e.Applications);
        return new ProgressFigures(before, logged, Math.Round(recent / (double)weeks, 1), firstDay);
    }

    /// <summary>
    /// The questionnaire with the log's figures: applications, interviews and offers so far (the questionnaire's
    /// counts plus the log's), applications per week from the log, and a search that has started on the first
    /// logged day when the questionnaire did not say. Unchanged when the seeker logged nothing.
    /// </summary>
    public SeekerProfile WithLoggedFigures(SeekerProfile profile, DateOnly today) => Apply(profile, Entries(profile.Id), today);

    public static SeekerProfile Apply(SeekerProfile profile, IReadOnlyList<ProgressEntry> entries, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (entries.Count == 0)
        {
            return profile;
        }
        var figures = Figures(profile, entries, today);
        var total = figures.Total;
        var started = profile.SearchStarted == true || figures.Logged.Applications > 0;
        return profile with
        {
            ApplicationsSoFar = total.Applications,
            InterviewsSoFar = total.Interviews,
            OffersReceived = total.Offers,
            ApplicationsPerWeek = figures.ApplicationsPerWeek,
            SearchStarted = started ? true : profile.SearchStarted,
            SearchStartDate = started ? profile.SearchStartDate ?? figures.FirstDay : profile.SearchStartDate,
        };
    }

    /// <summary>The sums of the entries logged (written) after <paramref name="since"/>.</summary>
    public static ProgressCounts Since(IReadOnlyList<ProgressEntry> entries, DateTimeOffset since)
    {
        var after = entries.Where(e => e.At > since).ToList();
        return new ProgressCounts(after.Sum(e => e.Applications), after.Sum(e => e.Interviews), after.Sum(e => e.Offers));
    }

    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public Task ExportAsync(DataSubject subject, JsonObject into, CancellationToken cancellationToken = default)
    {
        if (subject.Kind == DataSubjectKind.Seeker)
        {
            into[Name] = JsonSerializer.SerializeToNode(Entries(subject.Id), PrivacyJson.Options);
        }
        return Task.CompletedTask;
    }

    public Task EraseAsync(DataSubject subject, CancellationToken cancellationToken = default)
    {
        if (subject.Kind == DataSubjectKind.Seeker)
        {
            using var connection = database.Open();
            Sql.Execute(connection, "DELETE FROM progress_entries WHERE seeker_id = $s;", ("$s", subject.Id));
        }
        return Task.CompletedTask;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
