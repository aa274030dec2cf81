using System.Text.Json.Nodes;
using Matching.Engine.Indexing;
using Matching.Engine.Privacy;

namespace Matching.Engine.Tests.Privacy;

public sealed class MatchIndexPersonalDataTests
{
    /// <summary>
    /// Just the document operations of the port, over dictionaries: the embedded index is built on
    /// another branch; the integrator's tests run this holder against it.
    /// </summary>
    private sealed class DocumentsOnlyIndex : IMatchIndex
    {
        public Dictionary<string, OfferDocument> Offers { get; } = [];
        public Dictionary<string, ProfileDocument> Profiles { get; } = [];

        public Task<OfferDocument?> GetOfferAsync(string id, CancellationToken cancellationToken = default) => Task.FromResult(Offers.GetValueOrDefault(id));
        public Task<ProfileDocument?> GetProfileAsync(string id, CancellationToken cancellationToken = default) => Task.FromResult(Profiles.GetValueOrDefault(id));
        public Task<int> DeleteOffersAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default) => Task.FromResult(ids.Count(Offers.Remove));
        public Task<int> DeleteProfilesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default) => Task.FromResult(ids.Count(Profiles.Remove));
        public Task<BulkResult> UpsertOffersAsync(IReadOnlyList<OfferDocument> offers, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<BulkResult> UpsertProfilesAsync(IReadOnlyList<ProfileDocument> profiles, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<MatchPage> MatchOffersAsync(ProfileDocument profile, MatchOptions options, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<MatchPage> MatchProfilesAsync(OfferDocument offer, MatchOptions options, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<CandidateSearchResult> SearchCandidatesAsync(CandidateQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<SupplyDemandResult> SupplyDemandAsync(SupplyDemandQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IndexCounts> CountAsync(CancellationToken cancellationToken = default) => Task.FromResult(new IndexCounts(Offers.Count, Profiles.Count));
    }

    private static (DocumentsOnlyIndex Index, MatchIndexPersonalData Holder) Create()
    {
        var index = new DocumentsOnlyIndex();
        index.Profiles["seeker-1"] = new ProfileDocument { Id = "seeker-1", Searchable = true, ExperienceYears = 3 };
        index.Profiles["seeker-2"] = new ProfileDocument { Id = "seeker-2" };
        index.Offers["o1"] = new OfferDocument { Id = "o1", Title = "Soudeur", OwnerId = "recruiter-1" };
        index.Offers["o2"] = new OfferDocument { Id = "o2", Title = "Cariste", OwnerId = "recruiter-2" };
        return (index, new MatchIndexPersonalData(index, (owner, _) =>
            Task.FromResult<IReadOnlyList<string>>([.. index.Offers.Values.Where(o => o.OwnerId == owner).Select(o => o.Id)])));
    }

    [Fact]
    public async Task The_seeker_profile_is_exported_then_erased_from_the_index()
    {
        var (index, holder) = Create();
        var export = new JsonObject();

        await holder.ExportAsync(new DataSubject("seeker-1", DataSubjectKind.Seeker), export);
        await holder.EraseAsync(new DataSubject("seeker-1", DataSubjectKind.Seeker));

        Assert.Equal(3, (double)export["index"]!["profile"]!["experienceYears"]!);
        Assert.False(index.Profiles.ContainsKey("seeker-1"));
        Assert.True(index.Profiles.ContainsKey("seeker-2"));
    }

    [Fact]
    public async Task A_deleted_recruiter_offers_are_removed_and_no_one_elses()
    {
        var (index, holder) = Create();
        var export = new JsonObject();

        await holder.ExportAsync(new DataSubject("recruiter-1", DataSubjectKind.Recruiter), export);
        await holder.EraseAsync(new DataSubject("recruiter-1", DataSubjectKind.Recruiter));

        Assert.Equal("o1", (string?)Assert.Single(export["index"]!["offers"]!.AsArray())!["id"]);
        Assert.Equal(["o2"], index.Offers.Keys);
    }
}
