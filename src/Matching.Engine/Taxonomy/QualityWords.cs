using System.Text;
using System.Text.RegularExpressions;
using Matching.Engine.Ingest;

namespace Matching.Engine.Taxonomy;

/// <summary>
/// The qualities offers ask and the words they use for them (docs/quality.md, "Skills, each with its source"): the ROME 4.0
/// savoir-être items, two ROME competences many sheets list that offers say in a word ("commerçant dans l'âme",
/// "discrétion"), and two ROME savoirs offers ask the same way, which say no more of the job than a quality ("qualités
/// relationnelles", "poste en 2x8"). Each entry names a ROME 4.0 label, so the data decides the skill. The offer reader finds them in text
/// (<see cref="OfferSkillCues"/>); the taxonomy finds with them the skills that say the same quality in other words
/// (<see cref="Twins"/>).
/// </summary>
internal static class QualityWords
{
    /// <summary>The quality's ROME 4.0 label and the words (a pattern over <see cref="FrenchLabels.Normalize"/>d text) offers use for it.</summary>
    public static readonly (string Label, string Pattern)[] All =
    [
        ("Faire preuve de rigueur et de précision", @"rigueur|rigoureu(?:x|se|ses)|minutie|minutieu(?:x|se|ses)|meticuleu(?:x|se|ses)|ponctualite|(?<!(?:mission|besoin|competence|remplacement|renfort|intervention|deplacement|travau|contrat|aide|activite|surcroit|tache)[sx]? )ponctuel(?:le)?s?"),
        ("Faire preuve d'autonomie", @"(?<!\bl )autonomie|autonomes?"),
        ("Avoir l'esprit d'équipe", @"esprit d equipe|travail(?:ler)? en equipe|sens du travail (?:en|d) equipe|travail d equipe|esprit collectif"),
        ("Organiser son travail selon les priorités et les objectifs", @"sens de l organisation|(?:bonne|grande|excellente|reelle) organisation|(?:capacites?|qualites?|esprit) d organisation|methodiques?|organisee?s?(?= e\b| et (?:rigoureu|methodique|autonome|reacti|dynamique))|(?<=(?:rigoureu\w*|autonome|methodique|reactif|dynamique) et )organisee?s?"),
        ("Avoir le sens du service", @"sens du service|esprit de service|sens du client|sens client|orientation client"),
        ("Faire preuve de réactivité", @"reactivite|reactifs?"),
        ("Etre à l'écoute, faire preuve d'empathie", @"sens de l ecoute|(?:capacites?|qualites?) d ecoute|ecoute active|bonne ecoute|empathie|empathiques?|(?:etes|etre|es) a l ecoute"),
        ("Etre ouvert aux changements", @"adaptabilite|(?:capacites?|facultes?|sens) d adaptation|savoir s adapter|capables? de (?:vous|s|t) adapter|polyvalence"),
        ("Faire preuve de persévérance", @"perseverance|perseverante?s?|tenacite|tenaces?"),
        ("Faire preuve de créativité, d'inventivité", @"creativite|creatifs?|inventivite|inventifs?"),
        ("Etre force de proposition", @"force de proposition|esprit d initiatives?|prises? d initiatives?|prendre des initiatives|sens de l initiative|proacti(?:f|ve|fs|ves|vite)"),
        ("Faire preuve de sens des responsabilités", @"sens des responsabilites?|sens de la responsabilite"),
        ("Faire preuve de contrôle de soi", @"gestion du stress|gerer (?:le|son|votre|ton) stress|resistance au stress|resister au stress|sang froid|maitrise de soi"),
        ("Faire preuve de leadership", @"leadership"),
        ("Faire preuve de curiosité, d'ouverture d'esprit", @"curiosite|curieu(?:x|se|ses)|ouverture d esprit"),
        // Two ROME 4.0 competences many sheets list, said in a word: a seller "commerçant dans l'âme", a carer's "discrétion".
        ("Faire preuve de sens commercial et d'aisance relationnelle", @"sens (?:du |de l )?commerc(?:e|ial)|fibre commerciale|esprit commercial|commerc(?:ante?|iale?)s? dans l ame|ame de commercante?"),
        ("Respecter la confidentialité des informations", @"(?<!toute )(?:discretion|discrete?s?)"),
        // A working condition ROME files as a savoir, which says no more of the job than a quality: "horaires décalés", "en 2x8", "travail de nuit".
        // Not denied ("aucun travail de nuit", "jamais de travail de nuit", "poste hors 3x8"; "pas de", "sans" are the reader's) nor a perk
        // ("primes horaires décalés").
        ("Capacité à travailler en horaires décalés", @"(?<!\b(?:aucune?|jamais(?: de)?|hors|primes?(?: de| d)?) )(?:horaires? decales?|[23] ?x ?8(?:h|h00)?|(?:travail|postes?|horaires?|equipes?) de nuit)"),
        // A ROME 4.0 savoir offers ask in a word, the way they ask a quality: "qualités relationnelles", "bon relationnel", "sens du contact".
        ("Communication interpersonnelle", @"(?:qualites?|competences?|aptitudes?|capacites?|aisance|facilites?|sens) (?:du |de )?relationnel(?:le)?s?|(?:bon|excellent|tres bon|bel|votre|(?:avez|possedez|dotee? d) un) relationnel|(?:sens|gout) du contact(?! (?:avec|des|de la|du) (?:les |la |le |l )?(?:produits?|matieres?|materiaux|bois|terrain|nature|animaux))"),
    ];

    /// <summary>
    /// Qualities and working conditions asked in words <see cref="All"/> does not read (3 Dec 2026, eleventh review; docs/quality.md), each
    /// named by a label with a French wording in ROME 4.0 or ESCO that says the same thing: "sérieux", "fiable", "assidu", "consciencieux" as
    /// ESCO's "agir de manière fiable"; "patient(e)" as "faire preuve de patience"; "port de charges" as "soulever des charges lourdes"; "envie
    /// d'apprendre" as "démontrer une volonté d'apprendre"; "soigneux", "souci du détail" as rigour; "polyvalent(e)" said of the candidate as
    /// openness to change, like "polyvalence"; "disponible et à l'écoute" as listening; "garder son calme" as self-control; outdoor and cold
    /// work as ESCO's "travailler en extérieur", "travailler en milieu froid"; "esprit d'analyse", "respect des délais", "gestion des
    /// priorités" as ESCO's "réfléchir de manière analytique", "respecter des délais" and ROME's priorities. Read by the offer reader as
    /// qualities (<see cref="OfferSkillCues"/>), with the same guards (someone else's, a denial); not used to find twins.
    /// </summary>
    public static readonly (string Label, string Pattern)[] InOtherWords =
    [
        // Not "de sérieuses compétences", "le sérieux de notre enseigne", "prendre votre parcours au sérieux", "un cadre de travail
        // sérieux", "sérieusement"; "fiable" only said of the person ("vous êtes rigoureux et fiable"), "fiabilité" not of equipment
        // ("assurer la fiabilité des installations"); "assiduité" only as the candidate's ("ponctualité et assiduité"), not a bonus.
        // After the review of this change, sentences of no sample offer: not an employer's noun with its usual adjectives before it
        // ("une entreprise familiale sérieuse", "une équipe jeune, dynamique et sérieuse", "Garage sérieux", "des clients sérieux"), not
        // "de sérieuses notions", "la sérieuse augmentation"; "fiabilité" not a job's ("Technicien fiabilité") nor what a task guarantees.
        ("agir de manière fiable", @"(?<!\bau )(?<!\b(?:cadre|travail|environnement|entreprise|societe|structure|enseigne|missions?|equipes?|groupe|reseau|garage|clients?|agences?|maison|employeur|partenaires?|activite)(?: (?:jeunes?|dynamiques?|familiale?s?|et|tres|solides?|petite?s?|grande?s?|reconnue?s?|locale?s?|independante?s?|bienveillante?s?|calme?s?)){0,3} )(?<!\b(?:de|des|une|la|les) )serieu(?:x|se|ses)(?! (?:competences?|notions?|atouts?|references?|connaissances?|bases?|experiences?|garanties?|de (?:notre|nos|ses|sa|son|la|l|leurs?)|du|des|d un|d une)\b)|(?<=\b(?:etes|etre|es|personne|profil|quelqu un de)(?: (?!garante?s?\b|d\b|des?\b|du\b|un\b|une\b)\w+){0,4} )fiables?|(?<!\b(?:la|leur|assurer|assurez|garantir|garantissez|ameliorer|performance de|ingenierie de|technicien|technicienne|ingenieur|ingenieure|methodes et|responsable|service|chargee? de) )fiabilite(?! (?:des|du|de|d|et qualite)\b)|assidu(?:e|s|es)?|(?<=\b(?:ponctualite|votre|serieux)(?: et)? )assiduite|consciencieu(?:x|se|ses)|conscience professionnelle"),
        ("faire preuve de patience", @"patience|patient e|(?<=\b(?:etes|etre|es) )patiente?s?"),
        // A working condition: not "pas de port de charges" (the reader's denial), nor "aucun port de charges lourdes", "limiter le port de charges".
        ("soulever des charges lourdes", @"(?<!\b(?:limiter|limitent|limite|reduire|reduisent|eviter|evitent|aucun|aucune|peu de) (?:le |les |du )?(?:port (?:de |des )?)?)(?:port (?:regulier |frequent |repete )?de (?:charges?|colis lourds)|charges lourdes|soulever des charges)\b(?! (?:lourdes )?(?:n est pas|non\b|legeres?|limitee?s?|occasionnel|interdit|proscrit|exclu))"),
        // Not the pupils' wish a tutor raises ("donner l'envie d'apprendre").
        ("démontrer une volonté d’apprendre", @"(?<!\b(?:donner|donnerez|donnez|transmettre|transmettrez|susciter|susciterez|suscitez|eveiller|eveillerez|developper|developperez|stimuler|stimulerez|encourager|partager|partagerez)(?: (?!vous\b)\w+){0,4} )(?:envie|volonte|desir|soif|gout|desireu(?:x|se|ses)|motivee?s?|pret e|prete?s?) (?:d |de |a |pour )apprendre"),
        // 3 Dec (branch fields): "précision" said of the candidate or their work (the label's own word), not a trade's ("mécanique de précision",
        // "usinage haute précision") nor a detail ("la précision des mesures", "pour plus de précision"); "être à l'heure" as punctuality; "le sens
        // du travail bien fait", "souci du travail bien fait".
        ("Faire preuve de rigueur et de précision", @"soigneu(?:x|se|ses)|(?:souci|sens) du detail|attention aux details|soucieu(?:x|se|ses) du detail|(?<!\b(?:de|d|haute|tres haute|grande|instruments?|outils?|mecanique|usinage|pieces?|decoupe|agriculture|machines?|une|la|les|plus|cette) )precision(?! (?:de|des|du|d|requise pour)\b)|(?<=\b(?:votre|bonne|sens de la|souci de la|gout de la|rigueur et|rigueur|autonomie|minutie|soin et|et) )precision(?! (?:de|des|du|d|requise pour)\b)|(?:etre|etes|soyez|arriver|arrivez) a l heure|(?<!\b(?:equipes?|entreprise|societe|structure|maison|nous sommes|nous avons)(?: \w+){0,3} )(?:sens|souci|gout|amour|soucieu(?:x|se|ses)|interet pour le|aimez le|aimer le) (?:du )?travail bien fait"),
        // "Faire preuve d'adaptation", "esprit d'adaptation" (3 Dec, branch fields), as "capacité d'adaptation".
        ("Etre ouvert aux changements", @"(?<!\b(?:equipes?|nous|managers?|entreprise|structure) (?:fait|font|faisons|a|ont|avons)(?: \w+)? )(?:preuve|esprit|gout) d adaptation"),
        // The candidate's: "vous êtes polyvalent(e)", "autonome et polyvalent"; not a job's name ("agent polyvalent") nor the post ("poste polyvalent").
        ("Etre ouvert aux changements", @"(?<!\b(?:postes?|job|travail|metier|environnement|equipes?|missions?|activite|cadre)(?: (?:varie?e?s?|dynamiques?|et|tres|riches?|interessante?s?|stimulante?s?)){0,3} )(?<=\b(?:etes|etre|es|personne|profil|autonome|dynamique|passionnee?|motivee?|rigoureu(?:x|se)|organisee?|reactive?|disponible)(?: e| se)?(?: et)? )polyvalente?s?"),
        // "Disponible et à l'écoute" said of the candidate (the quality's own pattern reads "vous êtes à l'écoute"); not "une équipe disponible et à l'écoute".
        ("Etre à l'écoute, faire preuve d'empathie", @"(?<!\b(?:equipes?|managers?|tuteur|tutrice|encadrement|referente?|responsables?|direction|hierarchie|formateur|formatrice)(?: \w+)? )(?:disponible|souriante?|patiente?|attenti(?:f|ve)|bienveillante?)(?: e| ve)? et a l ecoute"),
        ("Faire preuve de contrôle de soi", @"(?:garder|gardez|rester|restez|conserver|conservez) (?:votre |son |ton )?calme"),
        ("travailler en extérieur", @"(?:travail|travailler|travaux|poste|activite|missions?) (?:en|a l) exterieur(?! (?:de|du|des|d)\b)|(?:exposition|exposee?s?) aux intemperies"),
        ("réfléchir de manière analytique", @"esprit d analyse|(?:capacites?|qualites?|sens) (?:d |de l )?analyse|esprit analytique|capacites? analytiques"),
        ("respecter des délais", @"(?:respect|respecter|respectez|respecterez|tenir|tenue) (?:des |les |vos )?delais"),
        ("Organiser son travail selon les priorités et les objectifs", @"(?:gestion|gerer|hierarchiser|sens) (?:des |les |de ses |vos )?priorites|prioriser"),
        // Not a kitchen's "poste froid" (the cold dishes), even after "travail au", nor an option ("possibilité de travailler dans le froid").
        ("travailler en milieu froid", @"(?<!\bpossibilite de )(?:travail|travailler|environnement|milieu|ambiance|atmosphere|zone)(?: (?!poste\b|cuisines?\b|produits?\b|plats?\b|des\b)\w+){0,2} (?:froide?s?|refrigeree?s?|surgeles?)|temperatures? (?:negatives?|basses)|froid (?:positif|negatif)"),
        // 3 Dec (branch fields), each a label that says the same thing. Shift work said as industry says it: "horaires d'équipe", "travail
        // posté", "équipes alternantes" (2x8 and "2*8" are the quality's own words); not "prime d'équipe", "travail d'équipe" (teamwork).
        // Not a choice or a condition ("horaire en équipe fixe ... selon votre souhait", "prime d'équipe (si horaires d'équipe)").
        ("Capacité à travailler en horaires décalés", @"(?<!\bpossibilite (?:de |d )(?:\w+ ){0,3})(?<!\b(?:aucune?|jamais(?: de)?|hors|primes?(?: de| d)?|sans|pas d|pas de|si) )(?:horaires? (?:d|en|par) equipes?(?! fixes?\b)|travail poste|postes? en equipes? (?:alternantes?|successives)|equipes? (?:alternantes?|successives))\b"),
        // One's own time ("gérer votre temps", "la gestion de son temps"), or "gestion du temps" among qualities ("bonne gestion du temps", "organisation et
        // gestion du temps"); not a perk ("liberté dans la gestion de votre temps") nor payroll's time and attendance ("Gestion du temps : saisir le pointage").
        ("gérer le temps", @"(?<!\b(?:liberte|flexibilite|souplesse|autonomie|maitre|libre|laissons|laisse)(?: totale?)? (?:dans |de |d )?(?:la )?)(?:gestion|maitrise) (?:de votre|de son|de ton) temps(?! (?:de travail|partiel|plein|de trajet|de repos|libre|de presence|de pause)\b)|(?<=\b(?:savoir|savez|sachez|sait|sachant|capacites?|capable|aptitudes?)(?: \w+){0,10} )(?:bien )?(?:gerer|organiser) (?:votre|son|ton) temps|(?<=\b(?:bonne|excellente|tres bonne|et|et de|en|sens de la|capacite de|capacites de|aptitude a la|qualites de) )gestion du temps(?! (?:de travail|meridien|partiel|reel|de presence|de pause)\b)"),
        // IT and office tools asked of the candidate: "maîtrise de l'outil informatique", "à l'aise avec les outils informatiques"; not the employer's
        // ("nos outils informatiques", "les outils informatiques dédiés" where a task is done).
        ("utiliser des outils informatiques", @"(?<!\bpas besoin (?:de |d )(?:\w+ ){0,3})(?<=\b(?:maitrise|maitriser|maitrisez|maitrisant|aisance|a l aise|aise|connaissance|connaissances|bonne pratique|pratique|utiliser|utilisation|usage|familiarite|habitude)(?: (?:de|des|du|avec|sur|parfaitement|bien|bonne|l|les|d))* )(?:l )?outils? informatiques?(?! (?:dedies?|internes?|de l entreprise)\b)"),
        ("logiciels de bureautique", @"(?<!\bpas besoin (?:de |d )(?:\w+ ){0,3})(?<=\b(?:maitrise|maitriser|maitrisez|maitrisant|aisance|a l aise|aise|connaissance|connaissances|pratique|utiliser|utilisation|usage|familiarite)(?: (?:de|des|du|avec|sur|parfaitement|bien|bonne|l|les|d|courante?s?))* )(?:outils?|applications?|logiciels?|suites?|pack|environnement) (?:de )?bureautiques?"),
        // "Capacité d'intégration dans une équipe", "capacité à collaborer avec l'équipe" (a task "Collaborer avec l'équipe de cuisine" is left to the task rules).
        ("Avoir l'esprit d'équipe", @"esprit (?:reel|vrai|veritable|fort|grand|bon) d equipe|(?<!\b(?:managers?|responsables?|encadrants?|equipes?|nous) (?:ont|a|avons) (?:la |une |les )?)(?:capacites?|aptitudes?|facilites?) d integration (?:dans|a|au sein d) (?:une|l) equipe|(?<!\b(?:managers?|responsables?|encadrants?|equipes?|nous) (?:ont|a|avons) (?:la |une |les )?)(?:capacites?|aptitudes?|savoir|sachant|capable|facilite) (?:a |de |d )?(?:vous |s |t )?(?:integrer (?:dans|a|au sein d) (?:une|l) equipe|collaborer (?:efficacement )?avec (?:l |les )?equipes?)"),
        // Safety shoes the candidate brings ("avoir en votre possession des chaussures de sécurité", "chaussures de sécurité obligatoires"), as ROME's
        // "Utiliser des équipements de protection individuelle (EPI)"; not supplied by the employer nor an item of stock ("gestion des consommables
        // (vêtements de travail, chaussures de sécurité)").
        ("Utiliser des équipements de protection individuelle (EPI)", @"(?<!\bfourni\w*(?: \w+){0,3} )(?<=\b(?:avoir|possession|munie?s?|porter|port|equipee?s?|vos|votre|propres?)(?: \w+){0,7} )chaussures de securite(?! (?:sont |seront )?(?:fournies|offertes|prises en charge|remboursees)\b)|chaussures de securite (?:obligatoires?|exigees?|indispensables?)"),
        // "Vous aimez être en extérieur ?": outdoor work said with "être" (not "être à l'extérieur de l'entreprise").
        ("travailler en extérieur", @"(?:etre|rester) (?:en|a l) exterieur(?! (?:de|du|des|d)\b)"),
        // "Le sens du service et de l'écoute", "le sens de l'accueil et de l'écoute": the quality's pattern read only "sens de l'écoute".
        ("Etre à l'écoute, faire preuve d'empathie", @"\bsens (?:du|de l|de la) \w+(?: \w+)? et de l ecoute"),
        // "Savoir travailler sous pression", "résistance à la pression": not water or cleaning under pressure.
        ("supporter la pression", @"(?<!\bequipes? qui (?:sait |savent )?)(?:travailler|travail|travaillez|capable de travailler)(?: efficacement)? sous pression|resist\w* a la pression|(?:gerer|gestion de) la pression"),
        // An ERP by its acronym ("maîtrise d'un ERP", "saisie dans l'ERP"), not a building open to the public ("établissements recevant du public (ERP)").
        ("Progiciels de gestion intégrée d'entreprise (ERP)", @"(?<!\b(?:batiments?|etablissements?|public|formation|formations)(?: \w+){0,3} )erp\b(?! (?:recevant|etablissements?|de categorie|de type [1-5])\b)"),
        // "Vous êtes rigoureux, autonome et soigné": careful, as "soigneux" (not "présentation soignée", a look).
        ("Faire preuve de rigueur et de précision", @"(?<=\b(?:etes|autonome|rigoureu(?:x|se)|minutieu(?:x|se)|organisee?|polyvalente?)(?: e)?(?: et)? )soignee?s?\b"),
        ("démontrer une volonté d’apprendre", @"(?<=\b(?:vous|et) )(?:souhaitez|aimez|desirez|voulez) apprendre|(?:aimer|souhaiter|desirer|vouloir) apprendre(?= (?:de nouvelles|le metier|les metiers|un metier|et|au quotidien|chaque jour)\b)"),
    ];

    // Words that frame a quality without naming anything else: "faire preuve de", "capacité à", "savoir travailler de manière".
    private static readonly HashSet<string> s_frames = new(
        ["faire", "preuve", "avoir", "etre", "capacite", "capacites", "aptitude", "aptitudes", "savoir", "se", "montrer",
         "travailler", "travail", "maniere", "facon", "qualite", "qualites", "sens", "esprit"],
        StringComparer.Ordinal);

    /// <summary>A quality's words as one regular expression over normalised text, whole words only.</summary>
    public static Regex Regex(string pattern) => new($@"\b(?:{pattern})\b", RegexOptions.CultureInvariant);

    /// <summary>
    /// The twins of each quality: the other skills (ESCO or ROME 4.0) one of whose French labels says the quality in the words
    /// offers use for it and nothing else, once the words that frame a quality ("faire preuve de", "capacité à", "travailler
    /// de manière") and the quality's own words (of its label and of its pattern) are set aside: "travailler en équipe",
    /// "Capacité à travailler en équipe", "Sens du service client", "faire preuve de maîtrise de soi" (an alternative label),
    /// but not "travailler de manière autonome dans la vente" nor "autonomie du patient". Also a skill aligned to a quality
    /// (<see cref="Skill.Aligned"/>). The savoir-être items are no one's twin. Keyed by the twin's id; the first quality wins.
    /// </summary>
    public static Dictionary<int, Skill> Twins(SkillsTaxonomy taxonomy)
    {
        var twins = new Dictionary<int, Skill>();
        var qualities = new List<(Regex Words, HashSet<string> Own, Skill Skill)>();
        var items = taxonomy.Rome4.Items.Where(i => i.SkillId >= 0).GroupBy(i => i.Label, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var (label, pattern) in All)
        {
            var normalized = FrenchLabels.Normalize(label);
            if (items.TryGetValue(label, out var item))
            {
                var own = new HashSet<string>(normalized.Split(' '), StringComparer.Ordinal);
                own.UnionWith(LiteralWords(pattern, 3));
                qualities.Add((Regex(pattern), own, taxonomy.Skills[item.SkillId]));
            }
        }
        // A twin's label has only words a quality's pattern starts (its first five letters) or sets aside: a hash look-up per
        // word spares the patterns almost every label.
        var words = qualities.SelectMany(q => q.Own).Concat(s_frames).ToHashSet(StringComparer.Ordinal);
        var starts = All.SelectMany(q => LiteralWords(q.Pattern, 1)).Select(Start).ToHashSet(StringComparer.Ordinal);
        bool Possible(string normalized) => normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .All(w => FrenchLabels.IsStopWord(w) || words.Contains(w) || starts.Contains(Start(w)));
        foreach (var skill in taxonomy.Skills)
        {
            if (taxonomy.Rome4ItemOf(skill) is { Kind: Rome4ItemKind.SavoirEtre })
            {
                continue;
            }
            IEnumerable<string> labels = skill.LabelFr is { } preferred ? [preferred, .. skill.AltLabelsFr] : skill.AltLabelsFr;
            foreach (var label in labels)
            {
                var normalized = FrenchLabels.Normalize(label);
                if (!Possible(normalized))
                {
                    continue;
                }
                var quality = qualities.FirstOrDefault(q => q.Skill.Id != skill.Id && q.Words.IsMatch(normalized)
                    && q.Words.Replace(normalized, " ").Split(' ', StringSplitOptions.RemoveEmptyEntries)
                        .All(w => FrenchLabels.IsStopWord(w) || s_frames.Contains(w) || q.Own.Contains(w)));
                if (quality.Skill is not null)
                {
                    twins.TryAdd(skill.Id, quality.Skill);
                    break;
                }
            }
        }
        foreach (var (_, _, quality) in qualities)
        {
            foreach (var aligned in quality.Aligned)
            {
                twins.TryAdd(aligned, quality);
            }
        }
        return twins;
    }

    private static string Start(string word) => word.Length > 5 ? word[..5] : word;

    /// <summary>The words a pattern spells, outside its look-arounds (the words around a cue that make it someone else's).</summary>
    private static IEnumerable<string> LiteralWords(string pattern, int minLength)
    {
        var text = new StringBuilder(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '(' && i + 2 < pattern.Length && pattern[i + 1] == '?' && (pattern[i + 2] is '=' or '!' || (pattern[i + 2] == '<' && i + 3 < pattern.Length && pattern[i + 3] is '=' or '!')))
            {
                var depth = 0;
                for (; i < pattern.Length; i++)
                {
                    depth += pattern[i] == '(' ? 1 : pattern[i] == ')' ? -1 : 0;
                    if (depth == 0)
                    {
                        break;
                    }
                }
                text.Append(' ');
                continue;
            }
            text.Append(pattern[i]);
        }
        // "(?:x|se|ses)" leaves pieces of words: as a quality's own words, only those of three letters or more count.
        return System.Text.RegularExpressions.Regex.Matches(text.ToString(), "[a-z]+").Select(m => m.Value).Where(w => w.Length >= minLength);
    }
}
