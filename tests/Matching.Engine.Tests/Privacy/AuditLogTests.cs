using Matching.Engine.Privacy;

namespace Matching.Engine.Tests.Privacy;

public sealed class AuditLogTests : IDisposable
{
    private static readonly DateTimeOffset s_at = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly PrivacyStore _store = new();

    [Fact]
    public void A_seeker_reads_every_access_to_their_data_newest_first()
    {
        var log = _store.AuditLog;
        log.Record("adviser-1", "adviser", "read", "seeker-1", "profile", "monthly follow-up", s_at);
        log.Record("recruiter-1", "recruiter", "read", "seeker-2", "profile", "candidate search", s_at);
        log.Record("adviser-1", "adviser", "review", "seeker-1", "review:7", "review queue", s_at.AddMinutes(5));

        var entries = log.ForSeeker("seeker-1");

        Assert.Equal(2, entries.Count);
        Assert.Equal("review", entries[0].Action);
        Assert.Equal("review:7", entries[0].Resource);
        Assert.Equal(s_at.AddMinutes(5), entries[0].At);
        Assert.Equal(("adviser-1", "adviser", "read", "monthly follow-up"), (entries[1].ActorId, entries[1].ActorRole, entries[1].Action, entries[1].Reason));
        Assert.All(entries, e => Assert.Equal("seeker-1", e.SubjectSeekerId));
    }

    [Fact]
    public void The_whole_log_pages_with_a_cursor_without_gaps_or_repeats()
    {
        for (var i = 0; i < 7; i++)
        {
            _store.AuditLog.Record("admin", "admin", "read", $"seeker-{i}", "profile", null, s_at.AddSeconds(i));
        }

        var seen = new List<string?>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = _store.AuditLog.All(3, cursor);
            seen.AddRange(page.Entries.Select(e => e.SubjectSeekerId));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Reverse().Select(i => $"seeker-{i}"), seen);
    }

    [Fact]
    public void Erasing_a_seeker_leaves_one_anonymous_line()
    {
        var log = _store.AuditLog;
        log.Record("adviser-1", "adviser", "read", "seeker-1", "profile", "follow-up", s_at);
        log.Record("seeker-1", "seeker", "accept contact", "seeker-1", "contact-request:1", null, s_at);
        log.Record("adviser-1", "adviser", "read", "seeker-2", "profile", "follow-up", s_at);

        var erasureId = log.EraseSeeker("seeker-1", s_at.AddHours(1));

        Assert.Empty(log.ForSeeker("seeker-1"));
        var all = log.All(100, null).Entries;
        Assert.DoesNotContain(all, e => e.ActorId == "seeker-1" || e.SubjectSeekerId == "seeker-1"
            || (e.Resource ?? "").Contains("seeker-1", StringComparison.Ordinal));
        var tombstone = Assert.Single(all, e => e.Action == AuditLog.ErasureAction);
        Assert.Equal(AuditLog.SystemActor, tombstone.ActorId);
        Assert.Null(tombstone.SubjectSeekerId);
        Assert.Equal("erasure:" + erasureId, tombstone.Resource);
        Assert.Single(log.ForSeeker("seeker-2"));
    }

    [Fact]
    public void Erasing_a_recruiter_keeps_their_reads_in_the_seekers_logs_without_their_id()
    {
        _store.AuditLog.Record("recruiter-1", "recruiter", "read", "seeker-1", "profile", "contact accepted", s_at);

        var erasureId = _store.AuditLog.Erase(new DataSubject("recruiter-1", DataSubjectKind.Recruiter), s_at);

        var line = Assert.Single(_store.AuditLog.ForSeeker("seeker-1"));
        Assert.Equal("erased:" + erasureId, line.ActorId);
        Assert.Empty(_store.AuditLog.ByActor("recruiter-1"));
    }

    [Theory]
    [InlineData("", "adviser", "read", "actorId")]
    [InlineData("adviser-1", " ", "read", "actorRole")]
    [InlineData("adviser-1", "adviser", "", "action")]
    public void A_line_without_actor_role_or_action_is_refused_naming_the_field(string actor, string role, string action, string field)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => _store.AuditLog.Record(actor, role, action, "seeker-1", null, null, s_at));

        Assert.Equal(field, error.ParamName);
    }

    [Fact]
    public void A_bad_cursor_is_refused_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => _store.AuditLog.All(10, "abc"));

        Assert.Equal("cursor", error.ParamName);
    }

    public void Dispose() => _store.Dispose();
}
