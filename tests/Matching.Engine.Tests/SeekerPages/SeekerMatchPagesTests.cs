using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;
using Matching.Engine.Privacy;
using Matching.Engine.Ranking;
using Matching.Engine.Seekers;
using Matching.Engine.Tests.Coaching;
using Microsoft.Extensions.Options;

namespace Matching.Engine.Tests.SeekerPages;

/// <summary>
/// Kept pages of matches: good only at the index generation they were computed at, bounded in pages and in offers
/// (a page of 100 offers counts five times), dropped for an erased seeker.
/// </summary>
public sealed class SeekerMatchPagesTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("coach-match-pages-").FullName;
    private EmbeddedMatchIndex _index = default!;
    private ReferenceData _data = default!;

    public async Task InitializeAsync()
    {
        var (provider, index) = await CoachTestData.OpenAsync(_root);
        _index = index;
        _data = provider.Require();
    }

    public Task DisposeAsync()
    {
        _index.Dispose();
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    private SeekerMatchPages Pages(int kept) => new(_index, Options.Create(new MatchingEngineOptions { MatchPagesKept = kept }));

    private static OfferMatchPage PageOf(int offers) => new(
        [.. Enumerable.Range(0, offers).Select(i => new MatchedOffer($"o{i}", 0.5, null, new MatchReasons([], [], [], [], null, new ScoreParts(1, 1, 1, 1, 1, 1, 1, 1))))],
        new Dictionary<string, string>(), offers, null);

    private async Task<(OfferMatchPage Page, bool Computed)> ReadAsync(SeekerMatchPages pages, string seeker, int size = 20, string language = "fr")
    {
        var computed = false;
        var (page, _) = await pages.GetOrComputeAsync(pages.Generation, seeker, size, null, null, language, null, _data, () =>
        {
            computed = true;
            return Task.FromResult<(OfferMatchPage, IReadOnlyList<Impression>?)>((PageOf(size), null));
        });
        return (page, computed);
    }

    [Fact]
    public async Task A_page_is_kept_until_the_index_is_written()
    {
        var pages = Pages(10);
        var (first, computed) = await ReadAsync(pages, "s1");
        Assert.True(computed);
        var (again, computedAgain) = await ReadAsync(pages, "s1");
        Assert.False(computedAgain);
        Assert.Same(first, again);
        Assert.True((await ReadAsync(pages, "s1", language: "en")).Computed);

        await _index.UpsertOffersAsync([new OfferDocument { Id = "new-offer", Title = "Soudeur", Skills = [new DemandedSkill(_data.Taxonomy.Skills[0].Uri, SkillImportance.Essential)] }]);

        var (afterWrite, computedAfterWrite) = await ReadAsync(pages, "s1");
        Assert.True(computedAfterWrite);
        Assert.NotSame(first, afterWrite);
    }

    [Fact]
    public async Task Pages_are_bounded_in_count_and_in_offers_and_nothing_is_kept_at_zero()
    {
        var pages = Pages(3);
        for (var i = 0; i < 3; i++)
        {
            await ReadAsync(pages, $"s{i}");
        }
        Assert.Equal(3, pages.Count);
        await ReadAsync(pages, "s3");
        Assert.Equal(1, pages.Count);
        // A page of 100 offers weighs five pages of 20, over the three kept here: the others go to keep it.
        await ReadAsync(pages, "big", size: 100);
        Assert.Equal(1, pages.Count);
        Assert.False((await ReadAsync(pages, "big", size: 100)).Computed);

        var none = Pages(0);
        await ReadAsync(none, "s1");
        Assert.True((await ReadAsync(none, "s1")).Computed);
        Assert.Equal(0, none.Count);
    }

    [Fact]
    public async Task An_erased_seekers_pages_are_dropped_and_no_one_elses()
    {
        var pages = Pages(10);
        await ReadAsync(pages, "erased");
        await ReadAsync(pages, "erased", language: "en");
        await ReadAsync(pages, "kept");

        await pages.EraseAsync(new DataSubject("erased", DataSubjectKind.Seeker));

        Assert.Equal(1, pages.Count);
        Assert.False((await ReadAsync(pages, "kept")).Computed);
    }
}
