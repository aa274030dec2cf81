using System.Globalization;
using Matching.Engine.Indexing;
using Matching.Engine.Ingest;
using Matching.Engine.Scoring;
using Matching.Engine.Seekers;
using Matching.Engine.Tests.Geography;
using Matching.Engine.Tests.Indexing;
using static Matching.Engine.Tests.Ingest.IngestTestData;

namespace Matching.Engine.Tests.Ingest;

/// <summary>
/// Real France Travail offers as seekers see them: a place given as a région or "France" kept as given with an unknown
/// distance, the summary (salary, date, excerpt, link to the original), the same posting shown once with its count, and
/// the explanation naming where each skill comes from.
/// </summary>
public sealed class OfferShowingTests : IDisposable
{
    // Offres d'emploi v2 as the API gives them: only the région in lieuTravail, no commune, no coordinates.
    private const string RegionOnlyOffer = """
        {
          "id": "186QRST",
          "intitule": "Technicien de maintenance industrielle (H/F)",
          "description": "Vous assurez la maintenance préventive et curative des lignes de production.\nVous diagnostiquez les pannes électriques, mécaniques et pneumatiques.\n\nHabilitation électrique souhaitée.",
          "dateCreation": "2025-03-11T09:15:00.000Z",
          "lieuTravail": { "libelle": "Auvergne-Rhône-Alpes" },
          "romeCode": "I1304",
          "romeLibelle": "Technicien / Technicienne de maintenance industrielle",
          "appellationlibelle": "Technicien / Technicienne de maintenance industrielle",
          "entreprise": { "nom": "INDUSTRIES DU RHONE" },
          "typeContrat": "CDI",
          "experienceExige": "E",
          "salaire": { "libelle": "Mensuel de 2300.0 Euros à 2700.0 Euros sur 13 mois" },
          "origineOffre": { "origine": "1", "urlOrigine": "https://candidat.francetravail.fr/offres/recherche/detail/186QRST" }
        }
        """;

    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    [Theory]
    [InlineData("Auvergne-Rhône-Alpes", PlaceScope.Region, null)]
    [InlineData("01 - Ain", PlaceScope.Departement, "01")]
    [InlineData("2A - Corse-du-Sud", PlaceScope.Departement, "2A")]
    [InlineData("France", PlaceScope.Country, null)]
    [InlineData("Télétravail", PlaceScope.Remote, null)]
    [InlineData("Suisse (Frontalier)", PlaceScope.Abroad, null)]
    public void A_place_without_a_commune_is_kept_as_the_offer_gives_it(string libelle, PlaceScope scope, string? code)
    {
        var offer = OfferBuilder().Build(OfferItem(RegionOnlyOffer.Replace("Auvergne-Rhône-Alpes", libelle, StringComparison.Ordinal))).Document!;

        Assert.Null(offer.Place);
        Assert.Equal(new PlaceArea(scope, libelle, code), offer.PlaceArea);
        Assert.Equal(libelle, OfferSummary.Of(offer).Place);
        Assert.Equal(scope, OfferSummary.Of(offer).PlaceScope);
    }

    [Fact]
    public async Task A_region_only_offer_has_an_unknown_distance_not_zero_and_ranks_below_the_same_offer_in_the_seekers_commune()
    {
        var regional = OfferBuilder().Build(OfferItem(RegionOnlyOffer)).Document!;
        var local = regional with { Id = "local", PlaceArea = null, Place = IndexTestKit.Lyon };
        using var index = _store.Open();
        await index.UpsertOffersAsync([regional, local]);
        var seeker = new ProfileDocument { Id = "s", Skills = [.. regional.Skills.Select(s => new OfferedSkill(s.SkillUri))], Place = IndexTestKit.Lyon, RadiusKm = 30 };

        var hits = (await index.MatchOffersAsync(seeker, new MatchOptions(10))).Hits;

        Assert.Equal(["local", "186QRST"], hits.Select(h => h.Id));
        Assert.Equal(0, hits[0].Explanation.DistanceKm);
        Assert.Null(hits[1].Explanation.DistanceKm);
        Assert.Equal(MatchScorer.UnknownDistance, hits[1].Explanation.Parts.Distance);
    }

    [Fact]
    public void The_summary_carries_salary_date_an_excerpt_and_the_link_to_the_original()
    {
        var offer = OfferBuilder().Build(OfferItem(RegionOnlyOffer)).Document!;

        var summary = OfferSummary.Of(offer);

        Assert.Equal("INDUSTRIES DU RHONE", summary.Company);
        Assert.Equal("Mensuel de 2300.0 Euros à 2700.0 Euros sur 13 mois", summary.Salary);
        Assert.Equal(new DateTimeOffset(2025, 3, 11, 9, 15, 0, TimeSpan.Zero), summary.CreatedAt);
        Assert.Equal("https://candidat.francetravail.fr/offres/recherche/detail/186QRST", summary.Url);
        Assert.StartsWith("Vous assurez la maintenance préventive et curative des lignes de production. Vous diagnostiquez", summary.Excerpt, StringComparison.Ordinal);
        var long_ = OfferSummary.ExcerptOf(string.Join(' ', Enumerable.Repeat("maintenance préventive", 40)))!;
        Assert.True(long_.Length <= OfferSummary.ExcerptLength + 1);
        Assert.EndsWith("…", long_, StringComparison.Ordinal);
        // A source that is no web address is no link.
        Assert.Null(OfferSummary.Of(offer with { Source = "france-travail" }).Url);
    }

    [Fact]
    public async Task The_same_job_at_the_same_company_and_place_is_shown_once_with_a_count_and_the_explanation_names_each_skills_source()
    {
        var first = OfferBuilder().Build(OfferItem(RegionOnlyOffer)).Document!;
        // The same posting again under another id, its title written differently; and another company's.
        var again = first with { Id = "186QRSU", Title = "TECHNICIEN DE MAINTENANCE INDUSTRIELLE H/F" };
        var other = first with { Id = "186XXXX", Company = "AUTRE SOCIETE" };
        using var index = _store.Open();
        await index.UpsertOffersAsync([first, again, other]);
        var seeker = new ProfileDocument { Id = "s", Skills = [new OfferedSkill(first.Skills[0].SkillUri)] };
        var page = await index.MatchOffersAsync(seeker, new MatchOptions(10));
        Assert.Equal(3, page.Hits.Count);

        var views = await OfferMatchViews.ViewsAsync(index, TaxonomyFixture.Taxonomy, TestData.Geography, page, "fr", default);

        Assert.Equal(2, views.Count);
        Assert.Equal(2, views.Single(v => v.Offer!.Company == "INDUSTRIES DU RHONE").Postings);
        Assert.Equal(1, views.Single(v => v.Offer!.Company == "AUTRE SOCIETE").Postings);
        // Every demanded skill, met or missing, has its source; "asked in the offer" unless Coach added it from the job.
        var explanation = views[0].Explanation;
        Assert.Equal(first.Skills.Select(s => s.SkillUri).Order(), explanation.SkillSources!.Keys.Order());
        foreach (var skill in first.Skills)
        {
            Assert.Equal(skill.Source, explanation.SkillSources[skill.SkillUri]);
            Assert.Equal(skill.Source != SkillSource.Occupation, explanation.AskedInOffer(skill.SkillUri));
        }
        Assert.Contains(first.Skills, s => s.Source == SkillSource.OfferText);
    }

    [Fact]
    public async Task The_matches_page_shows_the_same_hits_naming_skills_by_uri_each_labelled_once_with_its_source()
    {
        var first = OfferBuilder().Build(OfferItem(RegionOnlyOffer)).Document!;
        var again = first with { Id = "186QRSU", Title = "TECHNICIEN DE MAINTENANCE INDUSTRIELLE H/F" };
        var other = first with { Id = "186XXXX", Company = "AUTRE SOCIETE" };
        using var index = _store.Open();
        await index.UpsertOffersAsync([first, again, other]);
        // One skill of the offer exactly, and a narrower skill of another of its skills: matched through it.
        var taxonomy = TaxonomyFixture.Taxonomy;
        var related = RelatedPair(taxonomy, first.Skills.Select(s => s.SkillUri).ToList());
        var exact = first.Skills.First(s => s.SkillUri != related.Demanded).SkillUri;
        var seeker = new ProfileDocument
        {
            Id = "s",
            Skills = [new OfferedSkill(exact), new OfferedSkill(related.Meeter)],
        };
        var matches = await index.MatchOffersAsync(seeker, new MatchOptions(10));

        var views = await OfferMatchViews.ViewsAsync(index, taxonomy, TestData.Geography, matches, "fr", default);
        var page = await OfferMatchViews.PageAsync(index, taxonomy, TestData.Geography, matches, "fr", default);

        Assert.Equal(views.Select(v => (v.OfferId, v.Score, v.Postings)), page.Hits.Select(h => (h.OfferId, h.Score, h.Postings)));
        Assert.Equal(matches.Total, page.Total);
        var hit = page.Hits[0];
        var view = views[0].Explanation;
        var reasons = hit.Explanation;
        // The same reasons as the labelled view, each skill by URI with its label once in the page's skills.
        Assert.Equal(view.Matched.Select(m => m.Skill.Uri), reasons.Matched.Select(m => m.Skill));
        Assert.Equal(view.MatchedThroughRelated.Select(m => (m.Skill.Uri, (string?)m.Via.Uri, m.Kind)), reasons.MatchedThroughRelated.Select(m => (m.Skill, m.Via, m.Kind.ToString())));
        Assert.Equal(view.MissingEssential.Select(s => s.Uri), reasons.MissingEssential.Select(s => s.Skill));
        Assert.Equal(view.MissingOptional.Select(s => s.Uri), reasons.MissingOptional.Select(s => s.Skill));
        Assert.Equal(view.Parts, reasons.Parts);
        Assert.Contains(reasons.MatchedThroughRelated, m => m.Skill == related.Demanded);
        // An exact match names no "via" (it is the skill itself); a related one names the seeker's skill.
        Assert.All(reasons.Matched, m => Assert.Null(m.Via));
        Assert.All(reasons.MatchedThroughRelated, m => Assert.NotNull(m.Via));
        var labelled = view.Matched.Concat(view.MatchedThroughRelated).SelectMany(m => new[] { m.Skill, m.Via })
            .Concat(view.MissingEssential).Concat(view.MissingOptional).DistinctBy(s => s.Uri);
        foreach (var skill in labelled)
        {
            Assert.Equal(skill.Label, page.Skills[skill.Uri]);
        }
        Assert.Equal(page.Hits.SelectMany(Named).Distinct().Order(), page.Skills.Keys.Order());
        // Every demanded skill in exactly one list, with the source the offer gave it.
        var sources = reasons.Matched.Concat(reasons.MatchedThroughRelated).Select(m => (m.Skill, m.Source))
            .Concat(reasons.MissingEssential.Concat(reasons.MissingOptional).Select(m => (m.Skill, m.Source)));
        Assert.Equal(first.Skills.Select(s => (s.SkillUri, (SkillSource?)s.Source)).Order(), sources.Order());

        // A skill of the offer and another skill that meets it other than exactly (narrower, broader, related, the ROME 4.0 ↔
        // ESCO bridge), which the offer does not ask itself.
        static (string Demanded, string Meeter) RelatedPair(Matching.Engine.Taxonomy.SkillsTaxonomy taxonomy, List<string> demanded)
        {
            var graph = new SkillGraph(taxonomy);
            foreach (var uri in demanded)
            {
                var meeters = graph.MeetersOf(taxonomy.SkillByUri(uri)!.Id);
                for (var i = 0; i < meeters.Length; i++)
                {
                    var meeter = taxonomy.Skills[meeters.Skills[i]].Uri;
                    if (meeters.Kinds[i] != SkillMatchKind.Exact && !demanded.Contains(meeter))
                    {
                        return (uri, meeter);
                    }
                }
            }
            throw new InvalidOperationException("No skill of the offer is met other than exactly.");
        }

        static IEnumerable<string> Named(MatchedOffer hit) =>
            hit.Explanation.Matched.Concat(hit.Explanation.MatchedThroughRelated).SelectMany(m => m.Via is null ? [m.Skill] : new[] { m.Skill, m.Via })
                .Concat(hit.Explanation.MissingEssential.Concat(hit.Explanation.MissingOptional).Select(m => m.Skill));
    }

    [Theory]
    // The code given: read from it, no guess.
    [InlineData("\"romeCode\": \"I1304\",", "Technicien de maintenance industrielle (H/F)", "Vous diagnostiquez les pannes.", OccupationEvidence.RomeCode, false)]
    // No code: guessed from the title and the text, sure of it.
    [InlineData("", "Aide-soignant de nuit (H/F)", "Vous réalisez les soins d'hygiène et de confort des résidents en EHPAD.", OccupationEvidence.TitleAndDescription, false)]
    // No code, a title that names no one job and a text that says little: guessed, unsure.
    [InlineData("", "Opérateur (H/F)", "Poste en équipe, horaires 2x8. Vous êtes rigoureux.", OccupationEvidence.TitleAndDescription, true)]
    public async Task How_the_occupation_was_read_and_how_sure_travels_with_the_offer_to_the_store_and_the_summary(string code, string title, string description, OccupationEvidence evidence, bool uncertain)
    {
        var json = $$"""{"id":"186OCC1",{{code}}"intitule":"{{title}}","description":"{{description}}","lieuTravail":{"libelle":"69 - Rhône"},"typeContrat":"CDI"}""";
        var offer = ClassifierFixture.Builder().Build(OfferItem(json)).Document!;

        Assert.Equal(evidence, offer.OccupationEvidence);
        // A job guessed at a coin toss lends an offer that says anything itself none of its usual skills: "Opérateur (H/F)" read as
        // a sound technician's offer asked 26 skills of sound technicians.
        Assert.Equal(uncertain, !offer.Skills.Any(s => s.Source == SkillSource.Occupation) && evidence == OccupationEvidence.TitleAndDescription);
        var guessed = evidence == OccupationEvidence.TitleAndDescription;
        Assert.Equal(guessed, offer.OccupationConfidence is > 0 and <= 1);
        using var index = _store.Open();
        await index.UpsertOffersAsync([offer]);
        var stored = await index.GetOfferAsync(offer.Id);
        Assert.Equal(offer.OccupationEvidence, stored!.OccupationEvidence);
        Assert.Equal(offer.OccupationConfidence, stored.OccupationConfidence);

        var summary = OfferSummary.Of(stored, TaxonomyFixture.Taxonomy);
        Assert.Equal(evidence, summary.OccupationEvidence);
        Assert.Equal(guessed && offer.OccupationConfidence < OfferDocument.UncertainOccupationBelow, summary.OccupationUncertain);
        Assert.Equal(uncertain, summary.OccupationUncertain);
        Assert.Equal(guessed ? TaxonomyFixture.Taxonomy.Rome4.Sheet(offer.RomeCode!)!.Label : null, summary.OccupationLabel);
    }

    [Fact]
    public void An_offer_that_says_nothing_keeps_its_uncertain_jobs_usual_skills_to_be_matched_at_all()
    {
        var json = """{"id":"186OCC3","intitule":"Opérateur (H/F)","description":"Poste à pourvoir rapidement.","lieuTravail":{"libelle":"69 - Rhône"},"typeContrat":"CDI"}""";
        var offer = ClassifierFixture.Builder().Build(OfferItem(json)).Document!;

        Assert.True(OfferDocument.IsOccupationUncertain(offer.OccupationEvidence, offer.OccupationConfidence));
        Assert.NotEmpty(offer.Skills);
        Assert.All(offer.Skills, s => Assert.Equal(SkillSource.Occupation, s.Source));

        // Its hours are something it says ("2x8": ROME's savoir of staggered hours, read as a quality): like "Travail en équipe", not
        // enough to lend it the usual skills of a job guessed at a coin toss.
        var shifts = ClassifierFixture.Builder().Build(OfferItem(json.Replace("Poste à pourvoir rapidement.", "Horaires 2x8."))).Document!;
        var own = Assert.Single(shifts.Skills);
        Assert.Equal(SkillSource.OfferText, own.Source);
        Assert.Equal("Capacité à travailler en horaires décalés", TaxonomyFixture.Taxonomy.SkillByUri(own.SkillUri)?.LabelFr);
    }

    [Fact]
    public void The_guess_warning_writes_its_confidence_the_same_on_a_French_host()
    {
        // An English message: "confidence 0.48", not "0,48" as a host in French culture wrote it.
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");
        try
        {
            var json = """{"id":"186OCC2","intitule":"Opérateur (H/F)","description":"Poste en équipe, horaires 2x8.","lieuTravail":{"libelle":"69 - Rhône"},"typeContrat":"CDI"}""";
            var warning = Assert.Single(ClassifierFixture.Builder().Build(OfferItem(json)).Warnings, w => w.StartsWith("occupation: read from", StringComparison.Ordinal));
            Assert.Matches(@"\(confidence [01]\.\d\d\)\.$", warning);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void A_guessed_occupation_is_uncertain_below_the_threshold_and_a_given_one_never_is()
    {
        Assert.True(OfferDocument.IsOccupationUncertain(OccupationEvidence.TitleAndDescription, 0.59));
        Assert.True(OfferDocument.IsOccupationUncertain(OccupationEvidence.TitleAndDescription, null));
        Assert.False(OfferDocument.IsOccupationUncertain(OccupationEvidence.TitleAndDescription, 0.6));
        Assert.False(OfferDocument.IsOccupationUncertain(OccupationEvidence.RomeCode, null));
        Assert.False(OfferDocument.IsOccupationUncertain(OccupationEvidence.Appellation, 0.1));
        Assert.False(OfferDocument.IsOccupationUncertain(null, null));
    }
}
