using System.Text.Json.Nodes;
using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;
using Matching.Engine.Privacy;

namespace Matching.Engine.Tests.Privacy;

/// <summary>Export and erasure of what the real embedded index holds on a person.</summary>
public sealed class MatchIndexPersonalDataTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("coach-privacy-index-").FullName;
    private readonly EmbeddedMatchIndex _index;
    private readonly MatchIndexPersonalData _holder;

    public MatchIndexPersonalDataTests()
    {
        _index = EmbeddedMatchIndex.Open(Path.Combine(_folder, "coach.db"), TaxonomyFixture.Taxonomy, _ => null, _ => null);
        _holder = new MatchIndexPersonalData(_index, (owner, ct) => _index.OfferIdsOwnedByAsync(owner, ct));
        var welding = TaxonomyFixture.Taxonomy.Skills[0].Uri;
        _index.UpsertProfilesAsync([
            new ProfileDocument { Id = "seeker-1", Searchable = true, ExperienceYears = 3, Skills = [new OfferedSkill(welding)] },
            new ProfileDocument { Id = "seeker-2", Searchable = true, Skills = [new OfferedSkill(welding)] },
        ]).GetAwaiter().GetResult();
        _index.UpsertOffersAsync([
            new OfferDocument { Id = "o1", Title = "Soudeur", OwnerId = "recruiter-1", Skills = [new DemandedSkill(welding, SkillImportance.Essential)] },
            new OfferDocument { Id = "o2", Title = "Cariste", OwnerId = "recruiter-2", Skills = [new DemandedSkill(welding, SkillImportance.Essential)] },
        ]).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task The_seeker_profile_is_exported_then_erased_from_the_index_and_its_results()
    {
        var export = new JsonObject();

        await _holder.ExportAsync(new DataSubject("seeker-1", DataSubjectKind.Seeker), export);
        await _holder.EraseAsync(new DataSubject("seeker-1", DataSubjectKind.Seeker));

        Assert.Equal(3, (double)export["index"]!["profile"]!["experienceYears"]!);
        Assert.Null(await _index.GetProfileAsync("seeker-1"));
        Assert.NotNull(await _index.GetProfileAsync("seeker-2"));
        var offer = (await _index.GetOfferAsync("o1"))!;
        var candidates = await _index.MatchProfilesAsync(offer, new MatchOptions(SearchableOnly: true));
        Assert.Equal(["seeker-2"], candidates.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task A_deleted_recruiter_offers_are_removed_and_no_one_elses()
    {
        var export = new JsonObject();

        await _holder.ExportAsync(new DataSubject("recruiter-1", DataSubjectKind.Recruiter), export);
        await _holder.EraseAsync(new DataSubject("recruiter-1", DataSubjectKind.Recruiter));

        Assert.Equal("o1", (string?)Assert.Single(export["index"]!["offers"]!.AsArray())!["id"]);
        Assert.Null(await _index.GetOfferAsync("o1"));
        Assert.NotNull(await _index.GetOfferAsync("o2"));
        Assert.Equal(["o2"], await _index.OfferIdsOwnedByAsync("recruiter-2"));
    }

    public void Dispose()
    {
        _index.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
