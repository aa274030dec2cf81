using System.Collections.Concurrent;
using Matching.Engine.Coaching.Advice;
using Matching.Engine.Coaching.Diagnosis;
using Matching.Engine.Coaching.Facts;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Ranking;
using Matching.Engine.Scoring;
using Matching.Engine.Seekers;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Coaching;

/// <summary>The main target as Coach understood it (shown to the seeker so they can correct it).</summary>
/// <param name="RomeLabel">The ROME sheet's title: ROME 4.0's, else ROME v3's.</param>
public sealed record UnderstoodTarget(string? Typed, string? OccupationUri, string? OccupationLabel, string? RomeCode, string? RomeLabel)
{
    /// <summary>The job as France Travail names it, when the seeker's words are a ROME 4.0 job title (as the questionnaire saves a title chosen); else null.</summary>
    public string? Rome4Title { get; init; }
}

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
    MatchPage Matches)
{
    /// <summary>
    /// The seeker gave no skill, so <see cref="Matches"/> were found with the target job's usual skills
    /// (<see cref="SeekerCoach.TargetJobSkills"/>): the floor of a seeker who only types a job.
    /// </summary>
    public bool MatchedOnTargetJobSkills { get; init; }

    /// <summary>Per offer of <see cref="Matches"/>, the postings of the same job at the same company and place it stands for (itself included).</summary>
    public IReadOnlyDictionary<string, int>? Postings { get; init; }
}

/// <summary>
/// Runs the coaching pipeline for one seeker over the reference data and the live index: resolves
/// the target job and place, gathers the market facts (DARES, live counts, skills gap, close jobs),
/// then diagnosis, advice and strategies, and the matching offers. Pure functions do the judging;
/// this class only gathers what they read.
/// </summary>
/// <param name="ranking">The learned order of the matches' first page, when a model won (docs/quality.md).</param>
/// <param name="adviceRanking">The learned order of advice within an engine score, when a model won.</param>
/// <summary>A seeker's offers' query (<see cref="SeekerCoach.SeekerQuery"/>): the skills matched, the options, and whether they are the
/// target job's usual skills standing in for the seeker's (then only offers of the job or a close one are matches).</summary>
public sealed record SeekerMatchQuery(ProfileDocument Matching, MatchOptions Options, bool OnJobSkills);

public sealed class SeekerCoach(ReferenceDataProvider referenceData, IMatchIndex index, OfferRanking? ranking = null, AdviceRanking? adviceRanking = null)
{
    /// <summary>Local offers read to rank the skills gap: enough to count, few enough to stay fast.</summary>
    private const int GapSampleOffers = 200;

    /// <summary>Offers that state their driving licence needed before the share is computed from them.</summary>
    public const int MinOffersForLicenceShare = 5;

    private ReferenceData Data => referenceData.Require();

    /// <param name="storedSeekerId">The id under which <paramref name="profile"/> is stored when it is that seeker's own (read
    /// from the store by the seeker, their adviser or the review queue): the live count of the job's seekers leaves that profile
    /// out. Null for a questionnaire posted as is (<c>POST /api/coach/diagnose</c>): an id in a posted body proves nothing, and
    /// leaving a stored profile out on its say-so would tell an anonymous caller where another seeker looks for which job.</param>
    public async Task<CoachAssessment> AssessAsync(SeekerProfile profile, DateOnly today, string language, int matches = 10, CancellationToken cancellationToken = default,
        string? storedSeekerId = null)
    {
        var data = Data;
        var target = UnderstandTarget(profile);
        var place = ResolvePlace(profile);
        var practised = Practised(profile, target);
        var document = ToDocument(profile, target, place, practised);
        var radius = document.RadiusKm;
        // The skills as the matches count them: with the ROME 4.0 core items of the jobs practised and what the law requires of a
        // regulated target they hold (the gap measures them too), computed once for both.
        var withExperience = WithExperience(document, profile, target, practised);

        // Qualities (savoir-être) say nothing of which job: a seeker who ticked only qualities has given no skill of a job.
        var jobSkills = document.Skills.Count(s => !data.Taxonomy.IsQuality(s.SkillUri));
        var facts = target?.RomeCode is { } rome
            ? MarketFactsBuilder.FromReferenceData(data.Market, data.Geography, profile, rome, data.Taxonomy)
            : MarketFacts.Unknown;
        facts = facts with
        {
            SeekerSkillCount = jobSkills,
            ExperienceJobs = [.. practised.Select(j => j.Label)],
        };

        SkillsGapResult? gap = null;
        // Offers of the job asked within the radius (its ESCO occupation or its ROME 4.0 code), for the matches below.
        var jobOffersNear = false;
        if (target?.OccupationUri is { } occupationUri)
        {
            var (live, localOffers) = await LocalMarketAsync(occupationUri, target.RomeCode, place, radius, cancellationToken);
            // The seeker's own stored profile is no competitor: "aucune offre, 1 profil" counted her against herself.
            live = await WithoutSelfAsync(live, storedSeekerId, occupationUri, place, radius, cancellationToken);
            jobOffersNear = live.Offers > 0 || localOffers.Count > 0;
            // What the law requires of a regulated job (its diploma, licences and certificates) is in withExperience when the seeker holds it.
            gap = SkillsGapCalculator.Compute(data.Taxonomy, [occupationUri], withExperience.Skills.Select(s => s.SkillUri), localOffers, language, target.RomeCode);
            // No skill of the job given: no share missing (the diagnosis asks for the skills), the same on every page and in the API.
            gap = jobSkills == 0 ? gap with { Share = null } : gap;
            facts = facts with
            {
                LiveOffers = (int)Math.Min(int.MaxValue, live.Offers),
                LiveProfiles = (int)Math.Min(int.MaxValue, live.Profiles),
                SkillsGapShare = jobSkills == 0 ? null : gap.Share,
                SkillsGapBasis = jobSkills == 0 ? null : gap.Basis,
                MissingSkills = gap.Missing,
            };
            // The licence share from the offers that say it (France Travail's always do); the ROME sheet's
            // access text (already in the facts) stands when too few offers nearby say it.
            var stating = localOffers.Where(o => o.DrivingLicence is not null).ToList();
            if (stating.Count >= MinOffersForLicenceShare)
            {
                facts = facts with
                {
                    DrivingLicenceShare = (double)stating.Count(o => o.DrivingLicence != LicenceRequirement.NotAsked) / stating.Count,
                    DrivingLicenceBasis = DrivingLicenceBasis.LocalOffers,
                    DrivingLicenceOffers = stating.Count,
                };
            }
        }

        // Close jobs: the official ROME 4.0 mobilities of the target and the jobs its skills and the seeker's reach.
        var localMarket = MarketFactsBuilder.LocalMarketScoped(data.Market, data.Geography, data.Geography.Resolve(profile.Commune) ?? data.Geography.ResolvePostcode(profile.Postcode));
        var closeJobs = target?.RomeCode is not null || target?.OccupationUri is not null
            ? CloseJobFinder.Find(
                data.Taxonomy, target.RomeCode, target.Typed, target.OccupationUri, document.Skills.Select(s => s.SkillUri),
                [.. (profile.TargetJobs ?? []).Skip(1).Select(t => t?.RomeCode).OfType<string>(), .. practised.Where(j => j.Occupation.Uri != target.OccupationUri).SelectMany(j => j.Occupation.Rome4Codes)],
                rome => localMarket(rome).PerTen,
                language,
                marketScopeOf: rome => localMarket(rome).Scope,
                changingJobs: ChangingJobs(target, practised))
            : [];
        facts = facts with { CloseJobs = closeJobs };

        // The diagnosis reads the targets' ROME families (a scattered project): targets given as words only are read here.
        var judged = WithTargetCodes(profile, target);
        facts = facts with { TargetsSpanUnrelatedFamilies = TargetsUnrelated(judged) };
        var diagnosis = DiagnosisEngine.Diagnose(judged, facts, today);
        var advice = AdviceEngine.Advise(judged, facts, diagnosis, today);
        if (adviceRanking is { ActiveModel: not null })
        {
            advice = adviceRanking.Reorder(advice, diagnosis.MainChallenge);
        }
        var strategies = StrategyBuilder.Build(advice, diagnosis);
        var size = Math.Clamp(matches, 1, 100);
        // Read more than shown: the same job at the same company and place is shown once (CollapseAsync).
        var query = SeekerQuery(document, withExperience, target, practised, Math.Min(100, size * PostingsReserve));
        var (matching, onJobSkills) = (query.Matching, query.OnJobSkills);
        var onJobOptions = query.Options with { MinScore = 0 };
        var page = matching.Skills.Count == 0
            ? new MatchPage([], 0, null)
            : await index.MatchOffersAsync(matching, query.Options, cancellationToken);
        // A seeker changing jobs gives skills of another job: a saleswoman who wants to become an electrician met only shop offers
        // ("Autre métier que le métier visé"), while her radius held electricians' offers that none of her skills meets (score 0,
        // no match). When the job asked has offers within the radius and none is among the hits read, its offers are found with
        // its usual skills, as for a seeker who gave none of the job's, and the page says so.
        if (!onJobSkills && jobOffersNear && !page.Hits.Any(h => h.Explanation.Parts.Occupation >= 1))
        {
            var onJob = document with { Skills = TargetJobSkills(target) };
            if (onJob.Skills.Count > 0 && await index.MatchOffersAsync(onJob, onJobOptions, cancellationToken) is { Hits.Count: > 0 } jobPage
                && jobPage.Hits.Any(h => h.Explanation.Parts.Occupation >= 1))
            {
                (onJobSkills, matching, page) = (true, onJob, jobPage);
            }
        }
        if (ranking is { ActiveModel: not null } && page.Hits.Count > 1)
        {
            page = ranking.Rerank(matching, page, await OfferRanking.OffersAsync(index, page, cancellationToken), OfferRanking.Tension(data));
        }
        var (shown, postings) = await CollapseAsync(page, size, onJobSkills, cancellationToken);
        return new CoachAssessment(target, place, facts, diagnosis, advice, strategies, gap, closeJobs, document, shown)
        {
            MatchedOnTargetJobSkills = onJobSkills && matching.Skills.Count > 0,
            Postings = postings,
        };
    }

    /// <summary>
    /// The offers' query of a seeker, the one rule of their matches on every door (the seeker's page, <c>GET /api/profiles/{id}/matches</c>):
    /// the skills counted with the ROME 4.0 core items of the jobs practised and what the law requires of a regulated job they hold
    /// (<paramref name="withExperience"/>), no offer of a regulated job other than the target and the jobs practised, no offer below the
    /// floor (<see cref="SeekerMatchOptions"/>). A seeker who gave no skill of a job (none, or only qualities, which every job's offers
    /// ask) is matched on the job's usual skills, without the floor (they are not the seeker's), and only offers of the job or a close
    /// one are kept (<see cref="OfJobOrClose"/>).
    /// </summary>
    /// <param name="document">The matching projection as stored (its own skills decide whether the seeker gave a job's skills).</param>
    public SeekerMatchQuery SeekerQuery(ProfileDocument document, ProfileDocument withExperience, UnderstoodTarget? target, IReadOnlyList<PractisedJob> practised, int size)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(withExperience);
        var onJobSkills = !document.Skills.Any(s => !Data.Taxonomy.IsQuality(s.SkillUri));
        var options = SeekerMatchOptions(size, target, practised);
        return onJobSkills
            ? new SeekerMatchQuery(document with { Skills = TargetJobSkills(target) }, options with { MinScore = 0 }, true)
            : new SeekerMatchQuery(withExperience, options, false);
    }

    /// <summary>
    /// <see cref="SeekerQuery"/> for a stored seeker: their questionnaire, when they answered one, says the target as understood and
    /// the jobs practised (past jobs and the target with experience; the matching projection keeps neither); without it (a bare
    /// matching profile, a bulk import) the target is the projection's first, and the only job known practised is that target
    /// (its experience), which the rule allows anyway.
    /// </summary>
    public SeekerMatchQuery StoredSeekerQuery(ProfileDocument stored, SeekerProfile? questionnaire, int size)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (questionnaire is null)
        {
            var bare = new UnderstoodTarget(null, stored.TargetOccupationUris.FirstOrDefault(), null, stored.TargetRomeCodes.FirstOrDefault(), null);
            return SeekerQuery(stored, stored, bare, [], size);
        }
        var target = UnderstandTarget(questionnaire);
        var practised = Practised(questionnaire, target);
        return SeekerQuery(stored, WithExperience(stored, questionnaire, target, practised), target, practised, size);
    }

    /// <summary>
    /// The profile with a ROME code on each target given as words only: the main one's as understood (<paramref name="main"/>), the
    /// others' as their own words read (<see cref="UnderstandTarget"/>). A seeker who typed "boulangère", "infirmière" and
    /// "développeuse web" has a scattered project whichever door the words came through; codes given stay as they are.
    /// </summary>
    private SeekerProfile WithTargetCodes(SeekerProfile profile, UnderstoodTarget? main)
    {
        if (profile.TargetJobs is not { Count: > 0 } targets || targets.All(t => t.RomeCode is not null))
        {
            return profile;
        }
        var coded = targets.Select((t, i) => t.RomeCode is not null ? t
            : (i == 0 ? main?.RomeCode : UnderstandTarget(profile with { TargetJobs = [t] })?.RomeCode) is { } code ? t with { RomeCode = code }
            : t).ToList();
        return profile with { TargetJobs = coded };
    }

    /// <summary>
    /// Whether the targets' families are unrelated as ROME 4.0 knows them: false when every target is linked to the others through
    /// its sub-domain or an official mobility either way ("aide-soignante" and "auxiliaire de vie", J1501 and K1302, one project
    /// although in two domains); else null, and the diagnosis counts the families by their codes
    /// (<see cref="DiagnosisEngine.SpansUnrelatedFamilies"/>).
    /// </summary>
    private bool? TargetsUnrelated(SeekerProfile judged)
    {
        var targets = judged.TargetJobs ?? [];
        if (!DiagnosisEngine.SpansUnrelatedFamilies(DiagnosisEngine.RomeFamilies(targets)))
        {
            return null;
        }
        var codes = targets.Select(t => t.RomeCode?.Trim().ToUpperInvariant()).OfType<string>().Where(c => c.Length == 5).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count < 2)
        {
            return null;
        }
        var rome4 = Data.Taxonomy.Rome4;
        bool Linked(string a, string b) => string.CompareOrdinal(a, 0, b, 0, 3) == 0
            || rome4.Sheet(a)?.Mobilities.Contains(b, StringComparer.Ordinal) == true
            || rome4.Sheet(b)?.Mobilities.Contains(a, StringComparer.Ordinal) == true;
        var reached = new HashSet<string>(StringComparer.Ordinal) { codes[0] };
        var queue = new Queue<string>([codes[0]]);
        while (queue.TryDequeue(out var code))
        {
            foreach (var other in codes.Where(c => !reached.Contains(c) && Linked(code, c)))
            {
                reached.Add(other);
                queue.Enqueue(other);
            }
        }
        return reached.Count == codes.Count ? false : null;
    }

    /// <summary>
    /// What the law requires of the regulated target job, as ROME 4.0 savoirs "Certifications et habilitations", held by a seeker the
    /// diagnosis reads as holding it (<see cref="DiagnosisEngine.HoldsLegalRequirement"/>: they say so, or practised the job a year or
    /// more and do not lack every diploma): the driving licences and the certificates known by an acronym ("Permis de conduire catégorie C",
    /// "Formation Initiale Minimum Obligatoire (FIMO)") that the access text makes mandatory in words ("le permis C ou C1 est obligatoire
    /// ainsi qu'une formation initiale minimum obligatoire (FIMO)"), and the diploma or title it names in full ("Cet emploi est accessible
    /// avec un Diplôme d'Etat d'Aide-Soignant, obligatoire pour exercer"). A lorry driver of one year read "nous en déduisons que vous
    /// avez ce qu'il exige" above a gap listing the C licence and the FIMO; an aide-soignante of three years, above a gap and offers
    /// listing "Diplôme d'Etat d'aide-soignant" as missing. Never read from a sheet whose text makes nothing mandatory (its first sentence
    /// stands for the requirement, alternatives and recommendations included), nor what a sentence says is not mandatory.
    /// </summary>
    private IEnumerable<string> LegalRequirementsHeld(SeekerProfile profile, string? romeCode)
    {
        var taxonomy = Data.Taxonomy;
        if (romeCode is null)
        {
            yield break;
        }
        var sheet = taxonomy.Rome4.Sheet(romeCode);
        var access = Facts.MarketFactsBuilder.Access(sheet?.AccessToJob ?? taxonomy.RomeJob(romeCode)?.AccessConditions, sheet?.Regulated);
        var facts = new MarketFacts
        {
            Regulated = access.Regulated,
            LegalRequirements = access.Requirements,
            LegalRequirementsMandatory = access.Mandatory,
            LegalRequirementByVae = access.ByVae,
        };
        if (!facts.LegalRequirementsMandatory || facts.LegalRequirements.Count == 0 || !DiagnosisEngine.HoldsLegalRequirement(profile, facts))
        {
            yield break;
        }
        var said = string.Join(" ", facts.LegalRequirements);
        var saidWords = " " + Text.TextNormalizer.Normalize(said) + " ";
        foreach (var (pattern, uri) in Certificates)
        {
            if (pattern.IsMatch(said))
            {
                yield return uri;
            }
        }
        foreach (var (words, uri) in Diplomas)
        {
            if (saidWords.Contains(words, StringComparison.Ordinal))
            {
                yield return uri;
            }
        }
    }

    /// <summary>The ROME 4.0 licences and acronym certificates with how a requirement sentence names them (<see cref="CertificatePattern"/>).</summary>
    private IReadOnlyList<(System.Text.RegularExpressions.Regex Pattern, string Uri)> Certificates => _certificates ??=
        [.. Data.Taxonomy.Rome4.Items
            .Where(i => i.Category == CertificateCategory)
            .Select(i => (Pattern: CertificatePattern(i.Label), Skill: Data.Taxonomy.Rome4Skill(i.Code)))
            .Where(c => c.Skill is not null && c.Pattern is not null)
            .Select(c => (c.Pattern!, c.Skill!.Uri))];

    private IReadOnlyList<(System.Text.RegularExpressions.Regex Pattern, string Uri)>? _certificates;

    /// <summary>The ROME 4.0 diplomas and titles of <see cref="CertificateCategory"/> with their words as a requirement sentence names them in
    /// full (<see cref="DiplomaWords"/>).</summary>
    private IReadOnlyList<(string Words, string Uri)> Diplomas => _diplomas ??=
        [.. Data.Taxonomy.Rome4.Items
            .Where(i => i.Category == CertificateCategory)
            .Select(i => (Words: DiplomaWords(i.Label), Skill: Data.Taxonomy.Rome4Skill(i.Code)))
            .Where(d => d.Skill is not null && d.Words is not null)
            .Select(d => (d.Words!, d.Skill!.Uri))];

    private IReadOnlyList<(string Words, string Uri)>? _diplomas;

    /// <summary>
    /// A diploma's or title's label as words to find in a normalised requirement sentence, space-bounded (" diplome d etat d aide soignant "),
    /// or null for a label that is no diploma or title, or too short to name one ("Diplôme d'Etat" alone names none): at least three words
    /// of two letters or more.
    /// </summary>
    internal static string? DiplomaWords(string label)
    {
        var first = label.TrimStart();
        if (!(first.StartsWith("Diplôme", StringComparison.OrdinalIgnoreCase) || first.StartsWith("Titre", StringComparison.OrdinalIgnoreCase)
            || first.StartsWith("Certificat", StringComparison.OrdinalIgnoreCase) || first.StartsWith("Brevet", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }
        var words = Text.TextNormalizer.Normalize(label);
        return words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.Length > 1) >= 3 ? " " + words + " " : null;
    }

    private const string CertificateCategory = "Certifications et habilitations";

    // Acronyms in brackets that name a kind of degree, not a certificate ("Responsable en logistique (DU)").
    private static readonly HashSet<string> s_degreeAcronyms = new(StringComparer.Ordinal) { "DU", "DE", "MS", "BM", "BTM", "BTMS", "BTS", "CTM", "CAP", "BEP", "BP", "DUT", "BUT", "DEUST", "MBA", "STAPS", "ESIPE", "DEJEPS", "BPJEPS" };

    /// <summary>
    /// How a requirement sentence names a certificate, or null for one it does not name alone: a driving licence by "permis" and its
    /// category, as written (case-sensitive: "permis de conduire de catégorie B" is no "DE" licence); a certificate by its acronym in
    /// brackets, 3 letters or more, as a word in capitals ("FIMO"), not a degree's kind ("DU"); diplomas and titles never.
    /// </summary>
    internal static System.Text.RegularExpressions.Regex? CertificatePattern(string label)
    {
        if (System.Text.RegularExpressions.Regex.Match(label, @"^Permis de conduire catégorie ([A-Z0-9]{1,3})$") is { Success: true } licence)
        {
            return new(@"(?i:\bpermis(?: de conduire)?(?: de)?(?: catégorie)?(?: poids lourd)?)\s+" + licence.Groups[1].Value + @"(?![\w])",
                System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        }
        var first = label.TrimStart();
        if (first.StartsWith("Diplôme", StringComparison.OrdinalIgnoreCase) || first.StartsWith("Titre", StringComparison.OrdinalIgnoreCase)
            || first.StartsWith("Doctorat", StringComparison.OrdinalIgnoreCase) || first.StartsWith("Bac", StringComparison.OrdinalIgnoreCase)
            || first.StartsWith("Brevet", StringComparison.OrdinalIgnoreCase) || first.StartsWith("Certificat d'aptitude", StringComparison.OrdinalIgnoreCase)
            || first.StartsWith("Licence", StringComparison.OrdinalIgnoreCase) || first.StartsWith("Master", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return System.Text.RegularExpressions.Regex.Match(label, @"\(([A-Z][A-Z0-9]{2,})\)") is { Success: true } acronym && !s_degreeAcronyms.Contains(acronym.Groups[1].Value)
            ? new(@"(?<![\w])" + acronym.Groups[1].Value + @"(?![\w])", System.Text.RegularExpressions.RegexOptions.CultureInvariant)
            : null;
    }

    /// <summary>A hit of the seeker's target job or of a close one: what a seeker matched on the job's usual skills is shown (another job's
    /// offer would share only a generic skill with it).</summary>
    internal static bool OfJobOrClose(MatchHit hit) => hit.Explanation.Parts.Occupation >= MatchScorer.OccupationClose;

    /// <summary>Hits read per hit shown, so that the page stays full once repeated postings are collapsed.</summary>
    public const int PostingsReserve = 3;

    /// <summary>
    /// The first <paramref name="size"/> hits, each posting once: a later hit for the same job at the same company and place
    /// (<see cref="Seekers.OfferMatchViews.PostingKey"/>) only adds to the count of the first. An offer that meets only the seeker's
    /// qualities is no match (<see cref="OnlyQualities"/>); the total is lowered by the hits left out.
    /// </summary>
    /// <param name="onJobOnly">The seeker gave no skill of the job (the matches use its usual skills): only offers of the job or a close one are
    /// kept. Another job's offer then shares only a generic skill with the job ("respecter des procédures de travail"): a cariste with no
    /// offer of the job nearby was shown a datacentre engineer's offer first, under "voici les offres du métier visé".</param>
    private async Task<(MatchPage Page, IReadOnlyDictionary<string, int> Postings)> CollapseAsync(MatchPage page, int size, bool onJobOnly, CancellationToken cancellationToken)
    {
        var matches = SeekerMatches(page, onJobOnly);
        var kept = new List<MatchHit>(size);
        var postings = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstOfKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var hit in matches.Hits)
        {
            var offer = await index.GetOfferAsync(hit.Id, cancellationToken);
            var key = offer is null ? "id:" + hit.Id : Seekers.OfferMatchViews.PostingKey(offer);
            if (firstOfKey.TryGetValue(key, out var first))
            {
                postings[first]++;
            }
            else if (kept.Count < size)
            {
                kept.Add(hit);
                firstOfKey[key] = hit.Id;
                postings[hit.Id] = 1;
            }
        }
        // The total is the matches' (SeekerMatches): collapsing postings shows fewer hits, not fewer offers.
        return (matches with { Hits = kept }, postings);
    }

    /// <summary>
    /// The hits of a page of the seeker's query (<see cref="SeekerQuery"/>) that are matches, in order, with the total the page says:
    /// no offer that meets only the seeker's qualities (<see cref="OnlyQualities"/>), and with <paramref name="onJobOnly"/> only offers
    /// of the job or a close one (<see cref="OfJobOrClose"/>).
    /// </summary>
    public MatchPage SeekerMatches(MatchPage page, bool onJobOnly)
    {
        ArgumentNullException.ThrowIfNull(page);
        var kept = page.Hits.Where(hit => !OnlyQualities(hit) && (!onJobOnly || OfJobOrClose(hit))).ToList();
        var dropped = page.Hits.Count - kept.Count;
        // What the page says of the total. A seeker with no skill of the job keeps only offers of the job or a close one, and the
        // index's total counts every offer sharing one of the job's usual skills (a waiter of Annecy read "183 offres correspondent"
        // for about twenty of the job): the total is then the offers kept among the hits read, exact when every match was read,
        // else a lower bound ("au moins 24"). Otherwise few hits are left out (offers meeting only qualities): the index's total
        // less those, and when it is itself a lower bound, the hits kept among those read.
        var (total, lowerBound) = onJobOnly
            ? (kept.Count, page.NextCursor is not null)
            : page.TotalIsLowerBound && dropped > 0 ? (kept.Count, true) : (Math.Max(kept.Count, page.Total - dropped), page.TotalIsLowerBound);
        return new MatchPage(kept, total, page.NextCursor, lowerBound);
    }

    /// <summary>
    /// An offer of another job than the seeker's targets that meets none of their skills but qualities ("Etre à l'écoute" asked of
    /// an accountant): qualities say nothing of which job, so it is no match, whatever the score. Offers of a target job, or
    /// stating no job, stay.
    /// </summary>
    private bool OnlyQualities(MatchHit hit)
    {
        var explanation = hit.Explanation;
        var taxonomy = Data.Taxonomy;
        return explanation.Parts.Occupation < 1
            && explanation.Matched.Count + explanation.MatchedThroughRelated.Count > 0
            && explanation.Matched.Concat(explanation.MatchedThroughRelated).All(m => taxonomy.IsQuality(m.SkillUri));
    }

    /// <summary>
    /// The matching projection of a seeker with skills, completed with the ROME 4.0 core items of the jobs they practised
    /// (real offers state ROME items, by code or as their job's core items; experience brings ESCO's essential skills, and
    /// only some of them are aligned to ROME items). Never an item the seeker unticked.
    /// </summary>
    /// <remarks>With what the law requires of the regulated target when the seeker holds it (<see cref="LegalRequirementsHeld"/>):
    /// declared when they said so, from the job when Coach deduced it from their years in it.</remarks>
    private ProfileDocument WithExperience(ProfileDocument document, SeekerProfile profile, UnderstoodTarget? target, IReadOnlyList<PractisedJob> practised)
    {
        var declined = ExperienceSkills.Declined(Data.Taxonomy, profile);
        var present = document.Skills.Select(s => s.SkillUri).ToHashSet(StringComparer.Ordinal);
        var legalEvidence = profile.DiplomaRequiredForTarget == false ? SkillEvidence.Declared : SkillEvidence.PastJob;
        var added = RomeItemsFromExperience(target, practised)
            .Where(s => !declined.Contains(s.SkillUri) && present.Add(s.SkillUri))
            .Select(s => new OfferedSkill(s.SkillUri, SkillEvidence.PastJob))
            .Concat(LegalRequirementsHeld(profile, target?.RomeCode)
                .Where(uri => !declined.Contains(uri) && present.Add(uri))
                .Select(uri => new OfferedSkill(uri, legalEvidence)))
            .ToList();
        return added.Count == 0 ? document : document with { Skills = [.. document.Skills, .. added] };
    }

    /// <summary>
    /// The ROME 4.0 core items (<c>coeur_metier</c>) of the jobs the seeker practised, each once, first job first: the
    /// target's sheets (<see cref="TargetSheets"/>) when they practised it, else the main sheet of the job's occupation.
    /// </summary>
    private List<ExperienceSkill> RomeItemsFromExperience(UnderstoodTarget? target, IReadOnlyList<PractisedJob> practised)
    {
        var taxonomy = Data.Taxonomy;
        var items = new List<ExperienceSkill>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var job in practised)
        {
            var codes = job.Occupation.Uri == target?.OccupationUri ? TargetSheets(target).Codes : [.. job.Occupation.Rome4Codes.Take(1)];
            foreach (var code in codes)
            {
                foreach (var item in taxonomy.Rome4.Sheet(code)?.CoreItems ?? [])
                {
                    if (taxonomy.Rome4Skill(item.Code) is { } skill && seen.Add(skill.Uri))
                    {
                        items.Add(new ExperienceSkill(skill.Uri, job.Label));
                    }
                }
            }
        }
        return items;
    }

    /// <summary>
    /// The target job's usual skills, for a seeker who gave none: the core items (<c>coeur_metier</c>) of its ROME 4.0
    /// sheet, which real offers carry, and the essential skills of its ESCO occupation, which offers in ESCO terms
    /// carry; marked <see cref="SkillEvidence.Inferred"/>. Empty without a target.
    /// </summary>
    public IReadOnlyList<OfferedSkill> TargetJobSkills(UnderstoodTarget? target)
    {
        var taxonomy = Data.Taxonomy;
        var skills = new List<OfferedSkill>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string uri)
        {
            if (seen.Add(uri))
            {
                skills.Add(new OfferedSkill(uri, SkillEvidence.Inferred));
            }
        }
        var (codes, occupation) = TargetSheets(target);
        foreach (var code in codes)
        {
            foreach (var item in taxonomy.Rome4.Sheet(code)?.CoreItems ?? [])
            {
                if (taxonomy.Rome4Skill(item.Code) is { } skill)
                {
                    Add(skill.Uri);
                }
            }
        }
        if (occupation is not null)
        {
            foreach (var id in occupation.EssentialSkills)
            {
                Add(taxonomy.Skills[id].Uri);
            }
        }
        return skills;
    }

    /// <summary>
    /// The ROME 4.0 sheets and the ESCO occupation of the target job. A label typed exactly as a ROME 4.0 job title
    /// ("Auxiliaire de vie", "Magasinier / Magasinière") is that title's sheet and crosswalk occupation: the words of
    /// real offers. Otherwise the sheet of the understood ROME code and the ROME 4.0 sheet of the occupation's own
    /// titles (a v3 code such as M1403 continues as one sheet, while "analyste de données" is now a sheet of its own).
    /// </summary>
    private (IReadOnlyList<string> Codes, Occupation? Occupation) TargetSheets(UnderstoodTarget? target)
    {
        var taxonomy = Data.Taxonomy;
        var reader = Ingest.OfferOccupationReader.For(taxonomy);
        if (target?.Typed is { Length: > 0 } typed && reader.Anywhere(typed) is { } appellation && taxonomy.Rome4.Sheet(appellation.SheetCode) is { } titled)
        {
            return ([titled.Code], reader.EscoOccupation(titled, appellation));
        }
        var occupation = target?.OccupationUri is { } uri ? taxonomy.OccupationByUri(uri) : null;
        return ([.. new[] { target?.RomeCode, occupation?.Rome4Codes.FirstOrDefault() }.OfType<string>().Distinct(StringComparer.Ordinal)], occupation);
    }

    /// <summary>
    /// The ROME codes of the target job, whose offers get the full occupation factor (docs/scoring.md): the ROME 4.0 sheets of
    /// <see cref="TargetSheets"/>, which real offers carry: the sheet of a title typed exactly as a ROME 4.0 title (then the v3 code
    /// the title search understood, its family, is a close job, not the target), else the code understood and the occupation's own sheet.
    /// Empty without a target.
    /// </summary>
    private IReadOnlyList<string> TargetRomeCodes(UnderstoodTarget? target) => target is null ? [] : TargetSheets(target).Codes;

    /// <summary>An offer scoring below this uses almost none of the seeker's skills: not shown as a match.</summary>
    public const double MinMatchScore = 0.1;

    /// <summary>
    /// What the seeker said, honoured in their matches: no offer of a regulated job (ROME 4.0) other than their target
    /// and the jobs they practised, since the law closes it to them (an aide-soignante is no nurse); no offer that
    /// uses almost none of their skills. The radius is a hard filter and unwished contracts a visible penalty
    /// (<see cref="Scoring.MatchScorer.ContractMismatch"/>), both in the scorer.
    /// </summary>
    public MatchOptions SeekerMatchOptions(int size, UnderstoodTarget? target, IReadOnlyList<PractisedJob> practised)
    {
        // An occupation is the seeker's when it is their target or a job they practised, or shares its main ROME
        // sheet with one (an occupation's other sheets are only loosely related: aide-soignant also names J1502).
        var allowed = new HashSet<string>(practised.Select(j => j.Occupation.Uri), StringComparer.Ordinal);
        var allowedCodes = new HashSet<string>(practised.Select(j => j.Occupation.Rome4Codes.FirstOrDefault()).OfType<string>(), StringComparer.Ordinal);
        if (target?.OccupationUri is { } uri)
        {
            allowed.Add(uri);
        }
        if (target?.RomeCode is { } code)
        {
            allowedCodes.Add(code);
        }
        var excluded = RegulatedOccupations.Where(o => !allowed.Contains(o.Uri) && !allowedCodes.Contains(o.Code)).Select(o => o.Uri).ToList();
        return new MatchOptions(size, ExcludedOccupationUris: excluded, MinScore: MinMatchScore);
    }

    /// <summary>ESCO occupations whose main ROME 4.0 sheet is a regulated job, with that sheet's code.</summary>
    private IReadOnlyList<(string Uri, string Code)> RegulatedOccupations => _regulated ??=
        [.. Data.Taxonomy.Occupations
            .Where(o => o.Rome4Codes.FirstOrDefault() is { } code && Data.Taxonomy.Rome4.Sheet(code)?.Regulated == true)
            .Select(o => (o.Uri, o.Rome4Codes[0]))];

    private IReadOnlyList<(string Uri, string Code)>? _regulated;

    /// <summary>The jobs the seeker practised: the target when they have experience in it, and their past jobs
    /// (by ESCO URI, ROME code, or their words read by the title search).</summary>
    public IReadOnlyList<PractisedJob> Practised(SeekerProfile profile, UnderstoodTarget? target)
    {
        var taxonomy = Data.Taxonomy;
        var targetOccupation = target?.OccupationUri is { } uri ? taxonomy.OccupationByUri(uri) : null;
        return ExperienceSkills.Practised(profile, targetOccupation, job =>
            (job.OccupationUri is { } u ? taxonomy.OccupationByUri(u) : null)
            ?? (job.RomeCode is { } rome ? taxonomy.OccupationsForRome(rome.Trim().ToUpperInvariant()).FirstOrDefault() : null)
            ?? (string.IsNullOrWhiteSpace(job.Label) ? null : Data.Titles.Understand(job.Label, "fr", 1).FirstOrDefault()?.Occupation));
    }

    /// <summary>
    /// The skills the seeker has from experience, before unticking, as their matches count them: the ROME 4.0 core items of
    /// the practised jobs' sheets (the words of real offers) first, then their occupations' ESCO essential skills.
    /// </summary>
    public IReadOnlyList<ExperienceSkill> SkillsFromExperience(SeekerProfile profile)
    {
        var target = UnderstandTarget(profile);
        var practised = Practised(profile, target);
        var rome = RomeItemsFromExperience(target, practised);
        var seen = rome.Select(s => s.SkillUri).ToHashSet(StringComparer.Ordinal);
        return [.. rome, .. ExperienceSkills.Of(Data.Taxonomy, practised).Where(s => seen.Add(s.SkillUri))];
    }

    /// <summary>
    /// What the offers of the seeker's target job within their radius ask, most asked first, with how many of those offers ask
    /// each (<see cref="SkillsGapCalculator.Asking"/>): the skills the gap measures the seeker against. Empty without a target
    /// job the taxonomy knows. Computed from the same local market as the assessment (kept between requests).
    /// </summary>
    public async Task<IReadOnlyList<(Skill Skill, int Offers)>> LocallyAskedAsync(SeekerProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var target = UnderstandTarget(profile);
        if (target?.OccupationUri is not { } occupationUri)
        {
            return [];
        }
        var taxonomy = Data.Taxonomy;
        var place = ResolvePlace(profile);
        var (_, offers) = await LocalMarketAsync(occupationUri, target.RomeCode, place, profile.RadiusKm ?? MarketFactsBuilder.DefaultRadiusKm, cancellationToken);
        var essential = SkillsGapCalculator.Essential(taxonomy, [occupationUri], target.RomeCode);
        return [.. SkillsGapCalculator.Asking(taxonomy, essential, offers)
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => taxonomy.Skills[kv.Key].Uri, StringComparer.Ordinal)
            .Select(kv => (taxonomy.Skills[kv.Key], kv.Value))];
    }

    /// <summary>
    /// The seeker practised jobs and none of them is in the target's family (the first three characters of the ROME code:
    /// "D12" sales, "F16" building finishing): a career change. False without a job practised or a target code.
    /// </summary>
    internal static bool ChangingJobs(UnderstoodTarget target, IReadOnlyList<PractisedJob> practised)
    {
        var family = target.RomeCode is { Length: >= 3 } code ? code[..3] : null;
        return family is not null && practised.Count > 0 && !practised.Any(j => j.Occupation.Uri == target.OccupationUri
            || j.Occupation.RomeCodes.Concat(j.Occupation.Rome4Codes).Any(c => c.StartsWith(family, StringComparison.Ordinal)));
    }

    /// <summary>The ROME 4.0 sheets of the seeker's main target, as their matches read it (<see cref="TargetSheets"/>); empty without one.</summary>
    public IReadOnlyList<Rome4Sheet> TargetJobSheets(SeekerProfile profile) =>
        UnderstandTarget(profile) is { } target ? [.. TargetSheets(target).Codes.Select(Data.Taxonomy.Rome4.Sheet).OfType<Rome4Sheet>()] : [];

    /// <summary>The ESCO occupation of the seeker's main target, as their matches read it (<see cref="TargetSheets"/>).</summary>
    public Occupation? TargetJobOccupation(SeekerProfile profile) =>
        UnderstandTarget(profile) is { } target ? TargetSheets(target).Occupation : null;

    /// <summary>The seeker's main target: an ESCO URI, a ROME code, or their words read as the questionnaire reads them (<see cref="JobReadings.Read(ReferenceData, string?, string, int)"/>).</summary>
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
            // A ROME code names several occupations ("H2909" is assembly in cars, planes, ...): the seeker's words pick one.
            var ofCode = taxonomy.OccupationsForRome(romeCode).ToList();
            occupation = (string.IsNullOrWhiteSpace(first.Label) ? null
                    : Data.Titles.Understand(first.Label, "fr", 10).Select(t => t.Occupation).FirstOrDefault(o => ofCode.Contains(o)))
                ?? ofCode.FirstOrDefault();
        }
        string? rome4Title = null;
        if (occupation is null && romeCode is null && !string.IsNullOrWhiteSpace(first.Label))
        {
            // Words only: read as the questionnaire reads them (one use case, one reading), so that "électricien" posted to
            // the API is the building electrician the questionnaire proposes first, not the title search's best ESCO label.
            var reading = JobReadings.Read(Data, first.Label, "fr", 1).FirstOrDefault();
            occupation = reading?.Occupation;
            romeCode = reading?.RomeCode;
            rome4Title = reading is { IsRome4: true } ? reading.Label : null;
        }
        else if (occupation is null && !string.IsNullOrWhiteSpace(first.Label))
        {
            occupation = Data.Titles.Understand(first.Label, "fr", 1).FirstOrDefault()?.Occupation;
        }
        romeCode ??= occupation?.RomeCodes.FirstOrDefault();
        if (occupation is null && romeCode is null)
        {
            return new UnderstoodTarget(first.Label, null, null, null, null);
        }
        return new UnderstoodTarget(first.Label, occupation?.Uri, occupation?.LabelFr is { Length: > 0 } fr ? fr : occupation?.LabelEn,
            romeCode, romeCode is null ? null : taxonomy.Rome4.Sheet(romeCode)?.Label ?? taxonomy.RomeJob(romeCode)?.Title)
        {
            Rome4Title = rome4Title
                ?? (first.Label is { Length: > 0 } label && Ingest.OfferOccupationReader.For(taxonomy).Anywhere(label) is not null ? label.Trim() : null),
        };
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
    /// The matching projection of a questionnaire: the skills that count (ticked ones and those from experience,
    /// never an unticked one: <see cref="ExperienceSkills.Counted"/>), place, radius, contracts.
    /// </summary>
    public ProfileDocument ToDocument(SeekerProfile profile, UnderstoodTarget? target, Place? place) =>
        ToDocument(profile, target, place, Practised(profile, target));

    private ProfileDocument ToDocument(SeekerProfile profile, UnderstoodTarget? target, Place? place, IReadOnlyList<PractisedJob> practised)
    {
        var taxonomy = Data.Taxonomy;
        return new ProfileDocument
        {
            Id = profile.Id,
            TargetOccupationUris = target?.OccupationUri is { } o ? [o] : [],
            TargetRomeCodes = TargetRomeCodes(target),
            Skills = ExperienceSkills.Counted(taxonomy, profile, ExperienceSkills.Of(taxonomy, practised)),
            Place = place,
            RadiusKm = profile.RadiusKm ?? MarketFactsBuilder.DefaultRadiusKm,
            ExperienceYears = profile.YearsOfExperienceInTarget ?? 0,
            ContractWishes = profile.ContractWishes ?? [],
            Searchable = profile.SearchableByRecruiters,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
    }

    private sealed record LocalMarketEntry(long Generation, SupplyDemandResult Live, IReadOnlyList<OfferDocument> Offers);

    /// <summary>Local markets computed, by (job, place, radius): see <see cref="LocalMarketAsync"/>.</summary>
    private readonly ConcurrentDictionary<(string Occupation, string? Rome, double? Latitude, double? Longitude, double Radius), LocalMarketEntry> _localMarkets = new();

    /// <summary>Local markets kept; when full, the cache starts again empty.</summary>
    public const int LocalMarketCacheCapacity = 5_000;

    /// <summary>
    /// The live supply and demand of the target job around the seeker, and a sample of its offers there. It is the
    /// same for everyone who targets that job at that place, and costs most of an assessment (a match of the job's
    /// skills, then reading its offers back): kept while the index has seen no write since
    /// (<see cref="IMatchIndex.WriteGeneration"/>), computed every time when the index cannot tell.
    /// </summary>
    private async Task<(SupplyDemandResult Live, IReadOnlyList<OfferDocument> Offers)> LocalMarketAsync(
        string occupationUri, string? romeCode, Place? place, double radius, CancellationToken cancellationToken)
    {
        var generation = index.WriteGeneration;
        var key = (occupationUri, romeCode, place?.Latitude, place?.Longitude, radius);
        if (generation is { } current && _localMarkets.TryGetValue(key, out var known) && known.Generation == current)
        {
            return (known.Live, known.Offers);
        }
        var live = await index.SupplyDemandAsync(new SupplyDemandQuery(null, occupationUri, place, place is null ? null : radius), cancellationToken);
        var offers = await LocalOffersAsync(occupationUri, romeCode, place, radius, cancellationToken);
        if (generation is { } computedAt)
        {
            if (_localMarkets.Count >= LocalMarketCacheCapacity)
            {
                _localMarkets.Clear();
            }
            _localMarkets[key] = new LocalMarketEntry(computedAt, live, offers);
        }
        return (live, offers);
    }

    /// <summary>
    /// The live counts less the seeker's own profile when the index holds it among the profiles counted (it targets the job
    /// and lies within the radius, as <see cref="IMatchIndex.SupplyDemandAsync"/> counts them): the counts are kept for
    /// everyone at that place, the seeker is not their own competition.
    /// </summary>
    private async Task<SupplyDemandResult> WithoutSelfAsync(SupplyDemandResult live, string? seekerId, string occupationUri, Place? place, double radius, CancellationToken cancellationToken)
    {
        if (live.Profiles == 0 || string.IsNullOrEmpty(seekerId) || await index.GetProfileAsync(seekerId, cancellationToken) is not { } self
            || !self.TargetOccupationUris.Contains(occupationUri, StringComparer.Ordinal))
        {
            return live;
        }
        var within = place is null || (self.Place is { } at && MatchScorer.DistanceKm(at.Latitude, at.Longitude, place.Latitude, place.Longitude) <= radius);
        return within ? live with { Profiles = live.Profiles - 1 } : live;
    }

    private async Task<List<OfferDocument>> LocalOffersAsync(string occupationUri, string? romeCode, Place? place, double radius, CancellationToken cancellationToken)
    {
        // The offers of the target job around the seeker (its ESCO occupation, or its ROME 4.0 code: real offers carry the
        // code and say their skills in ROME 4.0 terms), matched against a probe made of the job's own skills: the
        // occupation's and the sheet's items.
        var taxonomy = Data.Taxonomy;
        var occupation = taxonomy.OccupationByUri(occupationUri)!;
        var sheetItems = romeCode is not null && taxonomy.Rome4.Sheet(romeCode) is { } sheet
            ? sheet.Items.Select(i => taxonomy.Rome4Skill(i.Code)?.Id).OfType<int>()
            : [];
        var probe = new ProfileDocument
        {
            Id = "probe",
            Skills = [.. occupation.EssentialSkills.Concat(occupation.OptionalSkills).Concat(sheetItems).Distinct().Select(id => new OfferedSkill(taxonomy.Skills[id].Uri))],
            Place = place,
            RadiusKm = place is null ? 1000 : radius,
        };
        var page = await index.MatchOffersAsync(probe, new MatchOptions(100, AllowRelated: false), cancellationToken);
        var offers = new List<OfferDocument>(page.Hits.Count);
        foreach (var hit in page.Hits.Take(GapSampleOffers))
        {
            if (await index.GetOfferAsync(hit.Id, cancellationToken) is { } offer && (offer.OccupationUri == occupationUri || (romeCode is not null && offer.RomeCode == romeCode)))
            {
                offers.Add(offer);
            }
        }
        return offers;
    }
}
