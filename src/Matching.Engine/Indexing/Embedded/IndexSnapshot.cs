using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Matching.Engine.Indexing.Embedded;

/// <summary>
/// The in-memory index written to one file when the index is disposed (a clean shutdown) and read
/// back at the next open instead of rebuilding it from the store: arrays written as they are in
/// memory, read back with one read per array. The file says which store state it is the image of (the
/// store's id and write generation, see <see cref="DocumentStore.Generation"/>) and of which taxonomy
/// (a hash of every skill URI in id order, and of the graph's edges); if any differs, or the file is
/// unreadable, it is ignored and the index is rebuilt from the store, which stays the system of record.
/// A crash after a write leaves a snapshot of an older generation: ignored.
/// </summary>
internal static class IndexSnapshot
{
    private const long Magic = 0x31_504E_5348_4F43; // "COHSNP1"
    // 2: the profiles' columns hold the evidence weight (issue 15); a snapshot of version 1 is read no more.
    // 3: the ROME codes of offers and of profiles' targets (the occupation factor); older snapshots are read no more.
    // 4: docs clustered by ROME code within a spatial cell (was: by occupation id); a version-3 snapshot is read and its tables renumbered
    //    in memory (InMemoryIndex.RebuildAll), which is much faster than a rebuild from the store.
    // 5: each doc's record (skill count, columns, skills, a profile's target codes and occupations; DocumentTable.RecordStart) as the
    //    index holds it, instead of skill starts, skills, columns and target lists apart; a version-4 snapshot is read into records and
    //    written again at shutdown.
    // 6: the offers' place wider than a commune (OfferColumns.PlaceArea, in the columns' former padding) and the table of their area keys;
    //    a version-5 snapshot is read with no place area, filled from the store (EmbeddedMatchIndex, DocumentStore.ReadOfferPlaceAreas),
    //    and written again at shutdown.
    private const int Version = 6;
    private const int RecordsVersion = 5;
    private const int SeparateColumnsVersion = 4;
    private const int ReclusteredVersion = 3;

    /// <summary>
    /// Added to the fingerprint a snapshot stores when its index had no <see cref="Geography.PlaceAreaMap"/> (a tool or a test opening
    /// the store without the reference geography): its offers' place areas are all 0, so an index opened with the map reads it as
    /// outdated and fills them from the store (a snapshot of an index with the map stores the bare fingerprint, as before).
    /// </summary>
    private const string WithoutPlaceAreas = "+no-place-areas";

    public static string PathFor(string storePath) => storePath + ".snapshot";

    /// <summary>Writes the snapshot (to a temp file, then renamed over the old one).</summary>
    public static void Write(string path, InMemoryIndex index, string storeId, long generation, string fingerprint)
    {
        if (!index.HasPlaceAreaMap)
        {
            fingerprint += WithoutPlaceAreas;
        }
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(storeId);
            writer.Write(generation);
            writer.Write(fingerprint);
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
            writer.Write(index.PlaceAreaKeys.Count);
            foreach (var key in index.PlaceAreaKeys)
            {
                writer.Write(key);
            }
            index.Offers.WriteTo(writer);
            index.Profiles.WriteTo(writer);
            writer.Write(Magic);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Loads the snapshot into <paramref name="index"/> when it is the image of this store state and taxonomy; false otherwise (the index is then untouched).</summary>
    /// <param name="stale">True when the snapshot was of an older doc order, to be renumbered after the read and written again.</param>
    /// <param name="outdated">True when the snapshot was of an older version, or written by an index without the place area map
    /// when <paramref name="index"/> has it: it is to be written again.</param>
    /// <param name="placeAreasMissing">True when the snapshot holds no offer's place area (older than version 6, or written without the
    /// map) while <paramref name="index"/> has the map: they are to be filled from the store (<see cref="InMemoryIndex.FillPlaceAreas"/>).</param>
    public static bool TryRead(string path, InMemoryIndex index, string storeId, long generation, string fingerprint, out bool stale, out bool outdated,
        out bool placeAreasMissing)
    {
        stale = false;
        outdated = false;
        placeAreasMissing = false;
        if (!File.Exists(path))
        {
            return false;
        }
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (reader.ReadInt64() != Magic)
            {
                return false;
            }
            var version = reader.ReadInt32();
            if (version is not (Version or RecordsVersion or SeparateColumnsVersion or ReclusteredVersion) || reader.ReadString() != storeId || reader.ReadInt64() != generation)
            {
                return false;
            }
            var stored = reader.ReadString();
            var writtenWithoutMap = stored == fingerprint + WithoutPlaceAreas;
            if (stored != fingerprint && !writtenWithoutMap)
            {
                return false;
            }
            var areas = new string[reader.ReadInt32()];
            for (var i = 0; i < areas.Length; i++)
            {
                areas[i] = reader.ReadString();
            }
            var romes = new string[reader.ReadInt32()];
            for (var i = 0; i < romes.Length; i++)
            {
                romes[i] = reader.ReadString();
            }
            var placeAreas = new string[version >= Version ? reader.ReadInt32() : 0];
            for (var i = 0; i < placeAreas.Length; i++)
            {
                placeAreas[i] = reader.ReadString();
            }
            var offers = new OfferTable(index.Graph.SkillCount) { SnapshotHoldsPlaceAreas = version >= Version };
            var records = version >= RecordsVersion;
            offers.ReadFrom(reader, records);
            var profiles = new ProfileTable(index.Graph.SkillCount);
            profiles.ReadFrom(reader, records);
            if (reader.ReadInt64() != Magic || offers.MaxPlaceAreaRead > placeAreas.Length)
            {
                return false;
            }
            index.RestoreAreaCodes(areas);
            index.RestoreRomeCodes(romes);
            index.RestorePlaceAreaKeys(placeAreas);
            index.Replace(offers, profiles);
            stale = version == ReclusteredVersion;
            placeAreasMissing = index.HasPlaceAreaMap && (version < Version || writtenWithoutMap);
            outdated = version != Version || placeAreasMissing;
            return true;
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or InvalidDataException or OverflowException or ArgumentException or OutOfMemoryException)
        {
            return false;
        }
    }

    /// <summary>What the in-memory index depends on besides the store: skill ids (URIs in id order) and the graph's edges.</summary>
    public static string Fingerprint(Taxonomy.SkillsTaxonomy taxonomy, SkillGraph graph)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[4];
        foreach (var skill in taxonomy.Skills)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(skill.Uri));
            hash.AppendData([0]);
        }
        for (var skill = 0; skill < graph.SkillCount; skill++)
        {
            var edges = graph.MeetersOf(skill);
            for (var i = 0; i < edges.Length; i++)
            {
                BitConverter.TryWriteBytes(number, edges.Skills[i]);
                hash.AppendData(number);
                hash.AppendData([edges.Credits[i], (byte)edges.Kinds[i]]);
            }
            hash.AppendData([0xFF]);
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    // ---------------------------------------------------------------- arrays

    public static void WriteArray<T>(BinaryWriter writer, T[] array, int length)
        where T : unmanaged
    {
        writer.Write(length);
        writer.Write(MemoryMarshal.AsBytes(array.AsSpan(0, length)));
    }

    public static T[] ReadArray<T>(BinaryReader reader, int capacity = -1)
        where T : unmanaged
    {
        var length = reader.ReadInt32();
        if (length < 0)
        {
            throw new InvalidDataException("Negative array length.");
        }
        var array = new T[Math.Max(length, capacity)];
        var bytes = MemoryMarshal.AsBytes(array.AsSpan(0, length));
        reader.BaseStream.ReadExactly(bytes);
        return array;
    }

    /// <summary>Strings as one UTF-16 blob and their ends.</summary>
    public static void WriteStrings(BinaryWriter writer, string[] strings, int length)
    {
        var ends = new int[length];
        var total = 0;
        for (var i = 0; i < length; i++)
        {
            total += strings[i]?.Length ?? 0;
            ends[i] = total;
        }
        var chars = new char[total];
        var at = 0;
        for (var i = 0; i < length; i++)
        {
            strings[i]?.CopyTo(chars.AsSpan(at));
            at = ends[i];
        }
        WriteArray(writer, ends, length);
        WriteArray(writer, chars, total);
    }

    public static string[] ReadStrings(BinaryReader reader, int capacity)
    {
        var ends = ReadArray<int>(reader);
        var chars = ReadArray<char>(reader);
        var strings = new string[Math.Max(capacity, ends.Length)];
        var start = 0;
        for (var i = 0; i < ends.Length; i++)
        {
            strings[i] = new string(chars, start, ends[i] - start);
            start = ends[i];
        }
        return strings;
    }
}
