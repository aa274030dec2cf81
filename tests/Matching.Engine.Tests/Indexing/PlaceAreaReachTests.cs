using Matching.Engine.Geography;
using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;
using Matching.Engine.Scoring;
using static Matching.Engine.Tests.Indexing.IndexTestKit;
using static Matching.Engine.Tests.Ingest.IngestTestData;

namespace Matching.Engine.Tests.Indexing;

/// <summary>
/// Offers France Travail locates only by a département or a région (issue 10): within a seeker's radius when the circle reaches the
/// area's ground (a commune of the area within the radius plus the commune's extent), with an unknown distance; France, remote work
/// and abroad pass every radius. The same rule for an offer's candidates, each with their own radius or the query's; and across a
/// snapshot (docs/scoring.md, "Places wider than a commune").
/// </summary>
public sealed class PlaceAreaReachTests : IDisposable
{
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    /// <summary>An offer of Offres d'emploi v2 given only by <c>lieuTravail.libelle</c>, no commune, no coordinates.</summary>
    private static OfferDocument FranceTravailOffer(string id, string libelle) =>
        OfferBuilder().Build(OfferItem($$"""
            {
              "id": "{{id}}",
              "intitule": "Technicien de maintenance industrielle (H/F)",
              "description": "Vous assurez la maintenance préventive et curative des lignes de production. Vous diagnostiquez les pannes électriques, mécaniques et pneumatiques.",
              "dateCreation": "2025-03-11T09:15:00.000Z",
              "lieuTravail": { "libelle": "{{libelle}}" },
              "romeCode": "I1304",
              "appellationlibelle": "Technicien / Technicienne de maintenance industrielle",
              "entreprise": { "nom": "INDUSTRIES ALPINES" },
              "typeContrat": "CDI",
              "experienceExige": "D"
            }
            """)).Document!;

    [Theory]
    [InlineData("74 - Haute-Savoie", "D74")]
    [InlineData("74 - Savoie (Haute)", "D74")]
    [InlineData("2A - Corse-du-Sud", "D2A")]
    [InlineData("Auvergne-Rhône-Alpes", "R84")]
    [InlineData("Ile-de-France", "R11")]
    [InlineData("PROVENCE ALPES COTE D'AZUR", "R93")]
    [InlineData("France", null)]
    [InlineData("Télétravail", null)]
    [InlineData("Suisse (Frontalier)", null)]
    [InlineData("Atlantide", null)]
    public void An_offers_area_is_read_as_a_departement_or_a_region_of_the_reference_geography(string libelle, string? key) =>
        Assert.Equal(key, PlaceAreas.KeyOf(PlaceAreas_Read(libelle)));

    private static PlaceArea? PlaceAreas_Read(string libelle) => global::Matching.Engine.Ingest.PlaceAreas.Read(libelle);

    [Fact]
    public void A_circle_reaches_an_area_when_it_meets_one_of_its_communes()
    {
        Assert.True(PlaceAreas.Reaches("D74", Annecy.Latitude, Annecy.Longitude, 10));
        Assert.True(PlaceAreas.Reaches("D74", Annecy.Latitude, Annecy.Longitude, 0));
        Assert.False(PlaceAreas.Reaches("D74", Lyon.Latitude, Lyon.Longitude, 10));
        Assert.True(PlaceAreas.Reaches("D74", Lyon.Latitude, Lyon.Longitude, 150));
        Assert.True(PlaceAreas.Reaches("R84", Lyon.Latitude, Lyon.Longitude, 10));
        Assert.False(PlaceAreas.Reaches("R11", Lyon.Latitude, Lyon.Longitude, 100));
        Assert.False(PlaceAreas.Reaches("D99", Lyon.Latitude, Lyon.Longitude, 1000));

        var fromLyon = PlaceAreas.ReachedBy(Lyon.Latitude, Lyon.Longitude, 10);
        Assert.Contains("D69", fromLyon);
        Assert.Contains("R84", fromLyon);
        Assert.DoesNotContain("D74", fromLyon);
        // Every key ReachedBy lists, and only those, Reaches says yes to: the two indexes read one rule.
        foreach (var key in PlaceAreas.Keys)
        {
            Assert.Equal(fromLyon.Contains(key), PlaceAreas.Reaches(key, Lyon.Latitude, Lyon.Longitude, 10));
        }
    }

    [Fact]
    public async Task A_departement_offer_is_within_reach_from_Annecy_at_10_km_not_from_Lyon_and_France_still_passes()
    {
        var hauteSavoie = FranceTravailOffer("186HS", "74 - Haute-Savoie");
        var region = FranceTravailOffer("186ARA", "Auvergne-Rhône-Alpes");
        var ileDeFrance = FranceTravailOffer("186IDF", "Ile-de-France");
        var france = FranceTravailOffer("186FR", "France");
        var remote = FranceTravailOffer("186TT", "Télétravail");
        using var index = _store.Open();
        await index.UpsertOffersAsync([hauteSavoie, region, ileDeFrance, france, remote]);
        var skills = hauteSavoie.Skills.Select(s => new OfferedSkill(s.SkillUri)).ToList();
        ProfileDocument Seeker(Place? place) => new() { Id = "s", Skills = skills, Place = place, RadiusKm = 10 };

        var fromAnnecy = (await index.MatchOffersAsync(Seeker(Annecy), new MatchOptions(10))).Hits;
        var fromLyon = (await index.MatchOffersAsync(Seeker(Lyon), new MatchOptions(10))).Hits;
        var nowhere = (await index.MatchOffersAsync(Seeker(null), new MatchOptions(10))).Hits;

        Assert.Equal(["186ARA", "186FR", "186HS", "186TT"], fromAnnecy.Select(h => h.Id).Order());
        Assert.Equal(["186ARA", "186FR", "186TT"], fromLyon.Select(h => h.Id).Order());
        Assert.Equal(5, nowhere.Count);
        // Within reach, the distance stays unknown: no km, the factor of half the radius.
        Assert.All(fromAnnecy, h => Assert.Null(h.Explanation.DistanceKm));
        Assert.All(fromAnnecy, h => Assert.Equal(MatchScorer.UnknownDistance, h.Explanation.Parts.Distance));
        // With a wider radius from Lyon, Haute-Savoie is reached.
        Assert.Contains("186HS", (await index.MatchOffersAsync(Seeker(Lyon), new MatchOptions(10, RadiusKm: 150))).Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task A_departement_offers_candidates_are_the_seekers_whose_circle_reaches_it_and_those_without_a_place()
    {
        var hauteSavoie = FranceTravailOffer("186HS", "74 - Haute-Savoie");
        var skills = hauteSavoie.Skills.Select(s => new OfferedSkill(s.SkillUri)).ToList();
        using var index = _store.Open();
        await index.UpsertProfilesAsync(
        [
            new ProfileDocument { Id = "annecy", Skills = skills, Place = Annecy, RadiusKm = 10, Searchable = true },
            new ProfileDocument { Id = "lyon", Skills = skills, Place = Lyon, RadiusKm = 10, Searchable = true },
            new ProfileDocument { Id = "lyon-far", Skills = skills, Place = Lyon, RadiusKm = 150, Searchable = true },
            new ProfileDocument { Id = "nowhere", Skills = skills, Searchable = true },
        ]);

        var own = (await index.MatchProfilesAsync(hauteSavoie, new MatchOptions(10))).Hits;
        var wide = (await index.MatchProfilesAsync(hauteSavoie, new MatchOptions(10, RadiusKm: 150))).Hits;
        var france = (await index.MatchProfilesAsync(FranceTravailOffer("186FR", "France"), new MatchOptions(10))).Hits;

        Assert.Equal(["annecy", "lyon-far", "nowhere"], own.Select(h => h.Id).Order());
        Assert.Equal(["annecy", "lyon", "lyon-far", "nowhere"], wide.Select(h => h.Id).Order());
        Assert.Equal(4, france.Count);
        Assert.All(own, h => Assert.Null(h.Explanation.DistanceKm));
    }

    [Fact]
    public async Task The_rule_holds_after_a_snapshot_and_after_a_rebuild_from_the_store()
    {
        var hauteSavoie = FranceTravailOffer("186HS", "74 - Haute-Savoie");
        var skills = hauteSavoie.Skills.Select(s => new OfferedSkill(s.SkillUri)).ToList();
        var fromLyon = new ProfileDocument { Id = "s", Skills = skills, Place = Lyon, RadiusKm = 10 };
        var fromAnnecy = fromLyon with { Place = Annecy };
        using (var index = _store.Open())
        {
            await index.UpsertOffersAsync([hauteSavoie, FranceTravailOffer("186FR", "France")]);
        }
        // The snapshot written at shutdown (version 6: the place areas in the columns).
        using (var index = _store.Open())
        {
            Assert.Equal(["186FR"], (await index.MatchOffersAsync(fromLyon, new MatchOptions(10))).Hits.Select(h => h.Id));
            Assert.Equal(["186FR", "186HS"], (await index.MatchOffersAsync(fromAnnecy, new MatchOptions(10))).Hits.Select(h => h.Id).Order());
        }
        // Without the snapshot: rows from the store, the area read from the offer's JSON.
        File.Delete(IndexSnapshot.PathFor(_store.StorePath));
        using (var index = _store.Open())
        {
            Assert.Equal(["186FR"], (await index.MatchOffersAsync(fromLyon, new MatchOptions(10))).Hits.Select(h => h.Id));
            Assert.Equal(["186FR", "186HS"], (await index.MatchOffersAsync(fromAnnecy, new MatchOptions(10))).Hits.Select(h => h.Id).Order());
        }
    }

    [Fact]
    public async Task A_snapshot_written_by_an_index_opened_without_the_place_area_map_gets_them_from_the_store()
    {
        var hauteSavoie = FranceTravailOffer("186HS", "74 - Haute-Savoie");
        var skills = hauteSavoie.Skills.Select(s => new OfferedSkill(s.SkillUri)).ToList();
        var fromLyon = new ProfileDocument { Id = "s", Skills = skills, Place = Lyon, RadiusKm = 10 };
        // A tool opening the store without the reference geography: every offer's place area is 0 in its snapshot.
        using (var index = EmbeddedMatchIndex.Open(_store.StorePath, Esco, Graph, AreaOfCommune, AreaName))
        {
            await index.UpsertOffersAsync([hauteSavoie, FranceTravailOffer("186FR", "France")]);
            Assert.Equal(2, (await index.MatchOffersAsync(fromLyon, new MatchOptions(10))).Hits.Count);
        }
        var path = IndexSnapshot.PathFor(_store.StorePath);
        var written = File.GetLastWriteTimeUtc(path);
        // Marked: the taxonomy's fingerprint, but not the bare one an index with the map writes.
        var (_, _, _, marked) = SnapshotHeader(path);
        Assert.StartsWith(IndexSnapshot.Fingerprint(Esco, Graph), marked);
        Assert.NotEqual(IndexSnapshot.Fingerprint(Esco, Graph), marked);

        using (var index = _store.Open())
        {
            Assert.Equal(["186FR"], (await index.MatchOffersAsync(fromLyon, new MatchOptions(10))).Hits.Select(h => h.Id));
            Assert.Equal(["186FR", "186HS"], (await index.MatchOffersAsync(fromLyon with { Place = Annecy }, new MatchOptions(10))).Hits.Select(h => h.Id).Order());
        }
        // Written again at shutdown with the areas, under the bare fingerprint: read as current by the next open with the map,
        // which writes nothing.
        var rewritten = File.GetLastWriteTimeUtc(path);
        Assert.NotEqual(written, rewritten);
        var (version, storeId, generation, fingerprint) = SnapshotHeader(path);
        Assert.Equal(6, version);
        Assert.Equal(IndexSnapshot.Fingerprint(Esco, Graph), fingerprint);
        using (var index = _store.Open())
        {
            Assert.Equal(["186FR"], (await index.MatchOffersAsync(fromLyon, new MatchOptions(10))).Hits.Select(h => h.Id));
        }
        Assert.Equal(rewritten, File.GetLastWriteTimeUtc(path));
        Assert.True(IndexSnapshot.TryRead(path, new InMemoryIndex(Esco, Graph, AreaOfCommune, PlaceAreas), storeId, generation, fingerprint, out _, out var outdated, out var missing));
        Assert.False(outdated);
        Assert.False(missing);
    }

    [Fact]
    public async Task A_version_5_snapshot_which_kept_no_place_area_gets_them_from_the_store()
    {
        var hauteSavoie = FranceTravailOffer("186HS", "74 - Haute-Savoie");
        var skills = hauteSavoie.Skills.Select(s => new OfferedSkill(s.SkillUri)).ToList();
        var fromLyon = new ProfileDocument { Id = "s", Skills = skills, Place = Lyon, RadiusKm = 10 };
        using (var index = _store.Open())
        {
            await index.UpsertOffersAsync([hauteSavoie, FranceTravailOffer("186FR", "France")]);
        }
        // The snapshot as version 5 wrote it: the same header and tables, no table of place areas, 0 in the columns' place area.
        var path = IndexSnapshot.PathFor(_store.StorePath);
        var (version, storeId, generation, fingerprint) = SnapshotHeader(path);
        Assert.Equal(6, version);
        var read = new InMemoryIndex(Esco, Graph, AreaOfCommune, PlaceAreas);
        Assert.True(IndexSnapshot.TryRead(path, read, storeId, generation, fingerprint, out _, out var outdated, out _));
        Assert.False(outdated);
        for (var doc = 0; doc < read.Offers.HighWater; doc++)
        {
            read.Offers.SetPlaceArea(doc, 0);
        }
        using (var writer = new BinaryWriter(File.Create(path)))
        {
            writer.Write(0x31_504E_5348_4F43L);
            writer.Write(5);
            writer.Write(storeId);
            writer.Write(generation);
            writer.Write(fingerprint);
            writer.Write(read.AreaCodes.Count);
            foreach (var code in read.AreaCodes)
            {
                writer.Write(code);
            }
            writer.Write(read.RomeCodes.Count);
            foreach (var code in read.RomeCodes)
            {
                writer.Write(code);
            }
            read.Offers.WriteTo(writer);
            read.Profiles.WriteTo(writer);
            writer.Write(0x31_504E_5348_4F43L);
        }

        using (var index = _store.Open())
        {
            Assert.Equal(["186FR"], (await index.MatchOffersAsync(fromLyon, new MatchOptions(10))).Hits.Select(h => h.Id));
            Assert.Equal(["186FR", "186HS"], (await index.MatchOffersAsync(fromLyon with { Place = Annecy }, new MatchOptions(10))).Hits.Select(h => h.Id).Order());
        }
        // Written again at shutdown in version 6.
        Assert.Equal(6, SnapshotHeader(path).Version);
    }

    /// <summary>A snapshot's header as <see cref="IndexSnapshot.Write"/> lays it out: magic, version, store id, generation, fingerprint.</summary>
    private static (int Version, string StoreId, long Generation, string Fingerprint) SnapshotHeader(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        reader.ReadInt64();
        return (reader.ReadInt32(), reader.ReadString(), reader.ReadInt64(), reader.ReadString());
    }
}
