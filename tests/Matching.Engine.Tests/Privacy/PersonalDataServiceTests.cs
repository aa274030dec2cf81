using System.Text.Json.Nodes;
using Matching.Engine.Indexing;
using Matching.Engine.Privacy;

namespace Matching.Engine.Tests.Privacy;

public sealed class PersonalDataServiceTests : IDisposable
{
    private static readonly DateTimeOffset s_at = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly PrivacyStore _store = new();

    private void SeedSeeker1()
    {
        _store.AuditLog.Record("adviser-1", "adviser", "read", "seeker-1", "profile", "follow-up", s_at);
        _store.ContactRequests.Create("recruiter-1", "seeker-1", "cand-x", null, "Hello");
        _store.Caseloads.Assign("adviser-1", "seeker-1");
        _store.Pseudonyms.Issue("recruiter-1", ["seeker-1"]);
        // Someone else's data, which must survive the erasure.
        _store.AuditLog.Record("adviser-1", "adviser", "read", "seeker-2", "profile", "follow-up", s_at);
        _store.ContactRequests.Create("recruiter-1", "seeker-2", "cand-y", null, "Hello");
        _store.Caseloads.Assign("adviser-1", "seeker-2");
    }

    [Fact]
    public async Task An_export_contains_every_kind_of_record_about_the_seeker()
    {
        SeedSeeker1();

        var export = await _store.PersonalData.ExportAsync(new DataSubject("seeker-1", DataSubjectKind.Seeker));

        Assert.Equal("seeker-1", (string?)export["subject"]!["id"]);
        var accessLog = export["accessLog"]!.AsArray();
        Assert.Equal("adviser-1", (string?)Assert.Single(accessLog)!["actorId"]);
        var request = Assert.Single(export["contactRequests"]!.AsArray())!;
        Assert.Equal("pending", (string?)request["state"]);
        Assert.Equal("adviser-1", (string?)Assert.Single(export["advisers"]!.AsArray()));
        Assert.Equal("recruiter-1", (string?)Assert.Single(export["pseudonyms"]!.AsArray())!["recruiterId"]);
        Assert.DoesNotContain("seeker-2", export.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasure_leaves_no_trace_of_the_seeker_but_one_anonymous_line()
    {
        SeedSeeker1();

        var receipt = await _store.PersonalData.EraseAsync(new DataSubject("seeker-1", DataSubjectKind.Seeker));

        var export = await _store.PersonalData.ExportAsync(new DataSubject("seeker-1", DataSubjectKind.Seeker));
        Assert.Empty(export["accessLog"]!.AsArray());
        Assert.Empty(export["contactRequests"]!.AsArray());
        Assert.Empty(export["advisers"]!.AsArray());
        Assert.Empty(export["pseudonyms"]!.AsArray());
        Assert.Equal(["seeker-2"], _store.Caseloads.SeekersOf("adviser-1"));
        var tombstone = Assert.Single(_store.AuditLog.All(100, null).Entries, e => e.Action == AuditLog.ErasureAction);
        Assert.Equal("erasure:" + receipt.ErasureId, tombstone.Resource);
        Assert.Contains("accessLog", receipt.Holders);
        Assert.Single(_store.AuditLog.ForSeeker("seeker-2"));
    }

    [Fact]
    public async Task A_failing_holder_stops_the_erasure_before_the_audit_log_is_touched()
    {
        SeedSeeker1();
        var service = new PersonalDataService([_store.ContactRequests, new FailingHolder(), _store.AuditLog], _store.AuditLog, TimeProvider.System);

        await Assert.ThrowsAsync<IOException>(() => service.EraseAsync(new DataSubject("seeker-1", DataSubjectKind.Seeker)));

        Assert.Single(_store.AuditLog.ForSeeker("seeker-1"));
    }

    [Fact]
    public void Only_consenting_profiles_may_appear_in_recruiter_search()
    {
        Assert.True(Consent.MayAppearInRecruiterSearch(new ProfileDocument { Id = "p", Searchable = true }));
        Assert.False(Consent.MayAppearInRecruiterSearch(new ProfileDocument { Id = "p", Searchable = false }));
        Assert.False(Consent.MayAppearInRecruiterSearch(null));
        Assert.True(Consent.ForRecruiter(new MatchOptions(SearchableOnly: false)).SearchableOnly);
    }

    public void Dispose() => _store.Dispose();

    private sealed class FailingHolder : IPersonalData
    {
        public string Name => "failing";

        public Task ExportAsync(DataSubject subject, JsonObject into, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task EraseAsync(DataSubject subject, CancellationToken cancellationToken = default) => throw new IOException("disk gone");
    }
}
