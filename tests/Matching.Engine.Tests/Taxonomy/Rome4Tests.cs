using Matching.Engine.Data;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Tests.Taxonomy;

public sealed class Rome4Tests
{
    private static SkillsTaxonomy Taxonomy => TaxonomyFixture.Taxonomy;

    private static Rome4Referential Rome4 => Taxonomy.Rome4;

    private static string Rome4File(string name) => Path.Combine(TaxonomyFixture.DataPath, "rome4", $"unix_{name}_v460_utf8.csv");

    [Fact]
    public void Counts_match_the_provenance_notes()
    {
        Assert.Equal(1_584, Rome4.Sheets.Count);
        Assert.Equal(13_120, Rome4.Appellations.Count);
        Assert.Equal(17_810 + 507 + 15_354, Rome4.Items.Count);
        Assert.Equal(507, Rome4.Items.Count(i => i.IsMacro));
        Assert.Equal(15_354, Rome4.Items.Count(i => i.Kind == Rome4ItemKind.Savoir));
        Assert.Equal(16, Rome4.Items.Count(i => i.Kind == Rome4ItemKind.SavoirEtre));
        Assert.Equal(179, Rome4.WorkContexts.Count);
        Assert.Equal(30, Rome4.InterestCentres.Count);
        Assert.Equal(532, Rome4.Families.Count);
        Assert.Equal(14_912, Rome4.Sheets.Sum(s => s.Mobilities.Length));
        Assert.Equal(90_556, Rome4.Sheets.Sum(s => s.Items.Length));
        Assert.Equal(13_663, Rome4.Sheets.Sum(s => s.WorkContexts.Length));
        Assert.Equal(18_900, Rome4.Sheets.Sum(s => s.Items.Count(i => i.Core == Rome4Core.Principal)));
        Assert.Equal(1_731, Rome4.Sheets.Sum(s => s.Items.Count(i => i.Core == Rome4Core.Emerging)));
        Assert.Equal(1_584, Rome4.Appellations.Count(a => a.Principal));
        Assert.All(Rome4.Sheets, s =>
        {
            Assert.Single(s.AppellationCodes, c => Rome4.Appellation(c)!.Principal);
            Assert.True(Rome4.Appellation(s.AppellationCodes[0])!.Principal);
            Assert.NotNull(s.Definition);
            Assert.Single(s.Sectors, m => m.Principal);
            Assert.NotEmpty(s.Riasec);
        });
    }

    [Fact]
    public void A_rome4_only_sheet_carries_every_part()
    {
        var sheet = Rome4.Sheet("M1811");
        Assert.NotNull(sheet);
        Assert.Equal("Data engineer", sheet.Label);
        Assert.Null(Taxonomy.RomeJob("M1811"));
        Assert.Equal("M1802", sheet.ParentCode);
        Assert.True(sheet.Executive);
        Assert.Null(sheet.Regulated);
        Assert.Equal("IC", sheet.Riasec);
        Assert.Equal("M18", sheet.DomainCode);
        Assert.Equal("Data engineer", Rome4.Appellation(sheet.AppellationCodes[0])!.Label);
        Assert.Contains("Big Data", sheet.Definition);
        Assert.Contains("Bac+5", sheet.AccessToJob);
        Assert.Contains(sheet.CoreItems, i => Rome4.Item(i.Code)!.Label == "Gérer et maitriser des bases de données (SQL/NoSQL)");
        Assert.Equal("M1805", sheet.Mobilities[0]);
        Assert.Equal("Recherche", Rome4.Sector(sheet.Sectors[0].Code)!.Label);
        Assert.True(sheet.Sectors[0].Principal);
        Assert.Contains(sheet.InterestCentres, m => Rome4.InterestCentre(m.Code)!.Label == "J'aime manier les chiffres");
        Assert.Contains(sheet.NafSectors, n => Rome4.NafSector(n)!.Label.StartsWith("Programmation, conseil", StringComparison.Ordinal));
        Assert.NotEmpty(sheet.Themes);
        Assert.NotEmpty(sheet.WorkContexts);
    }

    [Fact]
    public void Core_items_come_first_and_know_their_kind()
    {
        var sheet = Rome4.Sheet("J1501")!;
        Assert.Equal("Aide-soignant / Aide-soignante", sheet.Label);
        Assert.True(sheet.Regulated);
        Assert.False(sheet.Executive);
        var firstOther = Array.FindIndex(sheet.Items, i => i.Core != Rome4Core.Principal);
        Assert.True(firstOther > 0);
        Assert.All(sheet.Items[firstOther..], i => Assert.NotEqual(Rome4Core.Principal, i.Core));
        Assert.All(sheet.Items, i => Assert.Equal(Rome4.Item(i.Code)!.Kind, i.Kind));
        Assert.Contains(sheet.Items, i => i.Kind == Rome4ItemKind.Savoir);
        Assert.Contains(sheet.Items, i => i.Kind == Rome4ItemKind.SavoirEtre);
        Assert.All(sheet.Items, i => Assert.Contains("J1501", Rome4.Item(i.Code)!.Sheets));
    }

    [Fact]
    public void Competences_and_savoirs_are_the_codes_offers_cite()
    {
        // Codes and labels as France Travail offers carry them in competences[].
        Assert.Equal("Procédures d'encaissement", Rome4.Item(100341)!.Label);
        Assert.Equal(Rome4ItemKind.Savoir, Rome4.Item(100341)!.Kind);
        var competence = Rome4.Item(300374)!;
        Assert.Equal("Présenter et valoriser un produit ou un service", competence.Label);
        Assert.Equal(Rome4ItemKind.SavoirFaire, competence.Kind);
        var autonomy = Assert.Single(Rome4.Items, i => i.Label == "Faire preuve d'autonomie");
        Assert.Equal(Rome4ItemKind.SavoirEtre, autonomy.Kind);
        Assert.True(autonomy.IsMacro);
        Assert.NotNull(autonomy.Definition);
        var withMacro = Rome4.Items.First(i => i.MacroCode is not null);
        Assert.True(Rome4.Item(withMacro.MacroCode!.Value)!.IsMacro);
        Assert.Contains(Rome4.Items, i => i.SubCategory == "Langages informatiques" && i.Label.Contains("Python", StringComparison.Ordinal));
    }

    [Fact]
    public void Rome_v3_codes_resolve_to_their_rome4_sheets_and_back()
    {
        // ROME v3 K2204 "Nettoyage de locaux" became K2204 and K2205 in ROME 4.0.
        Assert.NotNull(Taxonomy.RomeJob("K2204"));
        Assert.Equal(["K2204", "K2205"], Rome4.SheetsOfFamily("K2204").Select(s => s.Code));
        Assert.Equal("K2204", Rome4.Sheet("K2204")!.Code);
        Assert.Equal("K2204", Rome4.FamilyOf("K2205"));
        Assert.True(Rome4.SameFamily("K2205", "K2204"));
        Assert.False(Rome4.SameFamily("K2205", "M1811"));
        Assert.Null(Rome4.FamilyOf("Z9999"));
        Assert.Empty(Rome4.SheetsOfFamily("M1811"));
        // Every ROME v3 sheet is still a ROME 4.0 code, its own family.
        Assert.All(Taxonomy.RomeJobs, job => Assert.Equal(job.Code, Rome4.FamilyOf(job.Code)));
        // The v3 family is how a ROME 4.0 code reaches the 2021 statistics (named in v3 codes).
        Assert.All(Rome4.Sheets, s => Assert.Contains(s.Code, Rome4.SheetsOfFamily(s.ParentCode).Select(c => c.Code)));
    }

    [Fact]
    public void Esco_occupations_reach_rome4_through_the_crosswalk_titles()
    {
        // 15244 "Gemmologue" is a narrow match of the ESCO occupation "gemmologue-expert" in the v3 crosswalk.
        var appellation = Rome4.Appellation(15244);
        Assert.NotNull(appellation);
        Assert.Equal("Gemmologue", appellation.Label);
        var link = Assert.Single(appellation.Occupations, l => Taxonomy.Occupations[l.OccupationId].Uri == "http://data.europa.eu/esco/occupation/f87779ae-7389-44e7-b155-16e87904857e");
        Assert.Equal(CrosswalkMatch.Narrow, link.Match);
        Assert.Equal(appellation.SheetCode, link.RomeCode);
        var occupation = Taxonomy.Occupations[link.OccupationId];
        Assert.Contains(appellation.SheetCode, occupation.Rome4Codes);
        Assert.Contains(occupation.Id, Rome4.Sheet(appellation.SheetCode)!.Occupations);

        // Data engineer's own titles are new in ROME 4.0, but three predate it and carry ESCO links.
        var dataEngineer = Taxonomy.OccupationsForRome("M1811").Select(o => o.LabelEn).ToList();
        Assert.Contains("data analyst", dataEngineer);
        // A ROME 4.0 sheet whose titles the crosswalk never names falls back on its v3 family's occupations.
        var orphan = Rome4.Sheets.First(s => s.Occupations.Length == 0 && Taxonomy.RomeJob(s.Code) is null);
        Assert.Equal(Taxonomy.RomeJob(orphan.ParentCode)!.Occupations, Taxonomy.OccupationsForRome(orphan.Code).Select(o => o.Id));
    }

    [Fact]
    public void Data_quirks_are_read_as_france_travail_meant()
    {
        // Texts double their apostrophes.
        Assert.DoesNotContain(Rome4.Sheets, s => (s.Definition + s.AccessToJob).Contains("''", StringComparison.Ordinal));
        Assert.Contains("d'industrialisation", Rome4.Sheet("M1811")!.Definition);
        // The NAF tree is Latin-9 (Œ at 0xBC): read as such, its sheet labels equal the UTF-8 referential's.
        var nafRow = CsvFile.Read(Rome4File("arborescence_secteur_naf"), CsvDialect.RomeLatin9).First(r => r["code_rome"] == "A1423");
        Assert.Equal("Œnologue", nafRow["libelle_rome"]);
        Assert.Equal(Rome4.Sheet("A1423")!.Label, nafRow["libelle_rome"]);
        Assert.NotEqual("Œnologue", CsvFile.Read(Rome4File("arborescence_secteur_naf"), CsvDialect.Rome).First(r => r["code_rome"] == "A1423")["libelle_rome"]);
        // Blank lines between records and multi-line definitions.
        Assert.Equal(30, CsvFile.Read(Rome4File("centre_interet"), CsvDialect.Rome).Count());
        Assert.Contains(Rome4.InterestCentres, c => c.Definition is { } d && d.Contains('\n'));
        Assert.Equal(35, Rome4.Sectors.Count(s => s.ParentCode is null));
        Assert.All(Rome4.Sectors.Where(s => s.ParentCode is { }), s => Assert.NotNull(Rome4.Sector(s.ParentCode!.Value)));
    }

    [Fact]
    public void The_coherence_file_is_the_sheets_item_links_with_the_core_flag()
    {
        // The loader reads items from unix_coherence_item alone: check it is liens blocs 5 and 6, row for row.
        var links = CsvFile.Read(Rome4File("liens_rome_referentiels"), CsvDialect.Rome)
            .Where(r => r["code_compo_bloc"] is "5" or "6")
            .Select(r => (r["code_rome"], r["code_ogr"]))
            .Order()
            .ToList();
        var coherence = CsvFile.Read(Rome4File("coherence_item"), CsvDialect.Rome).Select(r => (r["code_rome"], r["code_ogr"])).Order().ToList();
        Assert.Equal(links, coherence);
    }
}
