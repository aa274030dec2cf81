using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;
using static Matching.Engine.Tests.Indexing.IndexTestKit;

namespace Matching.Engine.Tests.Indexing;

/// <summary>The contract of every index, run against the embedded one (a SQLite store in a temp folder).</summary>
public sealed class EmbeddedMatchIndexContractTests : MatchIndexContractTests
{
    private readonly TempStore _store = new();

    protected override Task<IMatchIndex> CreateIndexAsync() => Task.FromResult<IMatchIndex>(_store.Open());

    protected override Task<IMatchIndex> OpenAgainAsync() => Task.FromResult<IMatchIndex>(_store.Open());

    protected override Task DeleteAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>What only the embedded index promises: compaction of its in-memory tables, whole batches for readers.</summary>
public sealed class EmbeddedMatchIndexTests : IDisposable
{
    private readonly TempStore _store = new();
    private readonly EmbeddedMatchIndex _index;

    public EmbeddedMatchIndexTests()
    {
        _index = _store.Open();
    }

    public void Dispose()
    {
        _index.Dispose();
        _store.Dispose();
    }

    private static readonly MatchOptions Top100 = new(Size: 100);

    [Fact]
    public async Task ASnapshotOfTheOlderDocOrderGivesTheSameMatchesAndIsWrittenAgainInTheCurrentVersion()
    {
        using var store = new TempStore();
        var skills = UnlinkedSkills(3);
        var codes = new[] { "N4101", "A1203", "N4102", "G1602", "A1201" };
        var query = Profile("p", [skills[0], skills[1]], targetRomeCodes: ["N4101"]);
        MatchPage before;
        using (var index = store.Open())
        {
            await index.UpsertOffersAsync([.. Enumerable.Range(0, 200).Select(i => Offer($"o{i}", [skills[i % 3], skills[(i + 1) % 3]], place: i % 2 == 0 ? Paris : Lyon, romeCode: codes[i % codes.Length]))]);
            await index.UpsertProfilesAsync([.. Enumerable.Range(0, 50).Select(i => Profile($"q{i}", [skills[i % 3]], Paris, targetRomeCodes: [codes[i % codes.Length]]))]);
            before = await index.MatchOffersAsync(query, Top100);
        }
        var snapshot = store.StorePath + ".snapshot";
        var bytes = File.ReadAllBytes(snapshot);
        var version = BitConverter.ToInt32(bytes, sizeof(long));
        BitConverter.GetBytes(version - 1).CopyTo(bytes, sizeof(long));
        File.WriteAllBytes(snapshot, bytes);

        using (var index = store.Open())
        {
            var after = await index.MatchOffersAsync(query, Top100);
            Assert.Equal(before.Hits.Select(h => (h.Id, h.Score)), after.Hits.Select(h => (h.Id, h.Score)));
            Assert.Equal(before.Total, after.Total);
        }
        Assert.Equal(version, BitConverter.ToInt32(File.ReadAllBytes(snapshot), sizeof(long)));
    }

    [Fact]
    public async Task ManyUpdatesTriggerCompactionWithoutLosingDocuments()
    {
        var skills = UnlinkedSkills(2);
        var offers = Enumerable.Range(0, DocumentTable.MinDeadToCompact + 100).Select(i => Offer($"o{i}", [skills[i % 2]])).ToList();
        await _index.UpsertOffersAsync(offers);

        var result = await _index.UpsertOffersAsync([.. offers.Select(o => o with { Skills = [new DemandedSkill(skills[0].Uri, SkillImportance.Essential)] })]);

        Assert.Equal((0, offers.Count), (result.Created, result.Updated));
        Assert.Equal(offers.Count, (await _index.CountAsync()).Offers);
        // Counted exactly (past 1,000 a total is capped by default).
        var exact = Top100 with { TotalUpTo = null };
        Assert.Equal(offers.Count, (await _index.MatchOffersAsync(Profile("p", [skills[0]]), exact)).Total);
        Assert.Equal(0, (await _index.MatchOffersAsync(Profile("p", [skills[1]]), exact)).Total);
        var capped = await _index.MatchOffersAsync(Profile("p", [skills[0]]), Top100);
        Assert.Equal((1000, true), (capped.Total, capped.TotalIsLowerBound));
    }

    [Fact]
    public async Task ReadersRunningDuringWritesSeeWholeBatchesOnly()
    {
        var skill = UnlinkedSkills(1)[0];
        const int BatchSize = 20;
        var writer = Task.Run(async () =>
        {
            for (var b = 0; b < 30; b++)
            {
                await _index.UpsertOffersAsync([.. Enumerable.Range(b * BatchSize, BatchSize).Select(i => Offer($"o{i}", [skill]))]);
            }
        });
        var profile = Profile("p", [skill]);
        while (!writer.IsCompleted)
        {
            var total = (await _index.MatchOffersAsync(profile, new MatchOptions(Size: 1))).Total;
            Assert.Equal(0, total % BatchSize);
        }
        await writer;
        Assert.Equal(30 * BatchSize, (await _index.MatchOffersAsync(profile, new MatchOptions(Size: 1))).Total);
    }
}
