using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;
using Matching.Engine.Seekers;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Tests.Coaching;

/// <summary>
/// The savoir-être professionnels a seeker declares ("Etre à l'écoute, faire preuve d'empathie"): offers of every job ask
/// them, so they count in the offers that ask them and never stand for a skill of the job.
/// </summary>
public sealed class SeekerQualitiesTests : IAsyncLifetime
{
    private const int Listening = 300412;  // "Etre à l'écoute, faire preuve d'empathie", on the care assistant's sheet
    private static readonly DateOnly s_today = new(2026, 12, 1);
    private readonly string _root = Directory.CreateTempSubdirectory("coach-qualities-").FullName;
    private EmbeddedMatchIndex _index = default!;
    private SeekerCoach _coach = default!;
    private JobReadings _readings = default!;
    private SkillsTaxonomy _taxonomy = default!;

    public async Task InitializeAsync()
    {
        var (provider, index) = await CoachTestData.OpenAsync(_root);
        _index = index;
        _coach = new SeekerCoach(provider, index);
        _readings = new JobReadings(provider, _coach);
        _taxonomy = provider.Require().Taxonomy;
    }

    public Task DisposeAsync()
    {
        _index.Dispose();
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    private string Quality(int code) => _taxonomy.Rome4Skill(code)!.Uri;

    private SeekerProfile Carer(params string[] skills) => new()
    {
        Id = "s1",
        TargetJobs = [new TargetJob("aide-soignante")],
        Commune = "59350",
        RadiusKm = 20,
        Skills = [.. skills.Select(s => new SeekerSkill(s))],
    };

    private List<string> CoreItems(string rome) =>
        [.. _taxonomy.Rome4.Sheet(rome)!.CoreItems.Select(i => _taxonomy.Rome4Skill(i.Code)).OfType<Skill>().Select(s => s.Uri)];

    private async Task PostOffersAsync()
    {
        var place = _coach.ResolvePlace(Carer());
        var carer = _taxonomy.OccupationsForRome("J1501").First();
        var accountant = _taxonomy.OccupationsForRome("M1203").First();
        await _index.UpsertOffersAsync(
        [
            new OfferDocument
            {
                Id = "carer", Title = "Aide-soignant(e) de nuit", OccupationUri = carer.Uri, RomeCode = "J1501", Place = place,
                Skills = [.. CoreItems("J1501").Take(4).Append(Quality(Listening)).Select(u => new DemandedSkill(u, SkillImportance.Essential))],
            },
            new OfferDocument
            {
                Id = "accountant", Title = "Comptable", OccupationUri = accountant.Uri, RomeCode = "M1203", Place = place,
                Skills = [.. CoreItems("M1203").Take(2).Append(Quality(Listening)).Select(u => new DemandedSkill(u, SkillImportance.Essential))],
            },
        ]);
    }

    [Fact]
    public void The_questionnaire_proposes_the_sixteen_qualities_apart_those_of_the_targets_sheet_first()
    {
        var draft = new SeekerProfile { Id = "draft", TargetJobs = [_readings.Target("aide-soignante", null, "fr")!] };

        var qualities = _readings.ProposedQualities(draft);

        Assert.Equal(16, qualities.Count);
        Assert.All(qualities, q => Assert.Equal(Rome4ItemKind.SavoirEtre, _taxonomy.Rome4ItemOf(q.Skill)!.Kind));
        Assert.Equal(16, qualities.Select(q => q.Skill.Id).Distinct().Count());
        var listed = _taxonomy.Rome4.Sheet("J1501")!.Items.Select(i => i.Code).ToHashSet();
        var onSheet = qualities.Count(q => q.ForTargetJob);
        Assert.Equal(4, onSheet);
        Assert.All(qualities.Take(onSheet), q => Assert.Contains(int.Parse(q.Skill.Uri.Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture), listed));
        Assert.Contains(qualities.Take(onSheet), q => q.Skill.Uri == Quality(Listening));
        Assert.All(qualities, q => Assert.False(string.IsNullOrWhiteSpace(q.Definition)));
    }

    [Fact]
    public async Task Qualities_alone_are_no_skill_of_the_job_the_seeker_gets_the_jobs_offers_not_any_offer_asking_them()
    {
        await PostOffersAsync();

        var assessment = await _coach.AssessAsync(Carer(Quality(Listening)), s_today, "fr");

        Assert.Equal(0, assessment.Facts.SeekerSkillCount);
        Assert.Null(assessment.Facts.SkillsGapShare);
        Assert.True(assessment.MatchedOnTargetJobSkills);
        Assert.Equal(["carer"], assessment.Matches.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task A_seeker_with_no_skill_of_the_job_sees_offers_of_the_job_not_another_jobs_sharing_one_usual_skill()
    {
        // Matched on the job's usual skills, another job's offer shares a generic one: a cariste with no offer of the job near was
        // shown a datacentre engineer's offer first, under "voici les offres du métier visé".
        await PostOffersAsync();
        var accountant = _taxonomy.OccupationsForRome("M1203").First();
        await _index.UpsertOffersAsync(
        [
            new OfferDocument
            {
                Id = "accountant-generic", Title = "Comptable", OccupationUri = accountant.Uri, RomeCode = "M1203", Place = _coach.ResolvePlace(Carer()),
                Skills = [.. CoreItems("M1203").Take(2).Append(CoreItems("J1501")[0]).Select(u => new DemandedSkill(u, SkillImportance.Essential))],
            },
        ]);

        var assessment = await _coach.AssessAsync(Carer(), s_today, "fr");

        Assert.True(assessment.MatchedOnTargetJobSkills);
        Assert.Equal(["carer"], assessment.Matches.Hits.Select(h => h.Id));
        Assert.Equal(1, assessment.Matches.Total);
        // With a skill of the job given, the same offer is another job's that uses one of them: it may stay, below.
        var skilled = await _coach.AssessAsync(Carer(CoreItems("J1501")[0]), s_today, "fr");
        Assert.Equal("carer", skilled.Matches.Hits[0].Id);
    }

    [Fact]
    public async Task A_seeker_changing_jobs_whose_skills_meet_none_of_the_jobs_offers_sees_them_found_with_its_usual_skills()
    {
        // A saleswoman who wants to become an electrician, walked on the real offers, met only shop offers ("Autre métier que le
        // métier visé") while her radius held electricians' offers none of her skills meets. Here: an accountant's skills, a carer's
        // target, one carer offer within the radius and one accountant offer.
        await PostOffersAsync();
        var accountantSkills = CoreItems("M1203").Take(3).ToArray();

        var changing = await _coach.AssessAsync(Carer(accountantSkills), s_today, "fr");

        Assert.True(changing.MatchedOnTargetJobSkills, $"live {changing.Facts.LiveOffers}, hits {string.Join(",", changing.Matches.Hits.Select(h => h.Id + ":" + h.Explanation.Parts.Occupation))}");
        Assert.Equal(["carer"], changing.Matches.Hits.Select(h => h.Id));
        // Her gap is still measured on what she gave (every skill of the job missing), not asked for as if she gave none.
        Assert.NotNull(changing.Facts.SkillsGapShare);
        // With one skill of the job, the job's offer is among her matches on her own skills: no fallback.
        var skilled = await _coach.AssessAsync(Carer([.. accountantSkills, CoreItems("J1501")[0]]), s_today, "fr");
        Assert.False(skilled.MatchedOnTargetJobSkills);
        Assert.Contains("carer", skilled.Matches.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task A_career_changers_close_jobs_are_close_to_the_job_she_asks_not_to_her_past_job()
    {
        // A saleswoman of Thonon-les-Bains becoming an electrician read "Conseiller commercial motocycles" first among her
        // close jobs: her shop skills reached the sellers' jobs. Close jobs are the target's neighbours; her skills rank them.
        var saleswoman = new SeekerProfile
        {
            Id = "s2",
            TargetJobs = [_readings.Target("électricien", null, "fr")!],
            PastJobs = [new PastJob("vendeuse en prêt-à-porter", Years: 8)],
            Commune = "74281",
            RadiusKm = 40,
        };

        var assessment = await _coach.AssessAsync(saleswoman, s_today, "fr");

        Assert.Equal("F1602", assessment.Target?.RomeCode);
        Assert.NotEmpty(assessment.Facts.ExperienceJobs);
        var close = assessment.CloseJobs;
        Assert.NotEmpty(close);
        // No seller's job by skills (an official mobility of the electrician's sheet may be one: "Vendeur grossiste en équipement du foyer").
        Assert.DoesNotContain(close, j => !j.OfficialMobility && j.RomeCode.StartsWith('D'));
        // The target's official mobilities stay, and come first.
        var mobilities = _taxonomy.Rome4.Sheet("F1602")!.Mobilities;
        Assert.Contains(close, j => j.OfficialMobility && mobilities.Contains(j.RomeCode));
        Assert.True(close[0].OfficialMobility, string.Join(" | ", close.Select(j => $"{j.RomeCode} {j.Label}")));
    }

    [Fact]
    public async Task A_seeker_with_no_skill_of_the_job_reads_how_many_offers_of_the_job_not_every_offer_sharing_a_usual_skill()
    {
        // A waiter of Annecy who gave no skill read "183 offres correspondent" for about twenty waiter offers: the index counts every
        // offer sharing one of the job's usual skills. Here 40 offers of another job share one, more than the hits read (30).
        await PostOffersAsync();
        var accountant = _taxonomy.OccupationsForRome("M1203").First();
        await _index.UpsertOffersAsync([.. Enumerable.Range(0, 40).Select(i => new OfferDocument
        {
            Id = $"accountant-generic-{i}", Title = "Comptable", Company = $"Cabinet {i}", OccupationUri = accountant.Uri, RomeCode = "M1203", Place = _coach.ResolvePlace(Carer()),
            Skills = [.. CoreItems("M1203").Take(2).Append(CoreItems("J1501")[0]).Select(u => new DemandedSkill(u, SkillImportance.Essential))],
        })]);

        var assessment = await _coach.AssessAsync(Carer(), s_today, "fr");

        Assert.Equal(["carer"], assessment.Matches.Hits.Select(h => h.Id));
        // One offer of the job among the hits read, and more matches beyond them: "au moins 1", not 41 less the 29 left out.
        Assert.Equal(1, assessment.Matches.Total);
        Assert.True(assessment.Matches.TotalIsLowerBound);
    }

    [Fact]
    public async Task A_declared_quality_meets_the_offers_that_ask_it()
    {
        await PostOffersAsync();
        var own = CoreItems("J1501").Take(3).ToArray();

        var without = await _coach.AssessAsync(Carer(own), s_today, "fr");
        var with = await _coach.AssessAsync(Carer([.. own, Quality(Listening)]), s_today, "fr");

        Assert.Equal(3, with.Facts.SeekerSkillCount);
        var hit = with.Matches.Hits.First();
        Assert.Equal("carer", hit.Id);
        Assert.Contains(hit.Explanation.Matched, m => m.SkillUri == Quality(Listening) && m.Kind == SkillMatchKind.Exact);
        Assert.Contains(without.Matches.Hits.Single(h => h.Id == "carer").Explanation.MissingEssential, u => u == Quality(Listening));
        Assert.True(hit.Explanation.Parts.Demand > without.Matches.Hits.Single(h => h.Id == "carer").Explanation.Parts.Demand);
        // A quality alone says nothing of the job: another job's offer that only shares it is no match.
        Assert.DoesNotContain(with.Matches.Hits, h => h.Id == "accountant");
    }
}
