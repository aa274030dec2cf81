using System.Buffers.Binary;
using System.Text.Json;
using Matching.Engine.Storage;
using Matching.Engine.Taxonomy;
using Microsoft.Data.Sqlite;

namespace Matching.Engine.Indexing.Embedded;

/// <summary>
/// The system of record of the embedded index: one SQLite file in WAL mode with
/// <c>synchronous=FULL</c> (the connections of <see cref="SqliteConnectionFactory"/>), so that a batch
/// acknowledged (its transaction committed) survives a process kill and a power loss alike. Each row holds a compact
/// projection (skills as store-local ints, coordinates, contract, ...) from which the in-memory index is rebuilt
/// without parsing any JSON when there is no snapshot, and the document as JSON (for Get*) in its last column, written by the
/// same statement (schema version 5: one statement per document), with its skills apart as store-local ids (<see cref="EncodeDocumentSkills"/>). Store-local skill ids keep the file
/// independent of the taxonomy's dense ids, which may change between taxonomy versions.
/// One writer at a time (the caller serialises writes); reads use their own pooled connections.
/// </summary>
internal sealed class DocumentStore : IDisposable
{
    // Up to version 4 the JSON lived in tables of its own keyed by seq (a second statement per document, after RETURNING seq),
    // so that a cold start scanned only the projection rows; cold start now reads the snapshot, and version 5 moved the JSON into the row.
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS skill_dict(local INTEGER PRIMARY KEY, uri TEXT NOT NULL UNIQUE);
        CREATE TABLE IF NOT EXISTS offers(
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            skills BLOB NOT NULL,
            lat REAL, lon REAL, commune TEXT,
            contract INTEGER NOT NULL, exp_req INTEGER NOT NULL, exp_years REAL,
            occupation TEXT);
        CREATE TABLE IF NOT EXISTS offer_json(seq INTEGER PRIMARY KEY, json BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS profiles(
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            skills BLOB NOT NULL,
            lat REAL, lon REAL, commune TEXT,
            radius REAL NOT NULL, exp_years REAL NOT NULL, wishes INTEGER NOT NULL, searchable INTEGER NOT NULL,
            occupations TEXT);
        CREATE TABLE IF NOT EXISTS profile_json(seq INTEGER PRIMARY KEY, json BLOB NOT NULL);
        """;

    /// <summary>Version 3: the mean evidence weight of a profile's skills (<see cref="Scoring.MatchScorer.Attested"/>), which a
    /// recruiter's score reads; a profile written before reads as unevidenced until it is written again.</summary>
    private const string AddAttested = "ALTER TABLE profiles ADD COLUMN attested REAL NOT NULL DEFAULT 0;";
    /// <summary>Version 4: the offer's ROME code and the profile's target ROME codes (space-separated), which the occupation factor
    /// reads (docs/scoring.md); rows written before are filled from their JSON.</summary>
    private const string AddRomeCodes = """
        ALTER TABLE offers ADD COLUMN rome TEXT;
        ALTER TABLE profiles ADD COLUMN romes TEXT;
        UPDATE offers SET rome = (SELECT upper(trim(json_extract(CAST(j.json AS TEXT), '$.romeCode'))) FROM offer_json j WHERE j.seq = offers.seq);
        UPDATE offers SET rome = NULL WHERE rome = '';
        UPDATE profiles SET romes = (SELECT group_concat(upper(trim(e.value)), ' ') FROM profile_json j, json_each(CAST(j.json AS TEXT), '$.targetRomeCodes') e
            WHERE j.seq = profiles.seq AND trim(e.value) <> '');
        """;
    /// <summary>Version 5: the JSON in the projection row (one statement per document instead of two), its skills apart in
    /// <c>doc_skills</c> as (store-local skill id, <see cref="SkillShapes{T}"/> id) pairs; the JSON tables are dropped (their freed pages
    /// zeroed: secure_delete). Rows copied here keep their skills in the JSON (<c>doc_skills</c> NULL), and read as before.</summary>
    private const string JsonInRow = """
        CREATE TABLE skill_shapes(kind TEXT NOT NULL, id INTEGER NOT NULL, json TEXT NOT NULL, PRIMARY KEY(kind, id));
        ALTER TABLE offers ADD COLUMN doc BLOB;
        ALTER TABLE offers ADD COLUMN doc_skills BLOB;
        UPDATE offers SET doc = (SELECT j.json FROM offer_json j WHERE j.seq = offers.seq);
        DROP TABLE offer_json;
        ALTER TABLE profiles ADD COLUMN doc BLOB;
        ALTER TABLE profiles ADD COLUMN doc_skills BLOB;
        UPDATE profiles SET doc = (SELECT j.json FROM profile_json j WHERE j.seq = profiles.seq);
        DROP TABLE profile_json;
        """;
    /// <summary>The schema versions in order (tests build a store of an older version with the first ones).</summary>
    internal static readonly IReadOnlyList<string> Migrations = [Schema, MetaSchema, AddAttested, AddRomeCodes, JsonInRow];

    // Version 2: the store's identity and write generation, which the in-memory index's snapshot is checked against.
    private const string MetaSchema = """
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT OR IGNORE INTO meta(key, value) VALUES ('generation', '0');
        """;

    private readonly SkillsTaxonomy _taxonomy;
    private readonly SqliteConnectionFactory _database;
    private readonly bool _ownsDatabase;
    private readonly SqliteConnection _writer;
    private readonly int[] _localOfSkill;
    private readonly List<int> _skillOfLocal = [];
    // The URI of each store-local id as the file records it (also for skills the taxonomy no longer has), for the documents' skills;
    // read by Get* on other threads while the writer appends: guarded by its own lock.
    private readonly List<string> _uriOfLocal = [];
    private readonly SkillShapes<DemandedSkill> _offerShapes = new("offer", DocumentJsonContext.Default.DemandedSkill, s => s with { SkillUri = "" });
    private readonly SkillShapes<OfferedSkill> _profileShapes = new("profile", DocumentJsonContext.Default.OfferedSkill, s => s with { SkillUri = "" });

    private DocumentStore(SqliteConnectionFactory database, bool ownsDatabase, SkillsTaxonomy taxonomy)
    {
        _taxonomy = taxonomy;
        _database = database;
        _ownsDatabase = ownsDatabase;
        database.Migrate("documents", Migrations);
        _writer = database.Open();
        Execute(_writer, "PRAGMA cache_size=-65536;");
        using (var meta = _writer.CreateCommand())
        {
            meta.CommandText = "INSERT OR IGNORE INTO meta(key, value) VALUES ('store_id', $id); SELECT (SELECT value FROM meta WHERE key = 'store_id'), (SELECT value FROM meta WHERE key = 'generation')";
            meta.Parameters.AddWithValue("$id", Guid.NewGuid().ToString("N"));
            using var row = meta.ExecuteReader();
            row.Read();
            StoreId = row.GetString(0);
            Generation = long.Parse(row.GetString(1), System.Globalization.CultureInfo.InvariantCulture);
        }
        _offerShapes.Load(_writer);
        _profileShapes.Load(_writer);
        _localOfSkill = new int[taxonomy.Skills.Count];
        Array.Fill(_localOfSkill, -1);
        using var command = _writer.CreateCommand();
        command.CommandText = "SELECT local, uri FROM skill_dict ORDER BY local";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var local = reader.GetInt32(0);
            var skill = taxonomy.SkillByUri(reader.GetString(1));
            while (_skillOfLocal.Count <= local)
            {
                _skillOfLocal.Add(-1);
                _uriOfLocal.Add("");
            }
            _uriOfLocal[local] = reader.GetString(1);
            // A skill the taxonomy no longer has stays in the file and is ignored by the index.
            _skillOfLocal[local] = skill?.Id ?? -1;
            if (skill is not null)
            {
                _localOfSkill[skill.Id] = local;
            }
        }
    }

    public string Path => _database.Path;

    /// <summary>A random id given to the file when it was created (a snapshot of another store is never taken for this one's).</summary>
    public string StoreId { get; }

    /// <summary>Committed write transactions so far: each one bumps it inside the transaction, so a snapshot of the in-memory index taken at generation G is the image of the store exactly while it is still G.</summary>
    public long Generation { get; private set; }

    private void BumpGeneration(SqliteTransaction tx)
    {
        using var command = _writer.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'";
        command.ExecuteNonQuery();
    }

    /// <summary>The store on its own file (the file and its folder are created when missing).</summary>
    public static DocumentStore Open(string path, SkillsTaxonomy taxonomy) => Open(new SqliteConnectionFactory(path), ownsDatabase: true, taxonomy);

    /// <summary>The store in a file other stores share; <paramref name="ownsDatabase"/>: dispose the factory with the store.</summary>
    public static DocumentStore Open(SqliteConnectionFactory database, bool ownsDatabase, SkillsTaxonomy taxonomy)
    {
        try
        {
            return new DocumentStore(database, ownsDatabase, taxonomy);
        }
        catch
        {
            if (ownsDatabase)
            {
                database.Dispose();
            }
            throw;
        }
    }

    // ---------------------------------------------------------------- writes (one transaction per batch)

    public void UpsertOffers(IReadOnlyList<OfferDocument> documents, OfferRow[] rows)
    {
        var added = new List<int>();
        var (offerShapes, profileShapes) = (_offerShapes.Count, _profileShapes.Count);
        using var tx = _writer.BeginTransaction();
        try
        {
            using var command = _writer.CreateCommand();
            command.Transaction = tx;
            command.CommandText = """
                INSERT INTO offers(id, skills, lat, lon, commune, contract, exp_req, exp_years, occupation, rome, doc, doc_skills)
                VALUES ($id, $skills, $lat, $lon, $commune, $contract, $exp_req, $exp_years, $occupation, $rome, $doc, $doc_skills)
                ON CONFLICT(id) DO UPDATE SET skills = excluded.skills, lat = excluded.lat, lon = excluded.lon, commune = excluded.commune,
                    contract = excluded.contract, exp_req = excluded.exp_req, exp_years = excluded.exp_years, occupation = excluded.occupation,
                    rome = excluded.rome, doc = excluded.doc, doc_skills = excluded.doc_skills
                """;
            var p = AddParameters(command, "$id", "$skills", "$lat", "$lon", "$commune", "$contract", "$exp_req", "$exp_years", "$occupation", "$rome", "$doc", "$doc_skills");
            command.Prepare();
            for (var i = 0; i < rows.Length; i++)
            {
                var row = rows[i];
                p[0].Value = row.Id;
                p[1].Value = EncodeSkills(row.Skills, tx, added);
                p[2].Value = Nullable(row.Latitude);
                p[3].Value = Nullable(row.Longitude);
                p[4].Value = (object?)row.Commune ?? DBNull.Value;
                p[5].Value = (int)row.Contract;
                p[6].Value = (int)row.Experience;
                p[7].Value = Nullable(row.ExperienceYears);
                p[8].Value = row.Occupation >= 0 ? _taxonomy.Occupations[row.Occupation].Uri : DBNull.Value;
                p[9].Value = (object?)row.RomeCode ?? DBNull.Value;
                var document = documents[i];
                var skills = EncodeDocumentSkills(document.Skills, s => s.SkillUri, _offerShapes, tx, added);
                p[10].Value = JsonSerializer.SerializeToUtf8Bytes(skills is null ? document : document with { Skills = [] }, DocumentJsonContext.Default.OfferDocument);
                p[11].Value = (object?)skills ?? DBNull.Value;
                command.ExecuteNonQuery();
            }
            BumpGeneration(tx);
            tx.Commit();
            Generation++;
        }
        catch
        {
            ForgetLocals(added);
            _offerShapes.Truncate(offerShapes);
            _profileShapes.Truncate(profileShapes);
            throw;
        }
    }

    public void UpsertProfiles(IReadOnlyList<ProfileDocument> documents, ProfileRow[] rows)
    {
        var added = new List<int>();
        var (offerShapes, profileShapes) = (_offerShapes.Count, _profileShapes.Count);
        using var tx = _writer.BeginTransaction();
        try
        {
            using var command = _writer.CreateCommand();
            command.Transaction = tx;
            command.CommandText = """
                INSERT INTO profiles(id, skills, lat, lon, commune, radius, exp_years, wishes, searchable, occupations, attested, romes, doc, doc_skills)
                VALUES ($id, $skills, $lat, $lon, $commune, $radius, $exp_years, $wishes, $searchable, $occupations, $attested, $romes, $doc, $doc_skills)
                ON CONFLICT(id) DO UPDATE SET skills = excluded.skills, lat = excluded.lat, lon = excluded.lon, commune = excluded.commune,
                    radius = excluded.radius, exp_years = excluded.exp_years, wishes = excluded.wishes, searchable = excluded.searchable,
                    occupations = excluded.occupations, attested = excluded.attested, romes = excluded.romes, doc = excluded.doc, doc_skills = excluded.doc_skills
                """;
            var p = AddParameters(command, "$id", "$skills", "$lat", "$lon", "$commune", "$radius", "$exp_years", "$wishes", "$searchable", "$occupations", "$attested", "$romes", "$doc", "$doc_skills");
            command.Prepare();
            for (var i = 0; i < rows.Length; i++)
            {
                var row = rows[i];
                p[0].Value = row.Id;
                p[1].Value = EncodeSkills(row.Skills, tx, added);
                p[2].Value = Nullable(row.Latitude);
                p[3].Value = Nullable(row.Longitude);
                p[4].Value = (object?)row.Commune ?? DBNull.Value;
                p[5].Value = row.RadiusKm;
                p[6].Value = row.ExperienceYears;
                p[7].Value = row.ContractWishes;
                p[8].Value = row.Searchable ? 1 : 0;
                p[9].Value = row.Occupations.Length == 0 ? DBNull.Value : string.Join(' ', row.Occupations.Select(o => _taxonomy.Occupations[o].Uri));
                p[10].Value = row.Attested;
                p[11].Value = row.RomeCodes is { Length: > 0 } romes ? string.Join(' ', romes) : DBNull.Value;
                var document = documents[i];
                var skills = EncodeDocumentSkills(document.Skills, s => s.SkillUri, _profileShapes, tx, added);
                p[12].Value = JsonSerializer.SerializeToUtf8Bytes(skills is null ? document : document with { Skills = [] }, DocumentJsonContext.Default.ProfileDocument);
                p[13].Value = (object?)skills ?? DBNull.Value;
                command.ExecuteNonQuery();
            }
            BumpGeneration(tx);
            tx.Commit();
            Generation++;
        }
        catch
        {
            ForgetLocals(added);
            _offerShapes.Truncate(offerShapes);
            _profileShapes.Truncate(profileShapes);
            throw;
        }
    }

    public int DeleteOffers(IReadOnlyList<string> ids) => Delete("DELETE FROM offers WHERE id = $id", ids);

    public int DeleteProfiles(IReadOnlyList<string> ids) => Delete("DELETE FROM profiles WHERE id = $id", ids);

    private int Delete(string sql, IReadOnlyList<string> ids)
    {
        using var tx = _writer.BeginTransaction();
        using var command = _writer.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        var id = command.Parameters.Add("$id", SqliteType.Text);
        command.Prepare();
        var deleted = 0;
        foreach (var value in ids.Distinct(StringComparer.Ordinal))
        {
            id.Value = value;
            deleted += command.ExecuteNonQuery() > 0 ? 1 : 0;
        }
        BumpGeneration(tx);
        tx.Commit();
        Generation++;
        return deleted;
    }

    // ---------------------------------------------------------------- reads

    public OfferDocument? GetOffer(string id) =>
        ReadJsonAfter("SELECT id, doc, doc_skills FROM offers WHERE id = $id", id, 1, ReadOffer) is [var document] ? document : null;

    public ProfileDocument? GetProfile(string id) =>
        ReadJsonAfter("SELECT id, doc, doc_skills FROM profiles WHERE id = $id", id, 1, ReadProfile) is [var document] ? document : null;

    public IReadOnlyList<OfferDocument> ReadOffersAfter(string? afterId, int limit) =>
        ReadJsonAfter("SELECT id, doc, doc_skills FROM offers WHERE id > $id ORDER BY id LIMIT $limit", afterId ?? "", limit, ReadOffer);

    public IReadOnlyList<ProfileDocument> ReadProfilesAfter(string? afterId, int limit) =>
        ReadJsonAfter("SELECT id, doc, doc_skills FROM profiles WHERE id > $id ORDER BY id LIMIT $limit", afterId ?? "", limit, ReadProfile);

    private OfferDocument ReadOffer(byte[] json, byte[]? skills)
    {
        var document = JsonSerializer.Deserialize(json, DocumentJsonContext.Default.OfferDocument)!;
        return skills is null ? document : document with { Skills = DecodeDocumentSkills(skills, _offerShapes, (s, uri) => s with { SkillUri = uri }) };
    }

    private ProfileDocument ReadProfile(byte[] json, byte[]? skills)
    {
        var document = JsonSerializer.Deserialize(json, DocumentJsonContext.Default.ProfileDocument)!;
        return skills is null ? document : document with { Skills = DecodeDocumentSkills(skills, _profileShapes, (s, uri) => s with { SkillUri = uri }) };
    }

    // SQLite compares TEXT with memcmp on UTF-8 (BINARY collation), which orders as string.CompareOrdinal
    // except around surrogate pairs; the scan only needs a stable total order, which it is.
    private List<T> ReadJsonAfter<T>(string sql, string id, int limit, Func<byte[], byte[]?, T> read)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        if (sql.Contains("$limit", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("$limit", limit);
        }
        var items = new List<T>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            items.Add(read((byte[])reader.GetValue(1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2)));
        }
        return items;
    }

    /// <summary>Ids of the offers a recruiter posted (a scan: for export and erasure, not for queries).</summary>
    public IReadOnlyList<string> OfferIdsOwnedBy(string ownerId)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM offers WHERE json_extract(CAST(doc AS TEXT), '$.ownerId') = $owner ORDER BY id";
        command.Parameters.AddWithValue("$owner", ownerId);
        var ids = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    /// <summary>Streams the cold-start projection of every offer, in write order.</summary>
    public IEnumerable<OfferRow> ReadOfferRows()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        // The place wider than a commune of an offer without coordinates is read from its JSON (a few offers in a hundred): the index derives its area at load.
        command.CommandText = $"SELECT id, skills, lat, lon, commune, contract, exp_req, exp_years, occupation, rome, {PlaceAreaOfUnlocated} FROM offers ORDER BY seq";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var occupation = reader.IsDBNull(8) ? -1 : _taxonomy.OccupationByUri(reader.GetString(8))?.Id ?? -1;
            yield return new OfferRow(
                reader.GetString(0),
                DecodeSkills((byte[])reader.GetValue(1)),
                reader.IsDBNull(2) ? double.NaN : reader.GetDouble(2),
                reader.IsDBNull(3) ? double.NaN : reader.GetDouble(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                (ContractType)reader.GetInt32(5),
                (ExperienceRequirement)reader.GetInt32(6),
                reader.IsDBNull(7) ? double.NaN : reader.GetDouble(7),
                occupation,
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : ReadPlaceArea(reader.GetString(10)));
        }
    }

    /// <summary>The <c>placeArea</c> of an offer without coordinates, as JSON text (NULL for an offer with coordinates or without one).</summary>
    private const string PlaceAreaOfUnlocated = "CASE WHEN lat IS NULL THEN json_extract(CAST(doc AS TEXT), '$.placeArea') END";

    /// <summary>The place wider than a commune of every offer without coordinates that has one (id, area): what a snapshot of version 5 lacks.</summary>
    public IEnumerable<(string Id, PlaceArea Area)> ReadOfferPlaceAreas()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, {PlaceAreaOfUnlocated} FROM offers WHERE lat IS NULL";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (!reader.IsDBNull(1) && ReadPlaceArea(reader.GetString(1)) is { } area)
            {
                yield return (reader.GetString(0), area);
            }
        }
    }

    private static PlaceArea? ReadPlaceArea(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, DocumentJsonContext.Default.PlaceArea);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public IEnumerable<ProfileRow> ReadProfileRows()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, skills, lat, lon, commune, radius, exp_years, wishes, searchable, occupations, attested, romes FROM profiles ORDER BY seq";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var skills = DecodeSkills((byte[])reader.GetValue(1));
            Array.Sort(skills);
            int[] occupations = reader.IsDBNull(9)
                ? []
                : [.. reader.GetString(9).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(u => _taxonomy.OccupationByUri(u)?.Id ?? -1).Where(o => o >= 0)];
            yield return new ProfileRow(
                reader.GetString(0),
                skills,
                reader.IsDBNull(2) ? double.NaN : reader.GetDouble(2),
                reader.IsDBNull(3) ? double.NaN : reader.GetDouble(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetDouble(5),
                reader.GetDouble(6),
                reader.GetInt32(7),
                reader.GetInt32(8) != 0,
                occupations,
                reader.GetDouble(10),
                reader.IsDBNull(11) ? [] : reader.GetString(11).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    public (long Offers, long Profiles) Count()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM offers), (SELECT count(*) FROM profiles)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    // ---------------------------------------------------------------- skills blob

    /// <summary>Skills (taxonomy ids with <see cref="Packed"/> flags) as little-endian store-local ints with the same flags.</summary>
    private byte[] EncodeSkills(int[] skills, SqliteTransaction tx, List<int> added)
    {
        var bytes = new byte[skills.Length * 4];
        for (var i = 0; i < skills.Length; i++)
        {
            var local = LocalOf(skills[i] & Packed.IdMask, tx, added);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), local | (skills[i] & ~Packed.IdMask));
        }
        return bytes;
    }

    private int LocalOf(int skill, SqliteTransaction tx, List<int> added)
    {
        var local = _localOfSkill[skill];
        if (local >= 0)
        {
            return local;
        }
        local = _skillOfLocal.Count;
        var uri = _taxonomy.Skills[skill].Uri;
        using var insert = _writer.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO skill_dict(local, uri) VALUES ($local, $uri)";
        insert.Parameters.AddWithValue("$local", local);
        insert.Parameters.AddWithValue("$uri", uri);
        insert.ExecuteNonQuery();
        _skillOfLocal.Add(skill);
        lock (_uriOfLocal)
        {
            _uriOfLocal.Add(uri);
        }
        _localOfSkill[skill] = local;
        added.Add(skill);
        return local;
    }

    /// <summary>
    /// A document's skills as varint pairs (store-local skill id, shape id); null when one of them is not a URI the taxonomy spells
    /// exactly so (validation accepts no other), and the skills then stay in the JSON. 45 skills of a generated offer: ~100 bytes
    /// instead of ~3.5 KB of JSON with full URIs.
    /// </summary>
    private byte[]? EncodeDocumentSkills<T>(IReadOnlyList<T> skills, Func<T, string> uriOf, SkillShapes<T> shapes, SqliteTransaction tx, List<int> added)
        where T : notnull
    {
        Span<byte> buffer = skills.Count <= 256 ? stackalloc byte[skills.Count * 10] : new byte[skills.Count * 10];
        var length = 0;
        foreach (var skill in skills)
        {
            var uri = uriOf(skill);
            if (_taxonomy.SkillByUri(uri) is not { } known || !string.Equals(known.Uri, uri, StringComparison.Ordinal))
            {
                return null;
            }
            length += WriteVarint(buffer[length..], (uint)LocalOf(known.Id, tx, added));
            length += WriteVarint(buffer[length..], (uint)shapes.IdOf(skill, _writer, tx));
        }
        return buffer[..length].ToArray();
    }

    private List<T> DecodeDocumentSkills<T>(byte[] bytes, SkillShapes<T> shapes, Func<T, string, T> withUri)
        where T : notnull
    {
        var skills = new List<T>();
        lock (_uriOfLocal)
        {
            lock (shapes.Sync)
            {
                for (var at = 0; at < bytes.Length;)
                {
                    var local = (int)ReadVarint(bytes, ref at);
                    var shape = (int)ReadVarint(bytes, ref at);
                    skills.Add(withUri(shapes[shape], _uriOfLocal[local]));
                }
            }
        }
        return skills;
    }

    private static int WriteVarint(Span<byte> buffer, uint value)
    {
        var length = 0;
        while (value >= 0x80)
        {
            buffer[length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        buffer[length++] = (byte)value;
        return length;
    }

    private static uint ReadVarint(byte[] bytes, ref int at)
    {
        uint value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }

    private int[] DecodeSkills(byte[] bytes)
    {
        var skills = new int[bytes.Length / 4];
        var count = 0;
        for (var i = 0; i < skills.Length; i++)
        {
            var value = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * 4));
            var local = value & Packed.IdMask;
            var skill = local < _skillOfLocal.Count ? _skillOfLocal[local] : -1;
            if (skill >= 0)
            {
                skills[count++] = skill | (value & ~Packed.IdMask);
            }
        }
        return count == skills.Length ? skills : skills[..count];
    }

    /// <summary>A rolled-back batch must not leave store-local ids that the file does not have.</summary>
    private void ForgetLocals(List<int> added)
    {
        foreach (var skill in added)
        {
            _localOfSkill[skill] = -1;
        }
        if (added.Count > 0)
        {
            _skillOfLocal.RemoveRange(_skillOfLocal.Count - added.Count, added.Count);
            lock (_uriOfLocal)
            {
                _uriOfLocal.RemoveRange(_uriOfLocal.Count - added.Count, added.Count);
            }
        }
    }

    private static SqliteParameter[] AddParameters(SqliteCommand command, params string[] names) =>
        [.. names.Select(n => command.Parameters.Add(new SqliteParameter { ParameterName = n }))];

    private static object Nullable(double value) => double.IsNaN(value) ? DBNull.Value : value;

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _writer.Dispose();
        // Pooled read connections of a file of its own would keep it (and its WAL) open after the index is gone.
        if (_ownsDatabase)
        {
            _database.Dispose();
        }
    }
}
