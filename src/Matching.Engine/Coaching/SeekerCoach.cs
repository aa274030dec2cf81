using Matching.Engine.Coaching.Advice;
using Matching.Engine.Coaching.Diagnosis;
using Matching.Engine.Coaching.Facts;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Ranking;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Coaching;

/// <summary>The main target as Coach understood it (shown to the seeker so they can correct it).</summary>
public sealed record UnderstoodTarget(string? Typed, string? OccupationUri, string? OccupationLabel, string? RomeCode, string? RomeLabel);

/// <summary>Everything Coach tells a seeker: diagnosis, advice, strategies, skills gap, close jobs, matching offers.</summary>
public sealed record CoachAssessment(
    UnderstoodTarget? Target,
    Place? Place,
    MarketFacts Facts,
    SeekerDiagnosis Diagnosis,
    IReadOnlyList<ScoredAdvice> Advice,
    IReadOnlyList<Strategy> Strategies,
    SkillsGapResult? SkillsGap,
    IReadOnlyList<CloseJob> CloseJobs,
    ProfileDocument Profile,
    MatchPage Matches);

/// <summary>
/// Runs the coaching pipeline for one seeker over the reference data and the live index: resolves
/// the target job and place, gathers the market facts (DARES, live counts, skills gap, close jobs),
/// then diagnosis, advice and strategies, and the matching offers. Pure functions do the judging;
/// this class only gathers what they read.
/// </summary>
/// <param name="ranking">The learned order of the matches' first page, when a model won (docs/quality.md).</param>
/// <param name="adviceRanking">The learned order of advice within an engine score, when a model won.</param>
public sealed class SeekerCoach(ReferenceDataProvider referenceData, IMatchIndex index, OfferRanking? ranking = null, AdviceRanking? adviceRanking = null)
{
    /// <summary>Local offers read to rank the skills gap: enough to count, few enough to stay fast.</summary>
    private const int GapSampleOffers = 200;

    private ReferenceData Data => referenceData.Require();

    public async Task<CoachAssessment> AssessAsync(SeekerProfile profile, DateOnly today, string language, int matches = 10, CancellationToken cancellationToken = default)
    {
        var data = Data;
        var target = UnderstandTarget(profile);
        var place = ResolvePlace(profile);
        var document = ToDocument(profile, target, place);
        var radius = document.RadiusKm;

        var facts = target?.RomeCode is { } rome
            ? MarketFactsBuilder.FromReferenceData(data.Market, data.Geography, profile, rome, data.Taxonomy)
            : MarketFacts.Unknown;

        SkillsGapResult? gap = null;
        if (target?.OccupationUri is { } occupationUri)
        {
            var live = await index.SupplyDemandAsync(new SupplyDemandQuery(null, occupationUri, place, place is null ? null : radius), cancellationToken);
            var localOffers = await LocalOffersAsync(occupationUri, place, radius, cancellationToken);
            gap = SkillsGapCalculator.Compute(data.Taxonomy, [occupationUri], document.Skills.Select(s => s.SkillUri), localOffers, language);
            facts = facts with
            {
                LiveOffers = (int)Math.Min(int.MaxValue, live.Offers),
                LiveProfiles = (int)Math.Min(int.MaxValue, live.Profiles),
                SkillsGapShare = document.Skills.Count == 0 ? null : gap.Share,
                MissingSkills = gap.Missing,
            };
        }

        var closeJobs = facts.CloseJobs;
        if (closeJobs.Count == 0 && document.Skills.Count > 0)
        {
            closeJobs = CloseJobFinder.Find(
                data.Taxonomy, document.Skills.Select(s => s.SkillUri),
                target?.RomeCode is { } r ? [r] : [],
                code => Tension(code, place), language: language);
            facts = facts with { CloseJobs = closeJobs };
        }

        var diagnosis = DiagnosisEngine.Diagnose(profile, facts, today);
        var advice = AdviceEngine.Advise(profile, facts, diagnosis, today);
        if (adviceRanking is { ActiveModel: not null })
        {
            advice = adviceRanking.Reorder(advice, diagnosis.MainChallenge);
        }
        var strategies = StrategyBuilder.Build(advice, diagnosis);
        var page = document.Skills.Count == 0
            ? new MatchPage([], 0, null)
            : await index.MatchOffersAsync(document, new MatchOptions(Math.Clamp(matches, 1, 100)), cancellationToken);
        if (ranking is { ActiveModel: not null } && page.Hits.Count > 1)
        {
            page = ranking.Rerank(document, page, await OfferRanking.OffersAsync(index, page, cancellationToken), OfferRanking.Tension(data));
        }
        return new CoachAssessment(target, place, facts, diagnosis, advice, strategies, gap, closeJobs, document, page);
    }

    /// <summary>The seeker's main target: an ESCO URI, a ROME code, or their words read by the title search.</summary>
    public UnderstoodTarget? UnderstandTarget(SeekerProfile profile)
    {
        var taxonomy = Data.Taxonomy;
        var first = profile.TargetJobs?.FirstOrDefault();
        if (first is null)
        {
            return null;
        }
        Occupation? occupation = first.OccupationUri is { } uri ? taxonomy.OccupationByUri(uri) : null;
        var romeCode = first.RomeCode?.Trim().ToUpperInvariant();
        if (occupation is null && romeCode is not null)
        {
            occupation = taxonomy.OccupationsForRome(romeCode).FirstOrDefault();
        }
        if (occupation is null && !string.IsNullOrWhiteSpace(first.Label))
        {
            var best = Data.Titles.Understand(first.Label, "fr", 1).FirstOrDefault();
            occupation = best?.Occupation;
            romeCode ??= best?.RomeCodes.FirstOrDefault();
        }
        romeCode ??= occupation?.RomeCodes.FirstOrDefault();
        if (occupation is null && romeCode is null)
        {
            return new UnderstoodTarget(first.Label, null, null, null, null);
        }
        return new UnderstoodTarget(first.Label, occupation?.Uri, occupation?.LabelFr is { Length: > 0 } fr ? fr : occupation?.LabelEn,
            romeCode, romeCode is null ? null : taxonomy.RomeJob(romeCode)?.Title);
    }

    public Place? ResolvePlace(SeekerProfile profile)
    {
        var geography = Data.Geography;
        var commune = geography.Resolve(profile.Commune) ?? geography.ResolvePostcode(profile.Postcode);
        return commune?.Location is { } location
            ? new Place(location.Latitude, location.Longitude, commune.InseeCode, commune.NameWithArticle)
            : null;
    }

    /// <summary>
    /// The matching projection of a questionnaire: the skills the seeker gave (and, when they gave
    /// none for a past job, that job's essential skills as past-job evidence), place, radius, contracts.
    /// </summary>
    public ProfileDocument ToDocument(SeekerProfile profile, UnderstoodTarget? target, Place? place)
    {
        var taxonomy = Data.Taxonomy;
        var skills = new Dictionary<string, OfferedSkill>(StringComparer.Ordinal);
        foreach (var skill in profile.Skills ?? [])
        {
            if (taxonomy.SkillByUri(skill.Uri) is not null)
            {
                skills[skill.Uri] = new OfferedSkill(skill.Uri, skill.Evidence);
            }
        }
        foreach (var job in profile.PastJobs ?? [])
        {
            var occupation = job.OccupationUri is { } uri ? taxonomy.OccupationByUri(uri)
                : job.RomeCode is { } rome ? taxonomy.OccupationsForRome(rome).FirstOrDefault() : null;
            foreach (var id in occupation?.EssentialSkills ?? [])
            {
                skills.TryAdd(taxonomy.Skills[id].Uri, new OfferedSkill(taxonomy.Skills[id].Uri, SkillEvidence.PastJob));
            }
        }
        return new ProfileDocument
        {
            Id = profile.Id,
            TargetOccupationUris = target?.OccupationUri is { } o ? [o] : [],
            TargetRomeCodes = target?.RomeCode is { } r ? [r] : [],
            Skills = [.. skills.Values],
            Place = place,
            RadiusKm = profile.RadiusKm ?? 30,
            ExperienceYears = profile.YearsOfExperienceInTarget ?? 0,
            ContractWishes = profile.ContractWishes ?? [],
            Searchable = profile.SearchableByRecruiters,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
    }

    private async Task<List<OfferDocument>> LocalOffersAsync(string occupationUri, Place? place, double radius, CancellationToken cancellationToken)
    {
        // The offers of the target job around the seeker: matched against a probe made of the job's own skills.
        var occupation = Data.Taxonomy.OccupationByUri(occupationUri)!;
        var probe = new ProfileDocument
        {
            Id = "probe",
            Skills = [.. occupation.EssentialSkills.Concat(occupation.OptionalSkills).Select(id => new OfferedSkill(Data.Taxonomy.Skills[id].Uri))],
            Place = place,
            RadiusKm = place is null ? 1000 : radius,
        };
        var page = await index.MatchOffersAsync(probe, new MatchOptions(100, AllowRelated: false), cancellationToken);
        var offers = new List<OfferDocument>(page.Hits.Count);
        foreach (var hit in page.Hits.Take(GapSampleOffers))
        {
            if (await index.GetOfferAsync(hit.Id, cancellationToken) is { } offer && offer.OccupationUri == occupationUri)
            {
                offers.Add(offer);
            }
        }
        return offers;
    }

    private double? Tension(string romeCode, Place? place)
    {
        var area = place?.CommuneCode is { } commune ? Data.Geography.EmploymentAreaOf(commune)?.Code : null;
        return area is not null && Data.Market.TryGetTension(romeCode, area, out var tension) ? tension.OffersPerTenJobSeekers : null;
    }
}
