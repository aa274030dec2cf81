using System.Text;
using Matching.Engine.Corpus;
using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;
using Matching.Engine.Tests.Corpus;
using static Matching.Engine.Tests.Indexing.IndexTestKit;

namespace Matching.Engine.Tests.Indexing;

/// <summary>
/// A snapshot of version 4 (before docs were stored as records: skill starts and skills, then each side's columns apart, a profile's
/// target occupations and codes as two jagged lists) is still read, converted into records at the open and written again as the
/// current version. The version-4 file is written here by the layout that version wrote (not by the index, which no longer writes it).
/// </summary>
public sealed class SnapshotVersion4Tests : IDisposable
{
    private const long Magic = 0x31_504E_5348_4F43;
    private const string StoreId = "store-v4";
    private const long Generation = 17;
    private const string Fingerprint = "fingerprint";

    private readonly string _folder = Directory.CreateTempSubdirectory("coach-snapshot-v4-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void AVersion4SnapshotIsConvertedAndAnswersAsTheIndexItWasWrittenFrom()
    {
        var (built, profileQueries, offerQueries) = Build();
        var path = Path.Combine(_folder, "coach.db.snapshot");
        WriteVersion4(path, built);

        var converted = new InMemoryIndex(Esco, Graph, AreaOfCommune);
        Assert.True(IndexSnapshot.TryRead(path, converted, StoreId, Generation, Fingerprint, out var stale, out var outdated, out _));
        Assert.False(stale);
        Assert.True(outdated);
        SameDocuments(built, converted);
        SameAnswers(built, converted, profileQueries, offerQueries);

        // Written again in the current version, it is read as it is (not outdated) and still answers the same.
        var current = Path.Combine(_folder, "current.snapshot");
        IndexSnapshot.Write(current, converted, StoreId, Generation, Fingerprint);
        var reread = new InMemoryIndex(Esco, Graph, AreaOfCommune);
        Assert.True(IndexSnapshot.TryRead(current, reread, StoreId, Generation, Fingerprint, out stale, out outdated, out _));
        Assert.False(stale);
        Assert.False(outdated);
        SameAnswers(built, reread, profileQueries, offerQueries);

        // A version-4 file of another store state is ignored (the index is then rebuilt from the store).
        Assert.False(IndexSnapshot.TryRead(path, new InMemoryIndex(Esco, Graph, AreaOfCommune), StoreId, Generation + 1, Fingerprint, out _, out _, out _));
    }

    [Fact]
    public void ATruncatedVersion4SnapshotIsNotRead()
    {
        var (built, _, _) = Build();
        var path = Path.Combine(_folder, "coach.db.snapshot");
        WriteVersion4(path, built);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);

        var index = new InMemoryIndex(Esco, Graph, AreaOfCommune);
        Assert.False(IndexSnapshot.TryRead(path, index, StoreId, Generation, Fingerprint, out _, out _, out _));
        Assert.Equal(0, index.Offers.HighWater);
        Assert.Equal(0, index.Profiles.HighWater);
    }

    private static (InMemoryIndex Index, ProfileRow[] Profiles, OfferRow[] Offers) Build()
    {
        var compiler = new DocumentCompiler(Esco);
        var generator = new CorpusGenerator(Esco, CorpusFixture.Sources, 42);
        var offers = generator.Offers(1500).Select((o, i) => i % 23 == 0 ? o with { Place = null } : o).ToList();
        var profiles = generator.Profiles(1500).Select((p, i) => i % 29 == 0 ? p with { Place = null } : i % 31 == 3 ? p with { TargetRomeCodes = [], TargetOccupationUris = [] } : p).ToList();
        var index = new InMemoryIndex(Esco, Graph, AreaOfCommune);
        foreach (var row in compiler.CompileOffers(offers))
        {
            index.Add(row);
        }
        foreach (var row in compiler.CompileProfiles(profiles))
        {
            index.Add(row);
        }
        index.RebuildAll();
        // Tombstones and unsorted appends, as between two rebuilds.
        for (var i = 0; i < offers.Count; i += 13)
        {
            index.Offers.Remove(offers[i].Id);
            index.Profiles.Remove(profiles[i].Id);
        }
        foreach (var row in compiler.CompileOffers([.. offers.Where((_, i) => i % 7 == 1).Select(o => o with { Place = Lyon })]))
        {
            index.Add(row);
        }
        foreach (var row in compiler.CompileProfiles([.. profiles.Where((_, i) => i % 9 == 1).Select(p => p with { Place = Lyon, RadiusKm = 120 })]))
        {
            index.Add(row);
        }
        var queries = new CorpusGenerator(Esco, CorpusFixture.Sources, 43);
        return (index,
            [.. queries.Profiles(200).Where(p => p.Skills.Count >= 8).Take(15).Select(compiler.CompileProfileProbe)],
            [.. queries.Offers(200).Where(o => o.Skills.Count >= 6).Take(15).Select(compiler.CompileOfferProbe)]);
    }

    private static void SameDocuments(InMemoryIndex expected, InMemoryIndex actual)
    {
        Assert.Equal(expected.AreaCodes, actual.AreaCodes);
        Assert.Equal(expected.RomeCodes, actual.RomeCodes);
        Assert.Equal((expected.Offers.HighWater, expected.Offers.SortedCount), (actual.Offers.HighWater, actual.Offers.SortedCount));
        Assert.Equal((expected.Profiles.HighWater, expected.Profiles.SortedCount), (actual.Profiles.HighWater, actual.Profiles.SortedCount));
        for (var doc = 0; doc < expected.Offers.HighWater; doc++)
        {
            Assert.Equal(expected.Offers.Ids[doc], actual.Offers.Ids[doc]);
            Assert.Equal(expected.Offers.IsAlive(doc), actual.Offers.IsAlive(doc));
            Assert.Equal(expected.Offers.Skills(doc).ToArray(), actual.Offers.Skills(doc).ToArray());
            Assert.Equal(expected.Offers.Column(doc), actual.Offers.Column(doc));
            Assert.Equal(expected.Offers.Keys[doc], actual.Offers.Keys[doc]);
        }
        for (var doc = 0; doc < expected.Profiles.HighWater; doc++)
        {
            Assert.Equal(expected.Profiles.Ids[doc], actual.Profiles.Ids[doc]);
            Assert.Equal(expected.Profiles.IsAlive(doc), actual.Profiles.IsAlive(doc));
            Assert.Equal(expected.Profiles.Skills(doc).ToArray(), actual.Profiles.Skills(doc).ToArray());
            Assert.Equal(expected.Profiles.Column(doc), actual.Profiles.Column(doc));
            Assert.Equal(expected.Profiles.Keys[doc], actual.Profiles.Keys[doc]);
            Assert.Equal(expected.Profiles.Romes(doc).ToArray(), actual.Profiles.Romes(doc).ToArray());
            Assert.Equal(expected.Profiles.Occupations(doc).ToArray(), actual.Profiles.Occupations(doc).ToArray());
        }
    }

    private static void SameAnswers(InMemoryIndex expected, InMemoryIndex actual, ProfileRow[] profiles, OfferRow[] offers)
    {
        var compared = 0;
        foreach (var options in new[] { new MatchOptions(20), new MatchOptions(20, RadiusKm: 30), new MatchOptions(20, AllowRelated: false, SearchableOnly: true) })
        {
            foreach (var profile in profiles)
            {
                Same(expected.MatchOffers(profile, options), actual.MatchOffers(profile, options));
                compared++;
            }
            foreach (var offer in offers)
            {
                Same(expected.MatchProfiles(offer, options), actual.MatchProfiles(offer, options));
                compared++;
            }
        }
        Assert.Equal(90, compared);

        static void Same(MatchPage expected, MatchPage actual)
        {
            Assert.Equal(expected.Hits.Select(h => (h.Id, h.Score)), actual.Hits.Select(h => (h.Id, h.Score)));
            Assert.Equal(expected.Total, actual.Total);
            Assert.Equal(expected.NextCursor, actual.NextCursor);
        }
    }

    // ---------------------------------------------------------------- the layout of version 4

    private static void WriteVersion4(string path, InMemoryIndex index)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(Magic);
        writer.Write(4);
        writer.Write(StoreId);
        writer.Write(Generation);
        writer.Write(Fingerprint);
        writer.Write(index.AreaCodes.Count);
        foreach (var code in index.AreaCodes)
        {
            writer.Write(code);
        }
        writer.Write(index.RomeCodes.Count);
        foreach (var code in index.RomeCodes)
        {
            writer.Write(code);
        }
        var offers = index.Offers;
        var blocks = WriteTable(writer, offers);
        IndexSnapshot.WriteArray(writer, [.. Enumerable.Range(0, offers.HighWater).Select(doc => offers.Column(doc))], offers.HighWater);
        WritePostings(writer, offers.MustPostings);
        IndexSnapshot.WriteArray(writer, offers.Must0, blocks);
        IndexSnapshot.WriteArray(writer, offers.Must1, blocks);
        IndexSnapshot.WriteArray(writer, offers.Must2, blocks);
        IndexSnapshot.WriteArray(writer, offers.MustOverflow, blocks);
        IndexSnapshot.WriteArray(writer, offers.ContractMask, blocks);
        IndexSnapshot.WriteArray(writer, offers.MinRequirement, blocks);
        IndexSnapshot.WriteArray(writer, offers.MinYearsAsked, blocks);
        var profiles = index.Profiles;
        blocks = WriteTable(writer, profiles);
        IndexSnapshot.WriteArray(writer, [.. Enumerable.Range(0, profiles.HighWater).Select(doc => profiles.Column(doc))], profiles.HighWater);
        WriteJagged(writer, profiles.HighWater, doc => profiles.Occupations(doc).ToArray());
        WriteJagged(writer, profiles.HighWater, doc => profiles.Romes(doc).ToArray());
        IndexSnapshot.WriteArray(writer, profiles.MinSkillCount, blocks);
        IndexSnapshot.WriteArray(writer, profiles.WishesMask, blocks);
        IndexSnapshot.WriteArray(writer, profiles.MaxYears, blocks);
        IndexSnapshot.WriteArray(writer, profiles.MinRadius, blocks);
        IndexSnapshot.WriteArray(writer, profiles.MaxRadius, blocks);
        IndexSnapshot.WriteArray(writer, profiles.Searchable, blocks);
        writer.Write(profiles.MaxRadiusKm);
        writer.Write(Magic);
    }

    /// <summary>What every table wrote in version 4 before its side: ids, skill starts and skills, block summaries, postings.</summary>
    private static int WriteTable(BinaryWriter writer, DocumentTable table)
    {
        writer.Write(table.HighWater);
        writer.Write(table.SortedCount);
        var blocks = table.BlockCount;
        IndexSnapshot.WriteStrings(writer, table.Ids, table.HighWater);
        var starts = new int[table.HighWater + 1];
        var skills = new List<int>();
        for (var doc = 0; doc < table.HighWater; doc++)
        {
            skills.AddRange(table.Skills(doc).ToArray());
            starts[doc + 1] = skills.Count;
        }
        IndexSnapshot.WriteArray(writer, starts, starts.Length);
        IndexSnapshot.WriteArray(writer, skills.ToArray(), skills.Count);
        IndexSnapshot.WriteArray(writer, table.Alive, blocks);
        IndexSnapshot.WriteArray(writer, table.Unlocated, blocks);
        IndexSnapshot.WriteArray(writer, table.MinLatitude, blocks);
        IndexSnapshot.WriteArray(writer, table.MaxLatitude, blocks);
        IndexSnapshot.WriteArray(writer, table.MinLongitude, blocks);
        IndexSnapshot.WriteArray(writer, table.MaxLongitude, blocks);
        WritePostings(writer, table.Postings);
        return blocks;
    }

    private static void WritePostings(BinaryWriter writer, BlockPostings postings)
    {
        var (offsets, blocks, masks) = postings.ToCsr();
        IndexSnapshot.WriteArray(writer, offsets, offsets.Length);
        IndexSnapshot.WriteArray(writer, blocks, blocks.Length);
        IndexSnapshot.WriteArray(writer, masks, masks.Length);
    }

    private static void WriteJagged(BinaryWriter writer, int count, Func<int, int[]> list)
    {
        var ends = new int[count];
        var all = new List<int>();
        for (var doc = 0; doc < count; doc++)
        {
            all.AddRange(list(doc));
            ends[doc] = all.Count;
        }
        IndexSnapshot.WriteArray(writer, ends, ends.Length);
        IndexSnapshot.WriteArray(writer, all.ToArray(), all.Count);
    }
}
