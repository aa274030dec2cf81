using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;
using Matching.Engine.Seekers;
using Matching.Engine.Taxonomy;
using Matching.Engine.Tests.Coaching;

namespace Matching.Engine.Tests.SeekerPages;

/// <summary>
/// The questionnaire's reading of the job a seeker types, and the skills it proposes: ROME 4.0 as France Travail writes it
/// (the seeker's gender form), the sheet's core items first, ESCO only as a complement, never one skill twice.
/// </summary>
public sealed class JobReadingsTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("coach-job-readings-").FullName;
    private EmbeddedMatchIndex _index = default!;
    private ReferenceData _data = default!;
    private JobReadings _readings = default!;
    private SeekerCoach _coach = default!;

    public async Task InitializeAsync()
    {
        var (provider, index) = await CoachTestData.OpenAsync(_root);
        _index = index;
        _data = provider.Require();
        _coach = new SeekerCoach(provider, index);
        _readings = new JobReadings(provider, _coach);
    }

    public Task DisposeAsync()
    {
        _index.Dispose();
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("aide-soignante", "Aide-soignante", "J1501")]
    [InlineData("aide soignant", "Aide-soignant", "J1501")]
    [InlineData("cariste", "Cariste", "N1101")]
    [InlineData("développeur web", "Développeur web", "M1855")]
    [InlineData("assistante de direction", "Assistante de direction", "M1604")]
    [InlineData("serveur", "Serveur", "G1803")]
    [InlineData("serveuse", "Serveuse", "G1803")]
    public void A_typed_job_reads_first_as_the_ROME_4_title_in_the_form_typed(string typed, string label, string sheet)
    {
        var first = _readings.Read(typed, "fr")[0];

        Assert.True(first.IsRome4);
        Assert.Equal(label, first.Label);
        Assert.Equal(sheet, first.RomeCode);
        Assert.StartsWith(JobReadings.Rome4Prefix, first.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_title_whose_sheet_is_named_otherwise_says_the_sheet()
    {
        var readings = _readings.Read("serveuse", "fr");

        // The title "Serveur / Serveuse" is filed under the sheet "Serveur / Serveuse en restauration".
        Assert.Equal("Serveuse en restauration", readings[0].SheetLabel);
        Assert.Null(readings.Single(r => r.Label == "Serveuse en restauration").SheetLabel);
    }

    [Fact]
    public void English_words_read_as_ESCO_occupations_not_as_a_French_title_met_by_chance()
    {
        var first = _readings.Read("software developer", "en")[0];

        Assert.False(first.IsRome4);
        Assert.Equal("software developer", first.Label);
    }

    [Theory]
    [InlineData("électricien")]
    [InlineData("electricienne")]
    public void A_bare_job_word_France_Travail_has_only_in_longer_titles_reads_as_those_titles_busiest_job_first(string typed)
    {
        // ESCO has "électricien/électricienne" as a label of its own; France Travail has "Electricien / Electricienne du
        // bâtiment", "… de maintenance", "… réseaux": those say every word typed, and the seeker must not read "no France
        // Travail title matches".
        var readings = _readings.Read(typed, "fr");

        Assert.Equal(3, readings.Count);
        Assert.All(readings, r => Assert.True(r.IsRome4));
        Assert.Equal(3, readings.Select(r => r.RomeCode).Distinct().Count());
        Assert.Equal("F1602", readings[0].RomeCode);
        Assert.All(readings, r => Assert.StartsWith("Electricien", r.Label, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("vendeur en magasin", "vendeur")]
    [InlineData("vendeuse en magasin", "vendeuse")]
    [InlineData("vendeuse en boutique", "vendeuse")]
    public void A_shop_salesperson_reads_as_the_shop_sales_jobs_not_as_a_storekeeper(string typed, string bare)
    {
        // "magasin" met "Magasinier vendeur" (N1110, a storekeeper) as the start of "magasinier". No France Travail title says
        // "en magasin": the seeker sells in a shop, and chooses among the sales jobs as one who typed "vendeur" does.
        var readings = _readings.Read(typed, "fr");

        Assert.Equal(_readings.Read(bare, "fr").Select(r => r.Value), readings.Select(r => r.Value));
        Assert.All(readings, r => Assert.StartsWith(bare, r.Label, StringComparison.OrdinalIgnoreCase));
        Assert.All(readings, r => Assert.StartsWith("D1", r.RomeCode, StringComparison.Ordinal));
        Assert.Equal(readings[0].RomeCode, _coach.UnderstandTarget(new SeekerProfile { TargetJobs = [new TargetJob(typed)] })!.RomeCode);
    }

    [Theory]
    [InlineData("responsable de mag", "Responsable de magasin")]
    [InlineData("technicien de main", "Technicien / Technicienne de maintenance")]
    [InlineData("agent de sécu", "Agent / Agente de sécurité")]
    public void A_short_last_word_being_typed_is_still_completed_among_others(string typed, string expected)
    {
        // "mag", "main", "sécu" are words of some label ("Soudeur MIG MAG"): the seeker is typing "magasin", "maintenance", "sécurité".
        Assert.StartsWith(expected, _data.Appellations.Understand(typed, 5)[0].Appellation.Label, StringComparison.Ordinal);
    }

    [Fact]
    public void A_job_half_typed_still_reads_as_the_job_it_begins()
    {
        Assert.Equal("J1501", _readings.Read("aide soig", "fr")[0].RomeCode);
    }

    [Theory]
    [InlineData("électricien")]
    [InlineData("vendeuse")]
    [InlineData("aide soignante")]
    [InlineData("comptable")]
    public void A_job_given_as_words_only_through_the_API_is_read_as_the_questionnaire_reads_it(string typed)
    {
        // One use case, one reading: POST /api/coach/diagnose with {"targetJobs":[{"label":"électricien"}]} read I1309
        // (ESCO's electrician, maintenance) through the title search, the questionnaire F1602 "Electricien du bâtiment".
        var saved = _readings.Target(typed, null, "fr")!;
        var understood = _coach.UnderstandTarget(new SeekerProfile { TargetJobs = [new TargetJob(typed)] })!;

        Assert.Equal(saved.RomeCode, understood.RomeCode);
        Assert.Equal(saved.OccupationUri, understood.OccupationUri);
        Assert.Equal(saved.Label, understood.Rome4Title);
    }

    [Fact]
    public void A_bare_electrician_given_through_the_API_is_the_building_electrician_and_an_explicit_code_stays_as_given()
    {
        Assert.Equal("F1602", _coach.UnderstandTarget(new SeekerProfile { TargetJobs = [new TargetJob("électricien")] })!.RomeCode);
        Assert.Equal("I1309", _coach.UnderstandTarget(new SeekerProfile { TargetJobs = [new TargetJob("électricien", RomeCode: "I1309")] })!.RomeCode);
    }

    [Theory]
    [InlineData("nounou", "K13")]
    [InlineData("Nounou", "K13")]
    [InlineData("femme de ménage", "K1304")]
    [InlineData("toubib", "J1102")]
    public void An_everyday_job_word_no_title_says_reads_as_the_France_Travail_titles_it_means(string typed, string sheet)
    {
        // "nounou" read as ESCO's puériculteur (J1507, a nursing speciality: "nounou" is one of its alternative labels), and
        // "femme de ménage" as "Femme de chambre" (a hotel job).
        var readings = _readings.Read(typed, "fr");

        Assert.NotEmpty(readings);
        Assert.All(readings, r => Assert.True(r.IsRome4));
        Assert.All(readings, r => Assert.StartsWith(sheet, r.RomeCode, StringComparison.Ordinal));
        // The API reads the same words the same way.
        Assert.Equal(readings[0].RomeCode, _coach.UnderstandTarget(new SeekerProfile { TargetJobs = [new TargetJob(typed)] })!.RomeCode);
    }

    [Fact]
    public void Every_title_of_the_everyday_words_is_a_France_Travail_title()
    {
        Assert.All(EverydayJobWords.All.SelectMany(w => w.Titles), code => Assert.NotNull(_data.Taxonomy.Rome4.Appellation(code)));
    }

    [Fact]
    public void A_bare_job_word_reads_first_as_the_jobs_named_by_it_not_as_a_title_filed_under_another_job()
    {
        // "Vendeuse immobilier" is a title of the sheet "Conseiller immobilier" (C1504, the most offers): a "vendeuse" means a shop.
        var readings = _readings.Read("vendeuse", "fr");

        Assert.NotEmpty(readings);
        Assert.All(readings, r => Assert.True(r.IsRome4));
        Assert.All(readings, r => Assert.StartsWith("D1", r.RomeCode, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("employé de magasin")]
    [InlineData("employée de magasin")]
    public void A_job_ESCO_files_under_no_ROME_code_reads_as_the_sheets_of_the_jobs_ESCO_puts_next_to_it(string typed)
    {
        // ESCO's "employé de magasin" (ISCO 5223, shop sales assistants) has no crosswalk link: no market, no offers. Its
        // neighbours in the group sharing the most essential skills are the shop salespersons.
        var readings = _readings.Read(typed, "fr");

        Assert.NotEmpty(readings);
        Assert.All(readings, r => Assert.True(r.IsRome4 && r.RomeCode is not null, r.Label));
        Assert.All(readings, r => Assert.StartsWith("D1", r.RomeCode, StringComparison.Ordinal));
        var target = _coach.UnderstandTarget(new SeekerProfile { Id = "s", TargetJobs = [new TargetJob(typed)] })!;
        Assert.Equal(readings[0].RomeCode, target.RomeCode);
    }

    [Fact]
    public void In_English_a_job_with_no_ROME_code_keeps_its_name_and_borrows_its_neighbours_sheet()
    {
        var first = _readings.Read("shop assistant", "en")[0];

        Assert.False(first.IsRome4);
        Assert.Equal("shop assistant", first.Label);
        Assert.StartsWith("D1", first.RomeCode, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agent d'entretien")]
    [InlineData("agente d'entretien")]
    public void Words_beginning_the_titles_of_several_jobs_read_as_those_jobs_cleaning_among_them(string typed)
    {
        // Titles of a dozen sheets begin "Agent d'entretien ...": the building's (I1203), the lifts', the roads', the
        // cleaners' (K2204, K2205)...; the three shortest used to be the readings, none of them cleaning.
        var readings = _readings.Read(typed, "fr");

        Assert.Equal(3, readings.Count);
        Assert.Equal(3, readings.Select(r => r.RomeCode).Distinct().Count());
        Assert.Contains(readings, r => r.RomeCode is "K2204" or "K2205");
        Assert.All(readings, r => Assert.True(r.IsRome4));
    }

    [Theory]
    [InlineData("Cuisinier / Cuisinière")]
    [InlineData("Agent / Agente d'entretien du bâtiment")]
    [InlineData("Agente d'entretien du bâtiment")]
    [InlineData("Veilleur de nuit")]
    [InlineData("Planneur / Planneuse junior")]
    public void A_title_typed_as_France_Travail_writes_it_reads_as_that_title(string typed)
    {
        // As the autocomplete fills it in: the words then say several jobs' titles too, but are one title themselves.
        var first = _readings.Read(typed, "fr")[0];

        Assert.True(first.IsRome4);
        Assert.Equal(typed, first.Label);
    }

    [Fact]
    public void A_typo_or_a_word_no_title_says_keeps_the_ESCO_reading()
    {
        var first = _readings.Read("software developer", "fr")[0];

        Assert.False(first.IsRome4);
    }

    [Fact]
    public void Unknown_or_blank_words_read_as_nothing()
    {
        Assert.Empty(_readings.Read("zzqx blorf", "fr"));
        Assert.Empty(_readings.Read("  ", "fr"));
        Assert.Null(_readings.Target("", null, "fr"));
    }

    [Theory]
    [InlineData("Serveur / Serveuse", "serveuse", "Serveuse")]
    [InlineData("Serveur / Serveuse", "serveur de bar", "Serveur")]
    [InlineData("Aide-soignant / Aide-soignante", "aide soignante de nuit", "Aide-soignante")]
    [InlineData("Cariste", "cariste", "Cariste")]
    [InlineData("Serveur / Serveuse", "garçon de café", "Serveur / Serveuse")]
    public void A_ROME_label_takes_the_gender_form_typed_when_the_words_tell(string label, string typed, string shown)
    {
        Assert.Equal(shown, JobReadings.AsTyped(label, typed));
    }

    [Fact]
    public void The_target_saved_is_the_title_chosen_with_its_sheet_and_occupation()
    {
        var readings = _readings.Read("aide-soignante", "fr");
        var other = readings[1];

        var first = _readings.Target("aide-soignante", null, "fr")!;
        var chosen = _readings.Target("aide-soignante", other.Value, "fr")!;

        Assert.Equal(new TargetJob("Aide-soignante", readings[0].Occupation?.Uri, "J1501"), first);
        Assert.Equal(other.Label, chosen.Label);
        Assert.Equal("J1501", chosen.RomeCode);
        // An ESCO occupation chosen keeps the seeker's words.
        var esco = _data.Taxonomy.OccupationsForRome("J1501").First();
        Assert.Equal("aide-soignante", _readings.Target("aide-soignante", esco.Uri, "fr")!.Label);
        Assert.Equal(esco.Uri, _readings.Target("aide-soignante", esco.Uri, "fr")!.OccupationUri);
    }

    [Fact]
    public async Task A_job_not_practised_proposes_its_sheets_core_items_first_and_no_ESCO_skill()
    {
        var target = _readings.Target("aide-soignante", null, "fr")!;
        var proposed = await _readings.ProposedSkillsAsync(new SeekerProfile { Id = "draft", TargetJobs = [target] });
        var sheet = _data.Taxonomy.Rome4.Sheet("J1501")!;
        var core = sheet.CoreItems.Select(i => _data.Taxonomy.Rome4Skill(i.Code)!.Uri).ToList();

        Assert.All(proposed, p => Assert.Equal(SkillScheme.Rome4, p.Skill.Scheme));
        Assert.All(proposed, p => Assert.Null(p.FromJob));
        Assert.Equal(core.Order(StringComparer.Ordinal), proposed.Take(core.Count).Select(p => p.Skill.Uri).Order(StringComparer.Ordinal));
        Assert.Contains("Réaliser ou contrôler les soins d'hygiène, de confort et apporter une aide au patient", proposed.Select(p => p.Skill.LabelFr));
        Assert.InRange(proposed.Count, core.Count, JobReadings.MaxRome4Skills);
        AssertOnceEach(proposed);
    }

    [Fact]
    public async Task Experience_brings_the_core_items_then_apart_the_ESCO_skills_no_item_already_says()
    {
        var target = _readings.Target("aide-soignante", null, "fr")!;
        var proposed = await _readings.ProposedSkillsAsync(new SeekerProfile { Id = "draft", TargetJobs = [target], YearsOfExperienceInTarget = 3 });
        var core = _data.Taxonomy.Rome4.Sheet("J1501")!.CoreItems.Count();

        Assert.All(proposed.Take(core), p => Assert.Equal(("Aide-soignante", SkillScheme.Rome4), (p.FromJob, p.Skill.Scheme)));
        var complement = proposed.Where(p => p.Complement).ToList();
        Assert.NotEmpty(complement);
        Assert.All(complement, p => Assert.Equal((SkillScheme.Esco, "Aide-soignante"), (p.Skill.Scheme, p.FromJob)));
        // The complement comes last: the ROME 4.0 items are what the seeker reads first.
        Assert.Equal(proposed.Count - complement.Count, proposed.ToList().FindIndex(p => p.Complement));
        AssertOnceEach(proposed);
    }

    [Fact]
    public async Task What_nearby_offers_of_the_job_ask_is_proposed_too_with_how_many_ask_it()
    {
        // Waiters' offers near Annecy ask "Réaliser un service en salle" in their own words, an item of the bar and restaurant
        // sheets, not of the waiter's: the skills gap named it missing to a waitress of 3 years who could not have ticked it.
        var service = _data.Taxonomy.SkillByUri("rome4:competence:124963")!;
        var core = _data.Taxonomy.Rome4.Sheet("G1803")!.CoreItems.Select(i => _data.Taxonomy.Rome4Skill(i.Code)!).ToList();
        var target = _readings.Target("serveuse", null, "fr")!;
        var draft = new SeekerProfile { Id = "draft", TargetJobs = [target], Commune = "74010", RadiusKm = 20, YearsOfExperienceInTarget = 3 };
        var place = _coach.ResolvePlace(draft);
        Assert.DoesNotContain(await _readings.ProposedSkillsAsync(draft), p => p.Skill.Id == service.Id);
        await _index.UpsertOffersAsync([.. Enumerable.Range(0, 3).Select(i => new OfferDocument
        {
            Id = $"waiter-{i}", Title = "Serveur / Serveuse (H/F)", OccupationUri = target.OccupationUri, RomeCode = "G1803", Place = place,
            Skills = [new DemandedSkill(core[0].Uri, SkillImportance.Essential), .. i < 2 ? [new DemandedSkill(service.Uri, SkillImportance.Essential, Source: SkillSource.OfferText)] : Array.Empty<DemandedSkill>()],
        })]);

        var proposed = await _readings.ProposedSkillsAsync(draft);

        var asked = Assert.Single(proposed, p => p.Skill.Id == service.Id);
        Assert.Equal((2, null, false), (asked.LocalOffers, asked.FromJob, asked.Complement));
        Assert.Equal(3, proposed.Single(p => p.Skill.Id == core[0].Id).LocalOffers);
        // After the sheet's items, the experience's ESCO complement still last; each skill once.
        Assert.True(proposed.ToList().FindIndex(p => p.Skill.Id == service.Id) > proposed.ToList().FindIndex(p => p.Skill.Id == core[^1].Id));
        Assert.Equal(proposed.Count - proposed.Count(p => p.Complement), proposed.ToList().FindIndex(p => p.Complement));
        AssertOnceEach(proposed);
        // Far away, nothing nearby asks it.
        Assert.DoesNotContain(await _readings.ProposedSkillsAsync(draft with { Commune = "59350" }), p => p.Skill.Id == service.Id);
    }

    /// <summary>No skill twice, neither the same concept nor a ROME 4.0 item and the ESCO skill the alignment says it is.</summary>
    private void AssertOnceEach(IReadOnlyList<ProposedSkill> proposed)
    {
        Assert.Equal(proposed.Count, proposed.Select(p => _data.Search.ConceptOf(p.Skill).Id).Distinct().Count());
        var ids = proposed.Select(p => p.Skill.Id).ToHashSet();
        Assert.All(proposed, p => Assert.DoesNotContain(p.Skill.Aligned, ids.Contains));
    }
}
