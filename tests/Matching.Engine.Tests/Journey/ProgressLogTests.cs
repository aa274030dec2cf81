using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Progress;

namespace Matching.Engine.Tests.Journey;

/// <summary>The progress log read as the questionnaire's figures, per week, and since a review.</summary>
public sealed class ProgressLogTests
{
    private static readonly DateOnly Today = new(2025, 3, 19); // a Wednesday

    private static ProgressEntry Entry(DateOnly day, int applications = 0, int interviews = 0, int offers = 0, int minutesAgo = 60) =>
        new(0, day, applications, interviews, offers, null, "s", new DateTimeOffset(2025, 3, 19, 12, 0, 0, TimeSpan.Zero).AddMinutes(-minutesAgo));

    [Fact]
    public void The_log_adds_to_the_questionnaires_counts_and_gives_applications_per_week_from_the_last_four_weeks()
    {
        var profile = new SeekerProfile { Id = "s", ApplicationsSoFar = 25, InterviewsSoFar = 1, SearchStarted = true, SearchStartDate = new(2024, 11, 1) };
        ProgressEntry[] entries =
        [
            Entry(new(2025, 1, 6), applications: 40), // older than four weeks: counts in the total only
            Entry(new(2025, 3, 3), applications: 6, interviews: 1),
            Entry(new(2025, 3, 18), applications: 2, interviews: 2, offers: 1),
        ];

        var read = ProgressLog.Apply(profile, entries, Today);

        Assert.Equal(73, read.ApplicationsSoFar);
        Assert.Equal(4, read.InterviewsSoFar);
        Assert.Equal(1, read.OffersReceived);
        Assert.Equal(2.0, read.ApplicationsPerWeek); // 8 in the 4 weeks from Monday 24 Feb
        Assert.Equal(new DateOnly(2024, 11, 1), read.SearchStartDate);
    }

    [Fact]
    public void Without_a_log_the_questionnaire_is_unchanged_and_a_first_application_starts_the_search()
    {
        var profile = new SeekerProfile { Id = "s", ApplicationsSoFar = 3, SearchStarted = false };
        Assert.Same(profile, ProgressLog.Apply(profile, [], Today));

        var started = ProgressLog.Apply(profile, [Entry(new(2025, 3, 17), applications: 1)], Today);
        Assert.True(started.SearchStarted);
        Assert.Equal(new DateOnly(2025, 3, 17), started.SearchStartDate);
        Assert.Equal(1.0, started.ApplicationsPerWeek); // the log is one week old
    }

    [Fact]
    public void Weeks_run_from_the_first_logged_to_this_one_with_the_empty_weeks_and_since_counts_what_was_written_after()
    {
        ProgressEntry[] entries = [Entry(new(2025, 3, 4), applications: 2, minutesAgo: 600), Entry(new(2025, 3, 5), interviews: 1, minutesAgo: 5)];

        var weeks = ProgressLog.Weeks(entries, Today);

        Assert.Equal([new(2025, 3, 3), new(2025, 3, 10), new(2025, 3, 17)], weeks.Select(w => w.Week));
        Assert.Equal([2, 0, 0], weeks.Select(w => w.Applications));
        Assert.Equal(new ProgressCounts(0, 1, 0), ProgressLog.Since(entries, new DateTimeOffset(2025, 3, 19, 11, 0, 0, TimeSpan.Zero)));
    }
}
