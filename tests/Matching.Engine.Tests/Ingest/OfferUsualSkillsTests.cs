using Matching.Engine.Indexing;
using Matching.Engine.Taxonomy;
using static Matching.Engine.Tests.Ingest.IngestTestData;

namespace Matching.Engine.Tests.Ingest;

/// <summary>
/// The usual items of an offer that states fewer than 3 skills of its own come from the ROME 4.0 sheet its title names
/// exactly when France Travail filed it under another ("Assistant comptable" under M1211 "Expert-comptable"); a title
/// that names no sheet, several, or the filed one keeps the filed sheet's, and an offer with 3 skills of its own gets
/// none (docs/quality.md, "Usual skills from the job the title names"). Fixtures in the real France Travail format.
/// </summary>
public sealed class OfferUsualSkillsTests
{
    private static SkillsTaxonomy Taxonomy => TaxonomyFixture.Taxonomy;

    /// <summary>An offer as France Travail publishes it, filed under <paramref name="romeCode"/>, without competences unless given.</summary>
    private static string Offer(string title, string romeCode, string appellation, string description, string competences = "") => $$"""
        {
          "id": "196TEST",
          "intitule": "{{title}}",
          "description": "{{description}}",
          "dateCreation": "2025-09-15T09:12:00.000Z",
          "lieuTravail": { "libelle": "74 - ANNECY", "latitude": 45.899, "longitude": 6.129, "codePostal": "74000", "commune": "74010" },
          "romeCode": "{{romeCode}}",
          "appellationlibelle": "{{appellation}}",
          "entreprise": { "nom": "CABINET DU LAC" },
          "typeContrat": "CDI",
          "typeContratLibelle": "Contrat à durée indéterminée",
          "natureContrat": "Contrat travail",
          "experienceExige": "E",
          "experienceLibelle": "3 An(s)",
          {{competences}}
          "salaire": { "libelle": "Mensuel de 2200.0 Euros à 2600.0 Euros sur 13.0 mois" },
          "dureeTravailLibelleConverti": "Temps plein",
          "alternance": false,
          "nombrePostes": 1,
          "origineOffre": { "origine": "1", "urlOrigine": "https://candidat.francetravail.fr/offres/recherche/detail/196TEST" }
        }
        """;

    private static HashSet<string> CoreOf(string romeCode) =>
        [.. Taxonomy.Rome4.Sheet(romeCode)!.CoreItems.Select(i => Taxonomy.Rome4Skill(i.Code)).OfType<Skill>().Select(s => Taxonomy.QualityTwinOf(s)?.Uri ?? s.Uri)];

    private static HashSet<string> Usual(OfferDocument offer) => [.. offer.Skills.Where(s => s.Source == SkillSource.Occupation).Select(s => s.SkillUri)];

    [Fact]
    public void An_assistant_comptable_filed_under_expert_comptable_without_competences_gets_the_assistants_usual_items()
    {
        var outcome = OfferBuilder().Build(OfferItem(Offer(
            "Assistant comptable confirmé (H/F)", "M1211", "Collaborateur / Collaboratrice d'expertise comptable",
            "Cabinet d'expertise comptable situé à Annecy, nous recherchons un assistant comptable pour renforcer notre équipe. Poste en CDI, 39h.")));

        var offer = outcome.Document!;
        // The job stays the one France Travail filed: the occupation factor and the pages read M1211.
        Assert.Equal("M1211", offer.RomeCode);
        Assert.Equal("M1213", offer.UsualSkillsRomeCode);
        var usual = Usual(offer);
        Assert.NotEmpty(usual);
        Assert.Subset(CoreOf("M1213"), usual);
        // None of the expert-comptable's own usual items ("Réaliser un bilan comptable", "Identifier les risques liés à une gestion d'entreprise").
        Assert.Empty(usual.Intersect(CoreOf("M1211").Except(CoreOf("M1213"))));
        Assert.Contains(outcome.Warnings, w => w.Contains("M1213", StringComparison.Ordinal) && w.StartsWith("intitule", StringComparison.Ordinal));
        // The summary next to a match says whose usual skills they are.
        var summary = Seekers.OfferSummary.Of(offer, Taxonomy);
        Assert.Equal("M1211", summary.RomeCode);
        Assert.Equal("M1213", summary.UsualSkillsRomeCode);
        Assert.Equal("Assistant / Assistante comptable", summary.UsualSkillsLabel);
        // ROME has no English: the ESCO occupation the crosswalk links to that title names it on English pages.
        Assert.Equal("accounting assistant", summary.UsualSkillsLabelEn);
    }

    [Theory]
    // The title names every word of another sheet's title, around a " / " that is not a gender pair ("SILAE" is the software).
    [InlineData("Gestionnaire de paie / SILAE (H/F)", "M1211", "Collaborateur / Collaboratrice d'expertise comptable", "M1507")]
    // A gender pair read form by form.
    [InlineData("Assistant / Assistante comptable (H/F)", "M1211", "Collaborateur / Collaboratrice d'expertise comptable", "M1213")]
    public void A_title_naming_another_sheet_exactly_lends_that_sheets_usual_items(string title, string filed, string appellation, string named)
    {
        var offer = OfferBuilder().Build(OfferItem(Offer(title, filed, appellation, "Poste en CDI à pourvoir rapidement au sein d'un cabinet."))).Document!;

        Assert.Equal(filed, offer.RomeCode);
        Assert.Equal(named, offer.UsualSkillsRomeCode);
        Assert.Subset(CoreOf(named), Usual(offer));
    }

    [Theory]
    // Every word of the title in one of the filed sheet's titles: it names its own job ("Collaborateur d'expertise comptable").
    [InlineData("Collaborateur comptable (H/F)", "M1211", "Collaborateur / Collaboratrice d'expertise comptable")]
    [InlineData("Expert-comptable (H/F)", "M1211", "Expert-comptable / Experte-comptable")]
    // "Comptable" alone is M1203's title, but the filed sheet's "Expert-comptable" says the word too.
    [InlineData("Comptable (H/F)", "M1211", "Collaborateur / Collaboratrice d'expertise comptable")]
    // Two sheets have a title of exactly these words (F1601 and F1604): ambiguous.
    [InlineData("Plâtrier-plaquiste (H/F)", "F1703", "Maçon / Maçonne")]
    // No title has exactly these words.
    [InlineData("Manager comptable (H/F)", "M1211", "Collaborateur / Collaboratrice d'expertise comptable")]
    public void A_title_naming_its_own_sheet_several_or_none_keeps_the_filed_sheets_usual_items(string title, string filed, string appellation)
    {
        var outcome = OfferBuilder().Build(OfferItem(Offer(title, filed, appellation, "Poste en CDI à pourvoir rapidement.")));

        var offer = outcome.Document!;
        Assert.Equal(filed, offer.RomeCode);
        Assert.Null(offer.UsualSkillsRomeCode);
        Assert.Null(Seekers.OfferSummary.Of(offer, Taxonomy).UsualSkillsLabel);
        Assert.Equal(CoreOf(filed), Usual(offer));
        Assert.DoesNotContain(outcome.Warnings, w => w.StartsWith("intitule", StringComparison.Ordinal));
    }

    [Fact]
    public void An_offer_with_three_skills_of_its_own_is_unchanged()
    {
        // Three competences by code, savoir-faire of the assistant's own sheet.
        var codes = Taxonomy.Rome4.Sheet("M1213")!.CoreItems.Select(i => Taxonomy.Rome4.Item(i.Code))
            .Where(i => i is not null && Taxonomy.Rome4Skill(i.Code) is { Reuse: not ReuseLevel.Transversal } skill && !Taxonomy.IsQuality(skill))
            .Take(3).Select(i => i!).ToList();
        Assert.Equal(3, codes.Count);
        var competences = "\"competences\": [" + string.Join(", ", codes.Select(i => $$"""{ "code": "{{i.Code}}", "libelle": "{{i.Label.Replace("\"", "\\\"", StringComparison.Ordinal)}}", "exigence": "E" }""")) + "],";

        var outcome = OfferBuilder().Build(OfferItem(Offer(
            "Assistant comptable confirmé (H/F)", "M1211", "Collaborateur / Collaboratrice d'expertise comptable", "Poste en CDI.", competences)));

        var offer = outcome.Document!;
        Assert.Equal("M1211", offer.RomeCode);
        Assert.Null(offer.UsualSkillsRomeCode);
        Assert.Empty(Usual(offer));
        Assert.Equal(codes.Select(i => i.SkillUri).ToHashSet(), offer.Skills.Where(s => s.Source == SkillSource.OfferCode).Select(s => s.SkillUri).ToHashSet());
    }
}
