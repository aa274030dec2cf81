using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Facts;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Indexing;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Tests.Coaching;

public sealed class SkillsGapCalculatorTests
{
    private static SkillsTaxonomy Taxonomy => TaxonomyFixture.Taxonomy;

    /// <summary>An ESCO occupation of ROME J1501 (aide-soignant) with enough essential skills to split.</summary>
    private static Occupation CareAssistant =>
        Taxonomy.OccupationsForRome("J1501").Where(o => o.EssentialSkills.Length >= 6).OrderBy(o => o.Uri, StringComparer.Ordinal).First();

    private static OfferDocument Offer(string id, params int[] skills) => new()
    {
        Id = id,
        Title = "aide-soignant",
        Skills = [.. skills.Select(s => new DemandedSkill(Taxonomy.Skills[s].Uri, SkillImportance.Essential))],
    };

    [Fact]
    public void Counts_the_missing_share_among_skills_local_offers_ask_for_and_names_them_in_french()
    {
        var occupation = CareAssistant;
        var e = occupation.EssentialSkills;
        var owned = new[] { Taxonomy.Skills[e[0]].Uri, Taxonomy.Skills[e[1]].Uri };
        // Offers ask for e0..e3 and one skill outside the occupation (ignored): e2 by 3 offers, e3 by 1.
        var offers = new[] { Offer("o1", e[0], e[2]), Offer("o2", e[1], e[2], e[3]), Offer("o3", e[2]), Offer("o4", e[0]) };

        var gap = SkillsGapCalculator.Compute(Taxonomy, [occupation.Uri], owned, offers);

        Assert.Equal(4, gap.AskedSkills);
        Assert.Equal(0.5, gap.Share);
        Assert.Equal([Taxonomy.Skills[e[2]].Uri, Taxonomy.Skills[e[3]].Uri], gap.Missing.Select(m => m.SkillUri));
        Assert.Equal([3, 1], gap.Missing.Select(m => m.OffersUnlocked));
        Assert.Equal(Taxonomy.Skills[e[2]].LabelFr, gap.Missing[0].Label);
        Assert.Equal(Taxonomy.Skills[e[2]].LabelEn, SkillsGapCalculator.Compute(Taxonomy, [occupation.Uri], owned, offers, "en").Missing[0].Label);
    }

    [Fact]
    public void A_needed_skill_Coach_added_to_offers_from_their_job_is_needed_but_not_said_asked_by_them()
    {
        // "Accueillir le client · demandée par 4 offres proches" counted the core items Coach adds to offers naming fewer than 3 skills.
        var occupation = CareAssistant;
        var e = occupation.EssentialSkills;
        OfferDocument Added(string id) => new()
        {
            Id = id,
            Title = "aide-soignant",
            Skills = [new DemandedSkill(Taxonomy.Skills[e[0]].Uri, SkillImportance.Essential), new DemandedSkill(Taxonomy.Skills[e[1]].Uri, SkillImportance.Essential, Source: SkillSource.Occupation)],
        };

        var gap = SkillsGapCalculator.Compute(Taxonomy, [occupation.Uri], [], [Added("o1"), Added("o2"), Added("o3")]);

        Assert.Equal(2, gap.AskedSkills);
        Assert.Equal(1.0, gap.Share);
        Assert.Equal([(Taxonomy.Skills[e[0]].Uri, 3), (Taxonomy.Skills[e[1]].Uri, 0)], gap.Missing.Select(m => (m.SkillUri, m.OffersUnlocked)));
    }

    [Fact]
    public void A_job_skill_enough_local_offers_ask_in_their_own_words_counts_even_off_the_jobs_lists()
    {
        // Real waiters' offers (G1803) cite "Réaliser un service en salle", an item of bar and restaurant sheets, not the waiter's.
        var occupation = CareAssistant;
        var e = occupation.EssentialSkills;
        var service = Taxonomy.SkillByUri("rome4:competence:124963")!;
        var quality = Taxonomy.SkillByUri("rome4:competence:399999")!; // "Avoir le sens du service", a savoir-être
        Assert.Equal(ReuseLevel.Transversal, quality.Reuse);
        var rare = Taxonomy.Skills.First(k => k.Scheme == SkillScheme.Rome4 && k.Reuse != ReuseLevel.Transversal && k.Id != service.Id && !e.Contains(k.Id));
        OfferDocument Asking(string id, params (Skill Skill, SkillSource Source)[] skills) => new()
        {
            Id = id,
            Title = "aide-soignant",
            Skills = [new DemandedSkill(Taxonomy.Skills[e[0]].Uri, SkillImportance.Essential), .. skills.Select(k => new DemandedSkill(k.Skill.Uri, SkillImportance.Essential, Source: k.Source))],
        };
        var offers = new[]
        {
            Asking("o1", (service, SkillSource.OfferCode), (quality, SkillSource.OfferFields), (rare, SkillSource.OfferText)),
            Asking("o2", (service, SkillSource.OfferText), (quality, SkillSource.OfferFields)),
            Asking("o3", (quality, SkillSource.OfferFields), (rare, SkillSource.Occupation)),
            Asking("o4", (service, SkillSource.Occupation)),
        };

        var gap = SkillsGapCalculator.Compute(Taxonomy, [occupation.Uri], [Taxonomy.Skills[e[0]].Uri], offers);

        // Asked in their own words by 2 of 4 offers: needed, and missing. The quality (3 of 4) is no job skill; the rare skill is
        // asked once in the offer's words (once more added by Coach from the job, which is no asking).
        var missing = Assert.Single(gap.Missing);
        Assert.Equal(service.Uri, missing.SkillUri);
        Assert.Equal(2, missing.OffersUnlocked);
        Assert.Equal(2, gap.AskedSkills);
        Assert.Equal(0.5, gap.Share);
    }

    [Fact]
    public void A_skill_offers_name_in_both_taxonomies_with_the_same_words_is_one_missing_skill()
    {
        // Real aide-soignant offers near Bourg-en-Bresse say "gériatrie": read as ESCO's "gériatrie" and ROME 4.0's "Gériatrie",
        // twins of the alignment; the seeker read "gériatrie, Gériatrie" among the skills to acquire.
        var occupation = CareAssistant;
        var e = occupation.EssentialSkills;
        var rome = Taxonomy.SkillByUri("rome4:savoir:124245")!;
        var esco = Taxonomy.Skills.Single(k => k.Scheme == SkillScheme.Esco && k.LabelFr == "gériatrie");
        Assert.Equal("Gériatrie", rome.LabelFr);
        OfferDocument Says(string id) => new()
        {
            Id = id,
            Title = "aide-soignant",
            Skills =
            [
                new DemandedSkill(Taxonomy.Skills[e[0]].Uri, SkillImportance.Essential),
                new DemandedSkill(rome.Uri, SkillImportance.Essential, Source: SkillSource.OfferText),
                new DemandedSkill(esco.Uri, SkillImportance.Essential, Source: SkillSource.OfferText),
            ],
        };
        var offers = new[] { Says("o1"), Says("o2"), Says("o3") };

        var gap = SkillsGapCalculator.Compute(Taxonomy, [occupation.Uri], [Taxonomy.Skills[e[0]].Uri], offers);

        Assert.Equal([(rome.Uri, 3)], gap.Missing.Select(m => (m.SkillUri, m.OffersUnlocked)));
        Assert.Equal(2, gap.AskedSkills);
        Assert.Equal(0.5, gap.Share);
        // Either wording held covers the other.
        Assert.Empty(SkillsGapCalculator.Compute(Taxonomy, [occupation.Uri], [Taxonomy.Skills[e[0]].Uri, esco.Uri], offers).Missing);
    }

    [Fact]
    public void The_rome_sheets_core_items_are_needed_and_the_aligned_esco_skill_covers_its_twin()
    {
        var sheet = Taxonomy.Rome4.Sheet("G1803")!;
        var core = sheet.CoreItems.Select(i => Taxonomy.Rome4Skill(i.Code)).OfType<Skill>().ToList();
        var aligned = core.First(k => k.Aligned.Length > 0);
        var occupation = Taxonomy.OccupationsForRome("G1803").OrderBy(o => o.Uri, StringComparer.Ordinal).First();
        var offers = core.Select((k, i) => new OfferDocument
        {
            Id = $"o{i}",
            Title = "serveur",
            Skills = [new DemandedSkill(k.Uri, SkillImportance.Essential, Source: SkillSource.OfferCode)],
        }).ToList();

        var without = SkillsGapCalculator.Compute(Taxonomy, [occupation.Uri], [], offers, romeCode: "G1803");
        var twin = SkillsGapCalculator.Compute(Taxonomy, [occupation.Uri], [Taxonomy.Skills[aligned.Aligned[0]].Uri], offers, romeCode: "G1803");

        Assert.Contains(aligned.Uri, without.Missing.Select(m => m.SkillUri));
        Assert.DoesNotContain(aligned.Uri, twin.Missing.Select(m => m.SkillUri));
        Assert.True(twin.Missing.Count < without.Missing.Count);
    }

    [Fact]
    public void A_narrower_skill_of_the_seeker_covers_the_asked_skill()
    {
        var occupation = Taxonomy.Occupations.First(o => o.EssentialSkills.Any(s => Taxonomy.Skills[s].Narrower.Length > 0));
        var skill = occupation.EssentialSkills.Select(s => Taxonomy.Skills[s]).First(s => s.Narrower.Length > 0);
        var offers = new[] { Offer("o1", skill.Id) };

        var gap = SkillsGapCalculator.Compute(Taxonomy, [occupation.Uri], [Taxonomy.Skills[skill.Narrower[0]].Uri], offers);

        Assert.Equal(0, gap.Share);
        Assert.Empty(gap.Missing);
    }

    [Fact]
    public void Without_local_demand_the_gap_is_measured_on_the_jobs_own_essential_skills()
    {
        var gap = SkillsGapCalculator.Compute(Taxonomy, [CareAssistant.Uri], [], []);
        Assert.Equal(1.0, gap.Share);
        Assert.Equal(SkillsGapBasis.JobReference, gap.Basis);
        Assert.Equal(0, gap.AskedSkills);
        // The job's essential skills are still listed, each unlocking no local offer.
        Assert.Equal(CareAssistant.EssentialSkills.Length, gap.Missing.Count);
        Assert.All(gap.Missing, m => Assert.Equal(0, m.OffersUnlocked));

        // Holding half of them is half the gap.
        var half = CareAssistant.EssentialSkills.Take(CareAssistant.EssentialSkills.Length / 2).Select(id => Taxonomy.Skills[id].Uri).ToList();
        var partial = SkillsGapCalculator.Compute(Taxonomy, [CareAssistant.Uri], half, []);
        Assert.InRange(partial.Share!.Value, 0.01, 0.6);
        Assert.Equal((double)partial.Missing.Count / CareAssistant.EssentialSkills.Length, partial.Share);
    }

    [Theory]
    [InlineData("N1101", false)]
    [InlineData("M1607", true)]
    public void Without_local_demand_the_sheets_items_come_first_and_a_skill_the_alignment_says_twice_is_listed_once(string rome, bool twins)
    {
        // A cariste with no offer nearby read "utiliser un équipement radio" first; the sheet's own items were cut off.
        // An administrative assistant's ESCO essential skills include one the alignment says is an item of the sheet.
        var occupation = Taxonomy.OccupationsForRome(rome).First();
        var core = Taxonomy.Rome4.Sheet(rome)!.CoreItems.Select(i => Taxonomy.Rome4Skill(i.Code)).OfType<Skill>().Select(s => s.Uri).ToHashSet();

        var gap = SkillsGapCalculator.Compute(Taxonomy, [occupation.Uri], [], [], "fr", rome);

        Assert.Equal(SkillsGapBasis.JobReference, gap.Basis);
        Assert.Equal(1.0, gap.Share);
        Assert.Equal(core.Order(StringComparer.Ordinal), gap.Missing.Take(core.Count).Select(m => m.SkillUri).Order(StringComparer.Ordinal));
        var listed = gap.Missing.Select(m => Taxonomy.SkillByUri(m.SkillUri)!).ToList();
        var ids = listed.Select(s => s.Id).ToHashSet();
        Assert.All(listed.Where(s => s.Scheme == SkillScheme.Esco), s => Assert.DoesNotContain(s.Aligned, ids.Contains));
        Assert.Equal(twins, occupation.EssentialSkills.Union(core.Select(u => Taxonomy.SkillByUri(u)!.Id)).Count() > listed.Count);
        // Among ESCO's, those with a French label first.
        var french = listed.Where(s => s.Scheme == SkillScheme.Esco).Select(s => !s.HasLabelIn("fr")).ToList();
        Assert.Equal(french.Order(), french);
        // In English, ESCO's skills first: the sheet's items have French labels only.
        var english = SkillsGapCalculator.Compute(Taxonomy, [occupation.Uri], [], [], "en", rome).Missing.Select(m => Taxonomy.SkillByUri(m.SkillUri)!.Scheme).ToList();
        Assert.Equal(SkillScheme.Esco, english[0]);
        Assert.Equal(english.OrderBy(s => s == SkillScheme.Rome4 ? 1 : 0), english);
    }
}

public sealed class CloseJobFinderTests
{
    private static SkillsTaxonomy Taxonomy => TaxonomyFixture.Taxonomy;

    private const string CareAssistant = "http://data.europa.eu/esco/occupation/87d0795a-d41f-47ee-979f-0ab7d73836e7";

    private static List<string> SkillsOf(string occupationUri) =>
        [.. Taxonomy.OccupationByUri(occupationUri)!.EssentialSkills.Select(s => Taxonomy.Skills[s].Uri)];

    [Fact]
    public void An_experienced_care_assistant_gets_the_official_mobilities_and_close_jobs_with_why_skills_and_market()
    {
        var close = CloseJobFinder.Find(Taxonomy, "J1501", "aide-soignante", CareAssistant, SkillsOf(CareAssistant), [], rome => rome == "J1304" ? 7.5 : null);

        Assert.InRange(close.Count, 1, CloseJobFinder.MaxJobs);
        Assert.Equal(close.Count, close.Select(j => j.RomeCode).Distinct().Count());
        Assert.DoesNotContain(close, j => j.RomeCode == "J1501");
        var official = Taxonomy.Rome4.Sheet("J1501")!.Mobilities;
        Assert.All(close, job =>
        {
            Assert.Equal(official.Contains(job.RomeCode), job.OfficialMobility);
            Assert.Equal(Taxonomy.Rome4.Sheet(job.RomeCode)!.Label, job.Label);
            Assert.Equal(Taxonomy.Rome4.Sheet(job.RomeCode)!.ParentCode == "J1304" ? 7.5 : null, job.OffersPerTenJobSeekers);
            // Why: an official mobility, or at least half of its core skills shared.
            Assert.True(job.OfficialMobility || job.SharedSkills.Count * 2 >= job.CoreSkills, job.Label);
            Assert.True(job.SharedSkills.Count + job.SkillsToAdd.Count >= job.CoreSkills);
        });
        Assert.Contains(close, j => j.OfficialMobility);
    }

    [Theory]
    [InlineData("assistante comptable", "http://data.europa.eu/esco/occupation/bfe142b9-a049-4d41-89c4-fd2f34ac56b6", "M1213")]
    [InlineData("magasinier cariste", "http://data.europa.eu/esco/occupation/bea705fe-06ac-4147-b8e0-6e8ac1208d8f", "N1110")]
    public void The_target_is_the_rome_4_sheet_named_like_the_job_the_seeker_typed(string typed, string occupation, string sheet)
    {
        // ROME 4.0 split the v3 sheet: the close jobs are those of the seeker's own job, which is never one of them.
        var v3 = Taxonomy.OccupationByUri(occupation)!.RomeCodes[0];
        var close = CloseJobFinder.Find(Taxonomy, v3, typed, occupation, SkillsOf(occupation), [], _ => null);
        Assert.DoesNotContain(close, j => j.RomeCode == sheet);
        Assert.Contains(close, j => j.OfficialMobility && Taxonomy.Rome4.Sheet(sheet)!.Mobilities.Contains(j.RomeCode));
    }

    [Fact]
    public void A_French_page_names_the_skills_to_add_that_ESCO_labelled_in_French_before_those_it_did_not()
    {
        // A waitress's close jobs: commis de cuisine asked "food waste monitoring systems", which ESCO has in English only,
        // among the first skills to add on a French page.
        var waiter = Taxonomy.OccupationsForRome("G1803").First(o => o.Label("fr").StartsWith("serveur", StringComparison.Ordinal));
        var englishOnly = Taxonomy.Skills.Where(s => !s.HasLabelIn("fr")).Select(s => s.LabelEn).ToHashSet(StringComparer.Ordinal);

        var close = CloseJobFinder.Find(Taxonomy, "G1803", "serveuse", waiter.Uri, SkillsOf(waiter.Uri), [], _ => null);

        Assert.Contains(close, j => j.SkillsToAdd.Any(englishOnly.Contains));
        Assert.All(close, j =>
        {
            var english = j.SkillsToAdd.Select(englishOnly.Contains).ToList();
            Assert.Equal(english.Order(), english);
        });
    }

    [Fact]
    public void A_known_job_always_has_close_jobs_even_for_a_seeker_who_gave_no_skill()
    {
        var close = CloseJobFinder.Find(Taxonomy, "F1602", "électricien", null, [], [], _ => null);
        Assert.NotEmpty(close);
        Assert.All(close, j => Assert.True(j.OfficialMobility));
    }

    [Fact]
    public void Without_a_target_nor_skills_there_is_nothing_to_be_close_to()
    {
        Assert.Empty(CloseJobFinder.Find(Taxonomy, null, null, null, ["not-a-skill"], [], _ => null));
    }

    [Fact]
    public void A_better_market_ranks_a_job_higher_all_else_equal()
    {
        var neutral = CloseJobFinder.Find(Taxonomy, "J1501", "aide-soignante", CareAssistant, SkillsOf(CareAssistant), [], _ => null);
        var last = neutral[^1];
        var boosted = CloseJobFinder.Find(Taxonomy, "J1501", "aide-soignante", CareAssistant, SkillsOf(CareAssistant), [], rome => rome == Taxonomy.Rome4.Sheet(last.RomeCode)!.ParentCode ? 40 : null);
        Assert.True(boosted.ToList().FindIndex(j => j.RomeCode == last.RomeCode) is var i && i >= 0 && i < neutral.Count - 1);
    }
}

public sealed class RomeDiplomaReaderTests
{
    [Theory]
    [InlineData("Cet emploi/métier est accessible avec un diplôme de niveau Bac+2 (BTS, DUT) dans le secteur de l'entreprise.", true, DiplomaLevel.Bac2)]
    [InlineData("Cet emploi/métier est accessible avec un Master (M1, DSCG, Master professionnel, ...) en comptabilité.", true, DiplomaLevel.Bac5)]
    [InlineData("Cet emploi/métier est accessible à partir d'un CAP (plâtrier staffeur, ...).", true, DiplomaLevel.CapBep)]
    [InlineData("Cet emploi/métier est accessible avec un diplôme de niveau Bac (professionnel) à Bac+2 (BTS/DUT) en transport.", true, DiplomaLevel.Bac)]
    [InlineData("Cet emploi/métier est accessible avec le Diplôme d'Etat d'Aide-soignant -DEAS-.", true, null)]
    [InlineData("Cet emploi/métier est accessible avec un CAP/BEP en soudage ou avec une expérience professionnelle dans le travail des métaux.", false, DiplomaLevel.CapBep)]
    [InlineData("Cet emploi/métier est accessible sans diplôme ni expérience professionnelle.", false, null)]
    [InlineData("Cet emploi/métier est accessible sur concours de la fonction publique.", null, null)]
    [InlineData(null, null, null)]
    public void Reads_the_usual_entry_diploma_and_whether_it_is_a_must(string? text, bool? required, DiplomaLevel? level)
    {
        Assert.Equal(new RomeDiplomaReader.Requirement(required, level), RomeDiplomaReader.Read(text));
    }

    [Fact]
    public void Reads_real_rome_sheets()
    {
        var taxonomy = TaxonomyFixture.Taxonomy;
        Assert.Equal(new RomeDiplomaReader.Requirement(true, null), RomeDiplomaReader.Read(taxonomy.RomeJob("J1501")!.AccessConditions));
        Assert.Equal(new RomeDiplomaReader.Requirement(true, DiplomaLevel.Bac5), RomeDiplomaReader.Read(taxonomy.RomeJob("M1204")!.AccessConditions));
        Assert.False(RomeDiplomaReader.Read(taxonomy.RomeJob("D1106")!.AccessConditions).Required);
        // Most sheets say something usable.
        Assert.True(taxonomy.RomeJobs.Count(j => RomeDiplomaReader.Read(j.AccessConditions).Required is not null) > 450);
    }
}
