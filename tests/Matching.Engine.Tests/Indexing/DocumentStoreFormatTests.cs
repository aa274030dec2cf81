using System.Text;
using System.Text.Json;
using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;
using Matching.Engine.Storage;
using Microsoft.Data.Sqlite;
using static Matching.Engine.Tests.Indexing.IndexTestKit;

namespace Matching.Engine.Tests.Indexing;

/// <summary>
/// The store's file format (schema version 5): one row per document with its JSON, the skills apart as (store-local id, shape)
/// pairs; documents read back as written, stores of older versions open, and an erased document leaves nothing in the files.
/// </summary>
public sealed class DocumentStoreFormatTests : IDisposable
{
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    private static string Json(OfferDocument? offer) => JsonSerializer.Serialize(offer);

    private static string Json(ProfileDocument? profile) => JsonSerializer.Serialize(profile);

    private static OfferDocument MixedOffer(string id, Matching.Engine.Taxonomy.Skill[] s) => new()
    {
        Id = id,
        Title = "Soudeur / soudeuse",
        OccupationUri = Esco.Occupations[0].Uri,
        RomeCode = "H2913",
        Skills =
        [
            new DemandedSkill(s[0].Uri, SkillImportance.Essential),
            new DemandedSkill(s[1].Uri, SkillImportance.Optional, Source: SkillSource.OfferText),
            new DemandedSkill(s[2].Uri, SkillImportance.Essential, MustHave: true, Source: SkillSource.OfferFields),
            new DemandedSkill(s[3].Uri, SkillImportance.Essential, Source: SkillSource.Occupation),
        ],
        Place = new Place(48.73666, 2.16928, "91534", "Saclay"),
        Contract = ContractType.Temporary,
        Experience = ExperienceRequirement.Required,
        ExperienceYears = 2,
        FullTime = true,
        Description = "Soudure TIG sur tuyauterie inox.",
        OwnerId = "recruiter-7",
    };

    private static ProfileDocument MixedProfile(string id, Matching.Engine.Taxonomy.Skill[] s) => new()
    {
        Id = id,
        TargetRomeCodes = ["H2913"],
        Skills = [new OfferedSkill(s[3].Uri, SkillEvidence.PastJob), new OfferedSkill(s[0].Uri), new OfferedSkill(s[2].Uri, SkillEvidence.AdviserConfirmed)],
        Place = new Place(45.75, 4.85, "69123", "Lyon"),
        RadiusKm = 25,
        ExperienceYears = 3,
        ContractWishes = [ContractType.Permanent],
        Searchable = false,
    };

    [Fact]
    public async Task Documents_read_back_as_written_with_their_skills_in_order_before_and_after_a_restart()
    {
        var s = UnlinkedSkills(4);
        var offers = new[] { MixedOffer("o1", s), MixedOffer("o2", [s[3], s[2], s[1], s[0]]) with { OwnerId = null }, Offer("o3", []) };
        var profiles = new[] { MixedProfile("p1", s), Profile("p2", []) };
        using (var index = _store.Open())
        {
            await index.UpsertOffersAsync(offers);
            await index.UpsertProfilesAsync(profiles);
            foreach (var offer in offers)
            {
                Assert.Equal(Json(offer), Json(await index.GetOfferAsync(offer.Id)));
            }
        }

        using var reopened = _store.Open();
        foreach (var offer in offers)
        {
            Assert.Equal(Json(offer), Json(await reopened.GetOfferAsync(offer.Id)));
        }
        foreach (var profile in profiles)
        {
            Assert.Equal(Json(profile), Json(await reopened.GetProfileAsync(profile.Id)));
        }
        Assert.Equal(offers.Select(Json), reopened.ReadOffersAfter(null, 10).Select(Json));
        Assert.Equal(["o1"], await reopened.OfferIdsOwnedByAsync("recruiter-7"));

        // The skills are stored apart from the JSON, as a few bytes per skill: no skill URI is in the row.
        using var connection = new SqliteConnection($"Data Source={_store.StorePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT CAST(doc AS TEXT), length(doc_skills) FROM offers WHERE id = 'o1'";
        using var row = command.ExecuteReader();
        Assert.True(row.Read());
        Assert.DoesNotContain(s[0].Uri, row.GetString(0), StringComparison.Ordinal);
        Assert.InRange(row.GetInt64(1), 8, 4 * 6);
    }

    [Fact]
    public async Task A_store_of_schema_version_3_opens_its_rome_codes_come_from_the_json_and_its_json_moves_into_the_rows()
    {
        var s = UnlinkedSkills(4);
        var (target, _, _, other) = RomeCodesForFit();
        var targetOffer = MixedOffer("target", s) with { RomeCode = target, Place = null };
        var otherOffer = Offer("other", [s[0]], romeCode: other);
        var profile = Profile("p", [s[0]], targetRomeCodes: [target]);
        // What Coach wrote before version 4: the projection rows (skills as store-local ints), the JSON in tables of its own, no ROME columns.
        using (var database = new SqliteConnectionFactory(_store.StorePath))
        {
            Assert.Equal(3, database.Migrate("documents", [.. DocumentStore.Migrations.Take(3)]));
            using var connection = database.Open();
            Execute(connection, "INSERT INTO meta(key, value) VALUES ('store_id', 'v3-store')");
            for (var i = 0; i < s.Length; i++)
            {
                Execute(connection, "INSERT INTO skill_dict(local, uri) VALUES ($a, $b)", i, s[i].Uri);
            }
            // Taxonomy ids of the target offer's 4 skills as locals 0-3: optional (1 << 29) and must-have (1 << 30) flags as the compiler packs them.
            Execute(connection, "INSERT INTO offers(seq, id, skills, contract, exp_req) VALUES (1, 'target', $a, 0, 0)", Ints(0, 1 | (1 << 29), 2 | (1 << 30), 3));
            Execute(connection, "INSERT INTO offer_json(seq, json) VALUES (1, $a)", JsonSerializer.SerializeToUtf8Bytes(targetOffer, DocumentJsonContext.Default.OfferDocument));
            Execute(connection, "INSERT INTO offers(seq, id, skills, contract, exp_req) VALUES (2, 'other', $a, 0, 0)", Ints(0));
            Execute(connection, "INSERT INTO offer_json(seq, json) VALUES (2, $a)", JsonSerializer.SerializeToUtf8Bytes(otherOffer, DocumentJsonContext.Default.OfferDocument));
            Execute(connection, "INSERT INTO profiles(seq, id, skills, radius, exp_years, wishes, searchable) VALUES (1, 'p', $a, 30, 5, 0, 1)", Ints(0));
            Execute(connection, "INSERT INTO profile_json(seq, json) VALUES (1, $a)", JsonSerializer.SerializeToUtf8Bytes(profile, DocumentJsonContext.Default.ProfileDocument));
        }

        using (var index = _store.Open())
        {
            Assert.Equal(Json(targetOffer), Json(await index.GetOfferAsync("target")));
            Assert.Equal(Json(profile), Json(await index.GetProfileAsync("p")));
            var offers = await index.MatchOffersAsync(Profile("q", s, targetRomeCodes: [target]), new MatchOptions(Size: 10));
            Assert.Equal([("target", 1.0), ("other", Matching.Engine.Scoring.MatchScorer.OccupationOther)], offers.Hits.Select(h => (h.Id, h.Explanation.Parts.Occupation)));
            // A document written after the migration takes the new form, next to the migrated ones.
            await index.UpsertOffersAsync([targetOffer with { Title = "rewritten" }]);
            Assert.Equal("rewritten", (await index.GetOfferAsync("target"))!.Title);
            Assert.Equal(Json(otherOffer), Json(await index.GetOfferAsync("other")));
        }

        using var reopened = new SqliteConnectionFactory(_store.StorePath);
        Assert.Equal(5, reopened.SchemaVersion("documents"));
        using var check = reopened.Open();
        using var tables = check.CreateCommand();
        tables.CommandText = "SELECT count(*) FROM sqlite_master WHERE name IN ('offer_json', 'profile_json')";
        Assert.Equal(0L, tables.ExecuteScalar());
    }

    [Fact]
    public async Task An_erased_profile_and_offer_cannot_be_read_back_from_the_files()
    {
        const string secretPlace = "Hameau-des-Zzyzx-4b1e";
        const string secretText = "Recrute-chez-Dupont-9c2d";
        var s = UnlinkedSkills(4);
        using (var index = _store.Open())
        {
            // Neighbours on the same pages, so the deleted rows share pages rather than free whole ones.
            await index.UpsertProfilesAsync([.. Enumerable.Range(0, 40).Select(i => MixedProfile($"other-{i}", s))]);
            await index.UpsertOffersAsync([.. Enumerable.Range(0, 40).Select(i => MixedOffer($"other-{i}", s))]);
            await index.UpsertProfilesAsync([MixedProfile("erased", s) with { Place = new Place(45.1, 5.2, "38185", secretPlace) }]);
            await index.UpsertOffersAsync([MixedOffer("erased", s) with { Description = secretText }]);
            Assert.True(FilesContain(secretPlace));
            Assert.True(FilesContain(secretText));

            Assert.Equal(1, await index.DeleteProfilesAsync(["erased"]));
            Assert.Equal(1, await index.DeleteOffersAsync(["erased"]));
        }

        Assert.False(FilesContain(secretPlace), "The erased profile is still in the store's files.");
        Assert.False(FilesContain(secretText), "The erased offer is still in the store's files.");
    }

    private bool FilesContain(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return Directory.EnumerateFiles(_store.Folder, "coach.db*").Any(f =>
        {
            using var file = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var bytes = new MemoryStream();
            file.CopyTo(bytes);
            return bytes.GetBuffer().AsSpan(0, (int)bytes.Length).IndexOf(needle) >= 0;
        });
    }

    private static byte[] Ints(params int[] values) => [.. values.SelectMany(BitConverter.GetBytes)];

    private static void Execute(SqliteConnection connection, string sql, params object[] values)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (value, name) in values.Zip(new[] { "$a", "$b" }))
        {
            command.Parameters.AddWithValue(name, value);
        }
        command.ExecuteNonQuery();
    }
}
