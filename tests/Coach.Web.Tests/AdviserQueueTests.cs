using Matching.Engine.Reviews;
using QueuePage = Coach.Web.Advisers.ReviewQueue;

namespace Coach.Web.Tests;

/// <summary>The adviser's queue names every job a seeker named, compactly, as the case page lists them all.</summary>
public sealed class AdviserQueueTests
{
    private static QueueItem Item(params string[] jobs) =>
        new("s1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1, Target: jobs.FirstOrDefault(), Targets: jobs);

    [Fact]
    public void The_queue_names_every_job_of_a_scattered_project_not_the_first_only()
    {
        Assert.Equal("boulangère, infirmière, développeuse web", QueuePage.Jobs(Item("boulangère", "infirmière", "développeuse web")));
        Assert.Equal("aide soignante", QueuePage.Jobs(Item("aide soignante")));
    }

    [Fact]
    public void Past_three_jobs_the_row_says_how_many_more()
    {
        Assert.Equal("boulangère, infirmière, développeuse web +2", QueuePage.Jobs(Item("boulangère", "infirmière", "développeuse web", "cariste", "serveuse")));
    }

    [Fact]
    public void An_item_from_an_older_store_without_the_list_still_names_its_job()
    {
        Assert.Equal("serveuse", QueuePage.Jobs(new QueueItem("s1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1, Target: "serveuse")));
        Assert.Null(QueuePage.Jobs(new QueueItem("s1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1)));
    }
}
