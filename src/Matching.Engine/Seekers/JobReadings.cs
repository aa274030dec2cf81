using System.Globalization;
using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Facts;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Hosting;
using Matching.Engine.Ingest;
using Matching.Engine.Taxonomy;
using Matching.Engine.Text;

namespace Matching.Engine.Seekers;

/// <summary>
/// One reading of the job a seeker typed, as the questionnaire shows it to be confirmed: a ROME 4.0 job title (the words
/// France Travail files its offers under) with its sheet, or, when no ROME 4.0 title matches, an ESCO occupation.
/// </summary>
/// <param name="Value">What the form posts back: <c>rome4:&lt;code_ogr&gt;</c> for a ROME 4.0 title, else the ESCO occupation URI.</param>
/// <param name="Label">The title as France Travail writes it, in the gender form the seeker typed when the title has two.</param>
/// <param name="RomeCode">The ROME 4.0 sheet (for an ESCO reading: its ROME code, when the crosswalk gives one).</param>
/// <param name="SheetLabel">The sheet's title in the same gender form; null when it says the same as <paramref name="Label"/>.</param>
/// <param name="Occupation">The ESCO occupation that goes with it (the title's crosswalk link, else the sheet's), when any.</param>
public sealed record JobReading(string Value, string Label, string? RomeCode, string? SheetLabel, Occupation? Occupation, bool IsRome4);

/// <summary>A skill the questionnaire proposes to tick.</summary>
/// <param name="FromJob">The job practised that brings it (shown ticked, "from experience"); null for a skill of the target job.</param>
/// <param name="Complement">An ESCO skill of the jobs practised that no proposed ROME 4.0 item already says: counted like the others, shown apart.</param>
/// <param name="LocalOffers">How many offers of the target job within the seeker's radius ask it (it or its aligned twin); 0 when none does or none is known.</param>
public sealed record ProposedSkill(Skill Skill, string? FromJob, bool Complement, int LocalOffers = 0);

/// <summary>A savoir-être professionnel the questionnaire proposes to tick (<see cref="SkillsTaxonomy.Qualities"/>).</summary>
/// <param name="ForTargetJob">The target job's ROME 4.0 sheet lists it: offers of the job are the likeliest to ask it.</param>
/// <param name="Definition">What France Travail means by it ("Capacité à prendre en charge son activité sans devoir être encadré…").</param>
public sealed record ProposedQuality(Skill Skill, bool ForTargetJob, string? Definition);

/// <summary>
/// The questionnaire's reading of the seeker's job and the skills it proposes, in ROME 4.0 terms first: the job as
/// France Travail names it (a ROME 4.0 title and its sheet), the sheet's competences and savoirs ("coeur de métier"
/// first), ESCO only where ROME 4.0 says too little, never the same skill twice (the ROME 4.0 ↔ ESCO alignment).
/// Reads the reference data only: anyone may ask.
/// </summary>
public sealed class JobReadings(ReferenceDataProvider referenceData, SeekerCoach coach)
{
    public const string Rome4Prefix = "rome4:";

    /// <summary>ROME 4.0 items proposed, those from experience included (all of those are shown, however many).</summary>
    public const int MaxRome4Skills = 20;

    /// <summary>Below this many ROME 4.0 items, the target's ESCO essential skills complete the proposal.</summary>
    public const int MinRome4Skills = 8;

    /// <summary>
    /// ROME 4.0 titles are the reading while the best scores at least this share of the best ESCO occupation's score:
    /// "cariste" reads as the title Cariste (0.98 against ESCO's 1.0), "software developer" as ESCO's software developer.
    /// </summary>
    public const double Rome4ShareOfEsco = 0.9;

    /// <summary>Skills proposed in all when the target's ESCO essential skills complete a short sheet, the complement from experience
    /// aside (the sheet's items and what nearby offers ask can make up to <see cref="MaxRome4Skills"/> + <see cref="MaxLocallyAsked"/>).</summary>
    public const int MaxSkills = 24;

    /// <summary>At most this many skills that nearby offers of the job ask and the sheet does not propose are added.</summary>
    public const int MaxLocallyAsked = 8;

    /// <summary>
    /// The jobs <paramref name="typed"/> most likely names, best first: ROME 4.0 titles, else (nothing in ROME 4.0 matches
    /// nearly as well, e.g. a title typed in English) ESCO occupations in <paramref name="language"/>. Empty for blank or unknown text.
    /// </summary>
    public IReadOnlyList<JobReading> Read(string? typed, string language, int limit = 3) =>
        Read(referenceData.Require(), typed, language, limit);

    /// <summary>
    /// <see cref="Read(string?, string, int)"/> over given reference data: the one reading of a typed job, shared by the
    /// questionnaire and by a target given as words only through the API (<see cref="SeekerCoach.UnderstandTarget"/>).
    /// </summary>
    public static IReadOnlyList<JobReading> Read(ReferenceData data, string? typed, string language, int limit = 3)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > SeekerProfiles.MaxLabelLength)
        {
            return [];
        }
        // An everyday word no title says ("nounou"): the titles it means, before ESCO reads it as another job.
        if (language is not "en" && EverydayJobWords.Titles(data.Taxonomy, typed) is { Count: > 0 } everyday)
        {
            return [.. everyday.Take(limit).Select(a => (a, Sheet: data.Taxonomy.Rome4.Sheet(a.SheetCode)))
                .Where(x => x.Sheet is not null)
                .Select(x => Rome4Reading(x.a, x.Sheet!, OfferOccupationReader.For(data.Taxonomy).EscoOccupation(x.Sheet!, x.a), typed))];
        }
        var titles = data.Appellations.Understand(typed, limit);
        // A few ESCO readings whatever the limit: besides being the readings when no title fits, they tell which sheets the words name (Generic).
        var esco = data.Titles.Understand(typed, language is "en" ? "en" : "fr", Math.Max(limit, EscoReadingsConsulted));
        // ROME 4.0 titles are French: English words ("software developer") meet them only by chance ("Software Designer").
        if (titles.Count > 0 && titles[0].Score >= (esco.FirstOrDefault()?.Score ?? 0) * Rome4ShareOfEsco)
        {
            // Words that are no title themselves but begin the titles of several jobs ("agent d'entretien": the building's,
            // the lift's, the road's, the cleaner's...) do not say which: the titles saying the least besides would come
            // first, whatever the job. They read as a bare job word does.
            if (language is not "en" && !titles.Any(a => IsTheWords(a.Appellation, typed)) && Generic(typed, data, esco) is { Count: > 1 } several)
            {
                return [.. several.Take(limit)];
            }
            return [.. titles.Select(a => Rome4Reading(a.Appellation, a.Sheet, a.Occupation, typed))];
        }
        if (language is not "en" && Generic(typed, data, esco) is { Count: > 0 } generic)
        {
            return [.. generic.Take(limit)];
        }
        // An ESCO occupation the crosswalk links to no ROME code ("employé de magasin") gives a French seeker no market and
        // no offers: it is read through the jobs ESCO puts next to it, which have a sheet.
        if (esco.FirstOrDefault() is { RomeCodes.Count: 0 } deadEnd && ThroughNeighbours(data, deadEnd.Occupation, typed, language) is { Count: > 0 } near)
        {
            // In English the reading stays ESCO's occupation, with the sheet lent; the other readings follow as they are.
            return language is "en"
                ? [near[0], .. esco.Skip(1).Take(limit - 1).Select(u => EscoReading(data.Taxonomy, u.Occupation, u.RomeCodes.FirstOrDefault(), language))]
                : [.. near.Take(limit)];
        }
        return [.. esco.Take(limit).Select(u => EscoReading(data.Taxonomy, u.Occupation, u.RomeCodes.FirstOrDefault(), language))];
    }

    /// <summary>ESCO readings consulted whatever the number of readings asked (<see cref="Generic"/> reads their ROME codes).</summary>
    internal const int EscoReadingsConsulted = 3;

    /// <summary>
    /// Essential skills (Jaccard) an occupation of the same ISCO unit group shares at least with an ESCO occupation that has
    /// no ROME code, to lend it its sheet: a fifth ("employé de magasin" and the shop salespersons share 0.23-0.24; the
    /// occupations of a group sharing less are other trades of it).
    /// </summary>
    public const double MinNeighbourSkills = 0.2;

    /// <summary>Neighbours below this share of the closest one's skills lend no sheet.</summary>
    private const double NeighbourShareOfBest = 0.6;

    /// <summary>Neighbours from this share of the closest one's skills are as close: the busiest of their sheets comes first.</summary>
    private const double NeighbourAsClose = 0.9;

    /// <summary>
    /// Whether a title is the typed words themselves, noise aside: its long or short label as written ("Cuisinier / Cuisinière",
    /// as the autocomplete fills it in) or in either gender form.
    /// </summary>
    private static bool IsTheWords(Rome4Appellation appellation, string typed)
    {
        // Both sides without their noise too: "Veilleur de nuit" and "Planneur junior" are titles, "de nuit" and "junior" noise.
        var words = TitleNoise.Strip(typed, "fr");
        var raw = TextNormalizer.Tokenize(typed);
        return words.Length > 0 && new[] { appellation.Label, appellation.ShortLabel }
            .Where(l => l.Length > 0)
            .SelectMany(l => TextNormalizer.GenderForms(l).Prepend(l))
            .Any(form => TextNormalizer.Tokenize(form).SequenceEqual(raw, StringComparer.Ordinal)
                || string.Equals(TitleNoise.Strip(form, "fr"), words, StringComparison.Ordinal));
    }

    /// <summary>
    /// The readings of an ESCO occupation the crosswalk links to no ROME code, through its neighbours: the occupations of its
    /// ISCO unit group that have one and share at least <see cref="MinNeighbourSkills"/> of its essential skills (and
    /// <see cref="NeighbourShareOfBest"/> of the closest one's). Their sheets, the closest neighbours' first (those within
    /// <see cref="NeighbourAsClose"/> of the closest), busiest first among as close (as a bare job word's, <see cref="OffersOfSheet"/>),
    /// each as its principal ROME 4.0 title (in English, one reading: the occupation itself with the first sheet). Empty when ESCO puts none next to it.
    /// </summary>
    private static List<JobReading> ThroughNeighbours(ReferenceData data, Occupation deadEnd, string typed, string language)
    {
        var taxonomy = data.Taxonomy;
        var own = deadEnd.EssentialSkills.ToHashSet();
        if (own.Count == 0)
        {
            return [];
        }
        var near = taxonomy.Occupations
            .Where(o => o.Id != deadEnd.Id && o.RomeCodes.Length > 0 && string.Equals(o.IscoGroup, deadEnd.IscoGroup, StringComparison.Ordinal))
            .Select(o => (Occupation: o, Shared: Jaccard(own, o.EssentialSkills)))
            .Where(n => n.Shared >= MinNeighbourSkills)
            .ToList();
        if (near.Count == 0)
        {
            return [];
        }
        var best = near.Max(n => n.Shared);
        var floor = best * NeighbourShareOfBest;
        var sheets = near
            .Where(n => n.Shared >= floor)
            .SelectMany(n => n.Occupation.RomeCodes.Select(code => (n.Occupation, n.Shared, Sheet: taxonomy.Rome4.Sheet(code))))
            .Where(n => n.Sheet is not null)
            .GroupBy(n => n.Sheet!.Code, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(n => n.Shared).ThenBy(n => n.Occupation.Id).First())
            .OrderByDescending(n => n.Shared >= best * NeighbourAsClose)
            .ThenByDescending(n => OffersOfSheet(data, n.Sheet!))
            .ThenByDescending(n => n.Shared)
            .ThenBy(n => n.Sheet!.Code, StringComparer.Ordinal)
            .ToList();
        if (sheets.Count == 0)
        {
            return [];
        }
        if (language is "en")
        {
            return [EscoReading(taxonomy, deadEnd, sheets[0].Sheet!.Code, language)];
        }
        var codes = sheets.Select(n => n.Sheet!.Code).ToHashSet(StringComparer.Ordinal);
        var principal = taxonomy.Rome4.Appellations
            .Where(a => a.Principal && codes.Contains(a.SheetCode))
            .GroupBy(a => a.SheetCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MinBy(a => a.Code)!, StringComparer.Ordinal);
        var reader = OfferOccupationReader.For(taxonomy);
        return [.. sheets
            .Where(n => principal.ContainsKey(n.Sheet!.Code))
            .Select(n => Rome4Reading(principal[n.Sheet!.Code], n.Sheet!, reader.EscoOccupation(n.Sheet!, principal[n.Sheet!.Code]), typed))];
    }

    private static double Jaccard(HashSet<int> a, int[] b)
    {
        var shared = b.Count(a.Contains);
        return shared == 0 ? 0 : (double)shared / (a.Count + b.Distinct().Count() - shared);
    }

    /// <summary>
    /// A bare job word ("électricien") that ESCO has as a label of its own while France Travail has it only in longer titles
    /// ("Electricien / Electricienne du bâtiment", "… de maintenance", "… réseaux"): those titles still say every word typed,
    /// so they are the reading, not "no France Travail title matches". The words do not tell which job: one title per sheet
    /// (one starting with the words, else the principal); first the sheets whose own name starts with the words ("Vendeuse
    /// immobilier" is filed under "Conseiller immobilier": a "vendeuse" means a shop), then the titles that do (French names
    /// the job first: "Ingénieur électricien" is an engineer), then the sheets with the most offers (the 2021 counts per ROME code,
    /// <see cref="Matching.Engine.Market.OfferCounts"/>: a v3 sheet its own, a sheet new in ROME 4.0 a share of its v3
    /// family's), so that the job most seekers of those words mean comes first. A sheet the first ESCO readings of the words
    /// link to through the crosswalk counts as named by the words too (its code, not its ROME v3 family's: a family holds other jobs): "agent d'entretien" is
    /// ESCO's "agent d'entretien d'immeubles", which France Travail files under cleaning (K2204), a job no sheet's own name
    /// says with those words. Empty when no title says every word (a typo, English words).
    /// </summary>
    private static List<JobReading> Generic(string typed, ReferenceData data, IReadOnlyList<UnderstoodTitle> esco)
    {
        var words = TitleNoise.Strip(typed, "fr").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return [];
        }
        bool SaysEveryWord(string label)
        {
            var tokens = TextNormalizer.GenderForms(label).SelectMany(TextNormalizer.Tokenize).ToHashSet(StringComparer.Ordinal);
            return words.All(tokens.Contains);
        }
        // French titles name the job first: "Electricien du bâtiment" is an electrician, "Ingénieur électricien" an engineer.
        bool StartsWithTheWords(string label) => TextNormalizer.GenderForms(label)
            .Any(form => TextNormalizer.Tokenize(form).Take(words.Length).SequenceEqual(words, StringComparer.Ordinal));
        var linked = esco.Take(EscoReadingsConsulted).SelectMany(u => u.RomeCodes).ToHashSet(StringComparer.Ordinal);
        bool Named(Rome4Sheet sheet) => StartsWithTheWords(sheet.Label) || linked.Contains(sheet.Code);
        return [.. data.Appellations.Understand(typed, LabelIndex<int>.MaxLimit)
            .Where(a => SaysEveryWord(a.Appellation.Label))
            .GroupBy(a => a.Sheet.Code, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(a => StartsWithTheWords(a.Appellation.Label)).ThenByDescending(a => a.Appellation.Principal).First())
            .OrderByDescending(a => Named(a.Sheet))
            .ThenByDescending(a => StartsWithTheWords(a.Appellation.Label))
            .ThenByDescending(a => OffersOfSheet(data, a.Sheet))
            .ThenByDescending(a => a.Score)
            .Select(a => Rome4Reading(a.Appellation, a.Sheet, a.Occupation, typed))];
    }

    /// <summary>
    /// Offers France Travail published in 2021 for a ROME 4.0 sheet (<see cref="Matching.Engine.Market.OfferCounts"/>, by ROME v3
    /// code): a v3 sheet its own, a sheet new in ROME 4.0 an equal share of its v3 family's.
    /// </summary>
    internal static double OffersOfSheet(ReferenceData data, Rome4Sheet sheet)
    {
        var offers = data.Market.OfferCounts;
        return sheet.Code == sheet.ParentCode
            ? offers.TotalForRome(sheet.Code)
            : (double)offers.TotalForRome(sheet.ParentCode) / Math.Max(1, data.Taxonomy.Rome4.SheetsOfFamily(sheet.ParentCode).Count);
    }

    /// <summary>
    /// The target job to save: the reading the seeker chose (<see cref="JobReading.Value"/>), else the first one. A ROME 4.0
    /// title is saved as France Travail writes it (the seeker's gender form), with its ESCO occupation and its ROME 4.0 sheet,
    /// so that their matches read the job as offers of that title are read; an ESCO reading keeps the seeker's words.
    /// Null for a blank job.
    /// </summary>
    public TargetJob? Target(string? typed, string? choice, string language)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }
        typed = typed.Trim();
        var reading = Chosen(typed, choice, language) ?? Read(typed, language, 1).FirstOrDefault();
        return reading switch
        {
            null => new TargetJob(typed),
            { IsRome4: true } => new TargetJob(reading.Label, reading.Occupation?.Uri, reading.RomeCode),
            _ => new TargetJob(typed, reading.Occupation?.Uri, reading.RomeCode),
        };
    }

    /// <summary>
    /// The skills to propose for a draft questionnaire, in order: the ROME 4.0 core items of the jobs practised (ticked,
    /// from experience); the target sheet's items, core first, then its other technical savoir-faire, savoirs, transverse ones, up to
    /// <see cref="MaxRome4Skills"/>; what offers of the target job within the seeker's radius ask and no proposed skill says, most
    /// asked first, up to <see cref="MaxLocallyAsked"/> (<see cref="SeekerCoach.LocallyAskedAsync"/>: the skills the gap measures the
    /// seeker against, so that none it names missing was impossible to declare: waiters' offers ask "Réaliser un service en salle",
    /// which is not on the waiter's sheet); the target's ESCO essential skills only when the rest gave fewer than
    /// <see cref="MinRome4Skills"/>; then, apart, the ESCO essential skills of the jobs practised that no proposed item
    /// already says (<see cref="ProposedSkill.Complement"/>: experience brings them into the matches, so the seeker sees
    /// them to untick). A skill is proposed once: an ESCO skill aligned to a proposed ROME 4.0 item, or of the same concept, is not.
    /// Each says how many nearby offers of the job ask it (<see cref="ProposedSkill.LocalOffers"/>).
    /// </summary>
    public async Task<IReadOnlyList<ProposedSkill>> ProposedSkillsAsync(SeekerProfile draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return Propose(draft, await coach.LocallyAskedAsync(draft, cancellationToken));
    }

    private List<ProposedSkill> Propose(SeekerProfile draft, IReadOnlyList<(Skill Skill, int Offers)> asked)
    {
        var data = referenceData.Require();
        var taxonomy = data.Taxonomy;
        var proposed = new List<ProposedSkill>();
        var said = new HashSet<int>();
        var askedBy = asked.ToDictionary(a => a.Skill.Id, a => a.Offers);
        bool Add(Skill skill, string? fromJob, bool complement)
        {
            var concept = data.Search.ConceptOf(skill).Id;
            if (said.Contains(skill.Id) || said.Contains(concept))
            {
                return false;
            }
            var offers = skill.Aligned.Append(skill.Id).Append(concept).Max(askedBy.GetValueOrDefault);
            proposed.Add(new ProposedSkill(skill, fromJob, complement, offers >= SkillsGapCalculator.MinAskingOffers ? offers : 0));
            said.Add(skill.Id);
            said.Add(concept);
            said.UnionWith(skill.Aligned);
            return true;
        }

        var experience = coach.SkillsFromExperience(draft)
            .Select(s => (Skill: taxonomy.SkillByUri(s.SkillUri), s.FromJob))
            .Where(s => s.Skill is not null)
            .Select(s => (Skill: s.Skill!, s.FromJob))
            .ToList();
        // Each job's items as the target's are ordered: its own technical savoir-faire before what every job asks.
        var jobs = experience.Select(s => s.FromJob).Distinct(StringComparer.Ordinal).ToList();
        foreach (var (skill, job) in experience.Where(s => s.Skill.Scheme == SkillScheme.Rome4)
            .OrderBy(s => jobs.IndexOf(s.FromJob))
            .ThenBy(s => Rank(taxonomy.Rome4ItemOf(s.Skill))))
        {
            Add(skill, job, complement: false);
        }
        var items = coach.TargetJobSheets(draft)
            .SelectMany(sheet => sheet.Items)
            .OrderBy(i => i.Core switch { Rome4Core.Principal => 0, Rome4Core.Emerging => 1, _ => 2 })
            .ThenBy(i => Rank(taxonomy.Rome4.Item(i.Code)))
            .ToList();
        void AddItems(IEnumerable<Rome4SheetItem> some)
        {
            foreach (var item in some)
            {
                if (proposed.Count >= MaxRome4Skills)
                {
                    break;
                }
                if (taxonomy.Rome4Skill(item.Code) is { } skill)
                {
                    Add(skill, null, complement: false);
                }
            }
        }
        AddItems(items.Where(i => i.Core != Rome4Core.None));
        // What nearby offers of the job ask, after the sheet's core items: not a quality (proposed apart), not a skill the jobs
        // practised bring (shown ticked with them), asked by as many offers as the gap asks to count a skill of their own words.
        var fromExperience = experience.SelectMany(s => s.Skill.Aligned.Append(s.Skill.Id)).ToHashSet();
        var locallyAsked = 0;
        foreach (var (skill, offers) in asked)
        {
            if (locallyAsked >= MaxLocallyAsked || offers < SkillsGapCalculator.MinAskingOffers)
            {
                break;
            }
            if (!taxonomy.IsQuality(skill) && !fromExperience.Contains(skill.Id) && Add(skill, null, complement: false))
            {
                locallyAsked++;
            }
        }
        AddItems(items.Where(i => i.Core == Rome4Core.None));
        if (proposed.Count < MinRome4Skills && coach.TargetJobOccupation(draft) is { } occupation)
        {
            foreach (var id in occupation.EssentialSkills)
            {
                if (proposed.Count >= MaxSkills)
                {
                    break;
                }
                Add(taxonomy.Skills[id], null, complement: false);
            }
        }
        foreach (var (skill, job) in experience.Where(s => s.Skill.Scheme != SkillScheme.Rome4))
        {
            Add(skill, job, complement: true);
        }
        return proposed;
    }

    /// <summary>
    /// The savoir-être professionnels to propose, apart from the job's skills: all of them (offers of every job ask them, in
    /// <c>qualitesProfessionnelles</c> or in words, "vous êtes rigoureux"), those the target job's sheets list first. A
    /// seeker who cannot declare them always misses them: the coverage of every offer that asks one would be lower.
    /// </summary>
    public IReadOnlyList<ProposedQuality> ProposedQualities(SeekerProfile draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return Qualities(referenceData.Require().Taxonomy, coach.TargetJobSheets(draft));
    }

    /// <summary>The savoir-être professionnels, those <paramref name="sheets"/> list first (the questionnaire's and the API's list).</summary>
    public static IReadOnlyList<ProposedQuality> Qualities(SkillsTaxonomy taxonomy, IEnumerable<Rome4Sheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        var listed = sheets.SelectMany(sheet => sheet.Items).Select(i => i.Code).ToHashSet();
        return [.. taxonomy.Qualities
            .Select(q => (Skill: q, Item: taxonomy.Rome4ItemOf(q)))
            .Select(q => new ProposedQuality(q.Skill, q.Item is not null && listed.Contains(q.Item.Code), q.Item?.Definition))
            .OrderByDescending(q => q.ForTargetJob)];
    }

    /// <summary>Among a sheet's other items, the job's own first: its technical savoir-faire, its savoirs, then what every job asks (transverse savoir-faire, savoir-être).</summary>
    private static int Rank(Rome4Item? item) => item switch
    {
        { Kind: Rome4ItemKind.SavoirFaire, Category: not "Transverse" } => 0,
        { Kind: Rome4ItemKind.Savoir } => 1,
        { Kind: Rome4ItemKind.SavoirFaire } => 2,
        _ => 3,
    };

    private JobReading? Chosen(string typed, string? choice, string language)
    {
        var data = referenceData.Require();
        if (string.IsNullOrEmpty(choice))
        {
            return null;
        }
        if (choice.StartsWith(Rome4Prefix, StringComparison.Ordinal))
        {
            return int.TryParse(choice.AsSpan(Rome4Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                && data.Taxonomy.Rome4.Appellation(code) is { } appellation && data.Taxonomy.Rome4.Sheet(appellation.SheetCode) is { } sheet
                ? Rome4Reading(appellation, sheet, OfferOccupationReader.For(data.Taxonomy).EscoOccupation(sheet, appellation), typed)
                : null;
        }
        return data.Taxonomy.OccupationByUri(choice) is { } occupation
            ? EscoReading(data.Taxonomy, occupation, Read(typed, language, 10).FirstOrDefault(r => r.Value == choice)?.RomeCode ?? occupation.RomeCodes.FirstOrDefault(), language)
            : null;
    }

    private static JobReading Rome4Reading(Rome4Appellation appellation, Rome4Sheet sheet, Occupation? occupation, string typed)
    {
        var label = AsTyped(appellation.Label, typed);
        var sheetLabel = AsTyped(sheet.Label, typed);
        var same = string.Equals(TextNormalizer.Normalize(sheetLabel), TextNormalizer.Normalize(label), StringComparison.Ordinal)
            || string.Equals(TextNormalizer.Normalize(sheet.Label), TextNormalizer.Normalize(appellation.Label), StringComparison.Ordinal);
        return new JobReading(Rome4Prefix + appellation.Code.ToString(CultureInfo.InvariantCulture), label, sheet.Code, same ? null : sheetLabel, occupation, IsRome4: true);
    }

    private static JobReading EscoReading(SkillsTaxonomy taxonomy, Occupation occupation, string? romeCode, string language)
    {
        var sheet = romeCode is null ? null : taxonomy.Rome4.Sheet(romeCode)?.Label ?? taxonomy.RomeJob(romeCode)?.Title;
        return new JobReading(occupation.Uri, occupation.Label(language), romeCode, sheet, occupation, IsRome4: false);
    }

    /// <summary>
    /// A ROME label in the gender form the seeker typed ("Serveur / Serveuse" read from "serveuse" is "Serveuse"); the
    /// label as written when it has one form, or when the words typed do not tell the forms apart.
    /// </summary>
    public static string AsTyped(string label, string typed)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(typed);
        var forms = TextNormalizer.GenderForms(label).Distinct(StringComparer.Ordinal).ToList();
        if (forms.Count != 2)
        {
            return forms.Count == 1 ? forms[0] : label;
        }
        var words = TextNormalizer.Tokenize(typed).ToHashSet(StringComparer.Ordinal);
        var shared = forms.Select(f => TextNormalizer.Tokenize(f).Count(words.Contains)).ToList();
        return shared[0] == shared[1] ? label : forms[shared[0] > shared[1] ? 0 : 1];
    }
}
