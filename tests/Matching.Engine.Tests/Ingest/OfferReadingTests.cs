using System.Text.Json.Nodes;
using Matching.Engine.Indexing;
using Matching.Engine.Ingest;
using Matching.Engine.Taxonomy;
using static Matching.Engine.Tests.Ingest.IngestTestData;

namespace Matching.Engine.Tests.Ingest;

/// <summary>
/// Real France Travail offers (Offres d'emploi v2, the API's own shape, contact fields left out) read as
/// the recruiter wrote them: ROME 4.0 codes, competences by code, text, fields, and the occupation's core
/// items only when the offer gives too few.
/// </summary>
public sealed class OfferReadingTests
{
    // A 2025 offer: ROME 4.0 code M1811 (no ROME v3 sheet has it), a description naming its tools, one competence by code.
    private const string DataEngineerOffer = """
        {
          "id": "190ABCD",
          "intitule": "Data engineer (H/F)",
          "description": "Au sein de l'équipe data, vous concevez et industrialisez les flux de données.\nVous maîtrisez Python et SQL, ainsi que Spark.\nLa connaissance de Talend et d'AWS serait un plus.\nAnglais technique apprécié.",
          "dateCreation": "2025-06-02T08:00:00.000Z",
          "lieuTravail": { "libelle": "31 - Toulouse", "latitude": 43.6007, "longitude": 1.43284, "codePostal": "31000", "commune": "31555" },
          "romeCode": "M1811",
          "romeLibelle": "Data engineer",
          "appellationlibelle": "Data engineer",
          "entreprise": { "nom": "DONNEES DU SUD", "entrepriseAdaptee": false },
          "typeContrat": "CDI",
          "typeContratLibelle": "Contrat à durée indéterminée",
          "natureContrat": "Contrat travail",
          "experienceExige": "E",
          "experienceLibelle": "3 An(s)",
          "competences": [ { "code": "404167", "libelle": "Gérer et maitriser des bases de données (SQL/NoSQL)", "exigence": "E" } ],
          "langues": [ { "libelle": "Anglais", "exigence": "S" } ],
          "salaire": { "libelle": "Annuel de 45000.0 Euros à 55000.0 Euros sur 12.0 mois" },
          "alternance": false,
          "nombrePostes": 1,
          "qualificationCode": "9",
          "origineOffre": { "origine": "1", "urlOrigine": "https://candidat.francetravail.fr/offres/recherche/detail/190ABCD" }
        }
        """;

    // A delivery driver's offer with a licence, no competence and a short description.
    private const string DriverOffer = """
        {
          "id": "190EFGH",
          "intitule": "Chauffeur livreur / Chauffeuse livreuse (H/F)",
          "description": "Livraisons de colis en Haute-Savoie, tournées du lundi au vendredi.",
          "lieuTravail": { "libelle": "74 - ANNECY", "latitude": 45.899, "longitude": 6.129, "codePostal": "74000", "commune": "74010" },
          "romeCode": "N4105",
          "romeLibelle": "Chauffeur-livreur / Chauffeuse-livreuse",
          "appellationlibelle": "Chauffeur-livreur / Chauffeuse-livreuse",
          "typeContrat": "CDD",
          "experienceExige": "D",
          "permis": [ { "libelle": "B - Véhicule léger", "exigence": "E" } ],
          "alternance": false
        }
        """;

    private static SkillsTaxonomy Taxonomy => TaxonomyFixture.Taxonomy;

    private static string Uri(string romeLabel) => Taxonomy.Rome4.Items.Single(i => i.Label == romeLabel).SkillUri;

    [Fact]
    public void A_rome4_code_resolves_and_every_skill_carries_its_source()
    {
        var outcome = OfferBuilder().Build(OfferItem(DataEngineerOffer));

        Assert.True(outcome.IsValid);
        var offer = outcome.Document;
        Assert.Equal("M1811", offer.RomeCode);
        Assert.NotNull(offer.OccupationUri);
        Assert.DoesNotContain(outcome.Warnings, w => w.StartsWith("romeCode", StringComparison.Ordinal));

        // By code: the ROME 4.0 competence itself.
        Assert.Contains(new DemandedSkill("rome4:competence:404167", SkillImportance.Essential, Source: SkillSource.OfferCode), offer.Skills);
        // By name in the description: the tools, optional where the sentence says they are a plus.
        var text = offer.Skills.Where(s => s.Source == SkillSource.OfferText).ToDictionary(s => Taxonomy.SkillByUri(s.SkillUri)!.LabelEn, s => s.Importance);
        Assert.Equal(SkillImportance.Essential, text["Python (computer programming)"]);
        Assert.Equal(SkillImportance.Essential, text["SQL"]);
        Assert.Equal(SkillImportance.Essential, text["SPARK"]);
        // "Anglais technique apprécié": a plus, not a requirement.
        Assert.Contains(offer.Skills, s => s.Source == SkillSource.OfferText && Taxonomy.SkillByUri(s.SkillUri)!.LabelFr == "Anglais technique" && s.Importance == SkillImportance.Optional);
        // By field: the language.
        Assert.Contains(offer.Skills, s => s.Source == SkillSource.OfferFields && Taxonomy.SkillByUri(s.SkillUri)!.LabelFr == "anglais" && s.Importance == SkillImportance.Optional);
        // Enough of its own: nothing from the occupation, so its explanation is its own.
        Assert.DoesNotContain(offer.Skills, s => s.Source == SkillSource.Occupation);
    }

    [Fact]
    public void A_tools_name_is_read_only_as_written_not_from_a_word_that_stems_like_it()
    {
        // A brasserie "looking for its pearls of tomorrow" asks no Perl; a developer's offer naming Perl does.
        const string Brasserie = """
            { "id": "B1", "intitule": "Commis de salle (H/F)", "romeCode": "G1803",
              "description": "Notre brasserie lance l'hameçon pour trouver ses perles de demain ! Vous assurez le service en salle." }
            """;
        const string Developer = """
            { "id": "D1", "intitule": "Développeur (H/F)", "romeCode": "M1805",
              "description": "Vous maintenez des scripts en Perl et en Python." }
            """;

        var brasserie = OfferBuilder().Build(OfferItem(Brasserie)).Document!;
        var developer = OfferBuilder().Build(OfferItem(Developer)).Document!;

        static bool NamesPerl(OfferDocument offer) =>
            offer.Skills.Any(s => s.Source == SkillSource.OfferText && Taxonomy.SkillByUri(s.SkillUri)!.LabelEn.StartsWith("Perl", StringComparison.Ordinal));
        Assert.False(NamesPerl(brasserie));
        Assert.True(NamesPerl(developer));
    }

    [Fact]
    public void An_offer_giving_fewer_than_three_skills_gets_its_occupations_core_items()
    {
        var offer = OfferBuilder().Build(OfferItem(DriverOffer)).Document!;

        Assert.Equal("N4105", offer.RomeCode);
        var licence = Assert.Single(offer.Skills, s => s.Source == SkillSource.OfferFields);
        Assert.Equal(Uri("Permis de conduire catégorie B"), licence.SkillUri);
        Assert.Equal(SkillImportance.Essential, licence.Importance);
        var core = Taxonomy.Rome4.Sheet("N4105")!.CoreItems.Select(i => Taxonomy.Rome4Skill(i.Code)!.Uri).ToHashSet();
        var added = offer.Skills.Where(s => s.Source == SkillSource.Occupation).ToList();
        Assert.NotEmpty(added);
        Assert.All(added, s => Assert.Contains(s.SkillUri, core));
        Assert.All(added, s => Assert.True(s.Inferred));
    }

    [Fact]
    public void Without_a_rome_code_the_classifier_reads_the_occupation_from_the_title_and_description()
    {
        // The same offer with its occupation fields removed.
        var hidden = DataEngineerOffer
            .Replace("\"romeCode\": \"M1811\",", "", StringComparison.Ordinal)
            .Replace("\"romeLibelle\": \"Data engineer\",", "", StringComparison.Ordinal)
            .Replace("\"appellationlibelle\": \"Data engineer\",", "", StringComparison.Ordinal);

        var outcome = ClassifierFixture.Builder().Build(OfferItem(hidden));

        Assert.Equal("M1811", outcome.Document!.RomeCode);
        Assert.Contains(outcome.Warnings, w => w.StartsWith("occupation: read from the title and description as ROME M1811", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_rome_code_the_competences_the_offer_names_by_code_help_read_its_occupation()
    {
        // "Equipier polyvalent" is a title of fast food (G1603) and of other sheets; the competences by code (service at
        // the counter, soft drinks, kitchen surfaces) are fast food's items only.
        const string Title = "Equipier polyvalent 35H (H/F)";
        const string Description = "Vous rejoignez notre équipe pour la saison.";
        var outcome = ClassifierFixture.Builder().Build(OfferItem($$"""
            {"id":"c8","intitule":"{{Title}}","description":"{{Description}}",
             "competences":[{"code":"478560","libelle":"Accueil et service au comptoir","exigence":"E"},
                            {"code":"478558","libelle":"Préparation de boissons non alcoolisées","exigence":"S"},
                            {"code":"478559","libelle":"Nettoyage de surfaces en cuisine","exigence":"S"}]}
            """));

        Assert.Equal("G1603", outcome.Document!.RomeCode);
        var withCodes = ClassifierFixture.Classifier.Rank(new OfferText(Title, Description, [478560, 478558, 478559]), 40);
        var without = ClassifierFixture.Classifier.Rank(new OfferText(Title, Description), 40);
        Assert.True(withCodes.Single(c => c.Code == "G1603").Score > without.Single(c => c.Code == "G1603").Score);
    }

    [Fact]
    public void An_appellation_without_a_code_names_its_sheet()
    {
        var outcome = OfferBuilder().Build(OfferItem("""{"id":"c1","intitule":"Préparateur de commandes (H/F)","appellationlibelle":"Préparateur / Préparatrice de commandes"}"""));

        Assert.Equal("N1103", outcome.Document!.RomeCode);
    }

    [Fact]
    public void A_rome_v3_code_of_an_older_offer_reads_as_its_rome4_continuation()
    {
        // 2022: M1805 was "Études et développement informatique"; in ROME 4.0 it is the developer's sheet, same family.
        var offer = OfferBuilder().Build(OfferItem("""{"id":"c2","intitule":"Développeur Java (H/F)","romeCode":"M1805","romeLibelle":"Études et développement informatique","appellationlibelle":"Développeur / Développeuse informatique"}""")).Document!;

        Assert.Equal("M1805", offer.RomeCode);
        Assert.Equal(SoftwareDeveloper, offer.OccupationUri);
        Assert.Equal("M1805", Taxonomy.Rome4.FamilyOf(offer.RomeCode!));
        Assert.Contains(offer.Skills, s => s.Source == SkillSource.OfferText && Taxonomy.SkillByUri(s.SkillUri)!.LabelEn == "Java (computer programming)");
    }

    [Fact]
    public void A_perk_of_the_employer_is_not_read_as_a_skill()
    {
        // "garde d'enfants" names ESCO's baby-sitting, which has nothing to do with a forklift driver.
        var offer = OfferBuilder().Build(OfferItem("""{"id":"c3","intitule":"Cariste (H/F)","description":"Conduite de chariot élévateur. Vos avantages : mutuelle, aide à la garde d'enfants.","romeCode":"N1101"}""")).Document!;

        Assert.DoesNotContain(offer.Skills, s => Taxonomy.SkillByUri(s.SkillUri)!.LabelEn == "babysit");
    }

    [Fact]
    public void Qualities_asked_of_the_candidate_are_read_but_not_the_residents_autonomy()
    {
        var offer = OfferBuilder().Build(OfferItem("""{"id":"c4","intitule":"Aide à domicile (H/F)","description":"Vous accompagnez des personnes en perte d'autonomie et favorisez l'autonomie des résidents.\nProfil : vous êtes rigoureux(se), ponctuel(le) et avez l'esprit d'équipe.","romeCode":"K1302"}""")).Document!;

        var text = TextLabels(offer);
        Assert.Contains("Faire preuve de rigueur et de précision", text);
        Assert.Contains("Avoir l'esprit d'équipe", text);
        Assert.DoesNotContain("Faire preuve d'autonomie", text);
    }

    [Fact]
    public void Licences_and_certificates_named_in_the_text_are_read_unless_denied()
    {
        var cariste = OfferBuilder().Build(OfferItem("""{"id":"c5","intitule":"Cariste (H/F)","description":"CACES 1, 3 et 5 obligatoires.\nPermis B souhaité.\nFIMO à jour.\nVous chargez puis déchargez les camions.","romeCode":"N1101"}""")).Document!;
        var read = cariste.Skills.Where(s => s.Source == SkillSource.OfferText).ToDictionary(s => Taxonomy.SkillByUri(s.SkillUri)!.LabelFr!, s => s.Importance);
        Assert.Equal(SkillImportance.Essential, read["Chariots de manutention automoteurs à conducteur porté (CACES R 489) - Depuis le 01/01/2020"]);
        Assert.Equal(SkillImportance.Optional, read["Permis de conduire catégorie B"]);
        Assert.Contains("Formation Initiale Minimum Obligatoire (FIMO)", read.Keys);
        // "puis" is no Plan d'Urgence Interne (PUI): acronyms count in capitals only.
        Assert.DoesNotContain("Plan d'Urgence Interne (PUI)", read.Keys);

        var denied = OfferBuilder().Build(OfferItem("""{"id":"c6","intitule":"Agent d'entretien (H/F)","description":"Nos postes ne nécessitent pas forcément le permis B. Permis de conduire apprécié.","romeCode":"K2204"}""")).Document!;
        Assert.DoesNotContain(TextLabels(denied), label => label.StartsWith("Permis de conduire", StringComparison.Ordinal));
    }

    [Fact]
    public void A_title_that_names_a_task_gives_that_task()
    {
        var offer = OfferBuilder().Build(OfferItem("""{"id":"c7","intitule":"Plongeur / Plongeuse en restauration (H/F)","description":"Saison d'été au bord du lac.","romeCode":"G1605"}""")).Document!;

        Assert.Contains("Réaliser la plonge", TextLabels(offer));
    }

    // A 2025 trainer's offer in the feed's shape: its tasks said to the candidate ("vous concevez, animez des formations").
    private const string TrainerOffer = """
        {
          "id": "190TRNR",
          "intitule": "Formateur soudage (H/F)",
          "description": "Rattaché(e) au pôle métallurgie et intégré(e) à l'équipe pédagogique, vous concevez et animez des formations théoriques et pratiques.\nVous évaluez les stagiaires et fixez les rendez-vous de suivi avec les entreprises.\nVous rendez compte au responsable de pôle.",
          "dateCreation": "2025-03-12T09:30:00.000Z",
          "lieuTravail": { "libelle": "01 - Bourg-en-Bresse", "latitude": 46.2052, "longitude": 5.2255, "codePostal": "01000", "commune": "01053" },
          "romeCode": "K2111",
          "romeLibelle": "Formateur / Formatrice",
          "appellationlibelle": "Formateur / Formatrice",
          "entreprise": { "nom": "CENTRE DE FORMATION DE L'AIN", "entrepriseAdaptee": false },
          "typeContrat": "CDI",
          "typeContratLibelle": "Contrat à durée indéterminée",
          "natureContrat": "Contrat travail",
          "experienceExige": "E",
          "experienceLibelle": "5 An(s)",
          "salaire": { "libelle": "Annuel de 32000.0 Euros à 36000.0 Euros sur 12.0 mois" },
          "dureeTravailLibelle": "35H/semaine",
          "dureeTravailLibelleConverti": "Temps plein",
          "alternance": false,
          "nombrePostes": 1,
          "qualificationCode": "7",
          "origineOffre": { "origine": "1", "urlOrigine": "https://candidat.francetravail.fr/offres/recherche/detail/190TRNR" }
        }
        """;

    [Fact]
    public void A_task_said_to_the_candidate_is_read_verb_first()
    {
        var trainer = TextLabels(OfferBuilder().Build(OfferItem(TrainerOffer)).Document!);
        // "vous animez des formations": the verb said to "vous" has the infinitive's root.
        Assert.Contains("Animer une formation technique", trainer);
        // "l'équipe pédagogique" comes before "vous animez": joining a team is not leading it.
        Assert.DoesNotContain("Animer une équipe", trainer);

        // The same words with the team after the verb do say it.
        var leader = OfferItem(TrainerOffer.Replace("intégré(e) à l'équipe pédagogique, vous concevez et animez des formations théoriques et pratiques", "vous animez l'équipe pédagogique", StringComparison.Ordinal));
        Assert.Contains("Animer une équipe", TextLabels(OfferBuilder().Build(leader).Document!));
    }

    [Fact]
    public void Children_welcomed_in_the_future_tense_and_the_clientele_are_read()
    {
        var nursery = OfferBuilder().Build(OfferItem("""{"id":"c8","intitule":"Auxiliaire de crèche (H/F)","description":"En tant qu'auxiliaire de crèche, vous accueillerez les enfants et leur famille avec bienveillance.","romeCode":"K1307","lieuTravail":{"libelle":"74 - ANNECY","latitude":45.899,"longitude":6.129},"typeContrat":"CDI","alternance":false}""")).Document!;
        Assert.Contains("Accueillir des enfants", TextLabels(nursery));

        var reception = OfferBuilder().Build(OfferItem("""{"id":"c9","intitule":"Réceptionniste (H/F)","description":"- Vous accueillez notre clientèle française et internationale","romeCode":"G1703","lieuTravail":{"libelle":"74 - MEGEVE","latitude":45.857,"longitude":6.617},"typeContrat":"CDD","alternance":false}""")).Document!;
        Assert.Contains("accueillir les clients", TextLabels(reception));
    }

    // A 2024 shop offer in the feed's shape: its tasks said as bare nouns in a list.
    private const string ShopOffer = """
        {
          "id": "190SHOP",
          "intitule": "Vendeur en alimentation (H/F)",
          "description": "Vos missions au sein du rayon frais :\n* La vente, l'accueil, le conseil, la fidélisation et l'encaissement,\n* La réception, le contrôle et la mise en rayon des produits.\nVous aimez le contact client et le travail en équipe.",
          "dateCreation": "2024-10-07T14:02:11.000Z",
          "lieuTravail": { "libelle": "74 - THONON LES BAINS", "latitude": 46.3705, "longitude": 6.4792, "codePostal": "74200", "commune": "74281" },
          "romeCode": "D1106",
          "romeLibelle": "Vente en alimentation",
          "appellationlibelle": "Vendeur / Vendeuse en alimentation générale",
          "entreprise": { "nom": "PRIMEURS DU LAC", "entrepriseAdaptee": false },
          "typeContrat": "CDI",
          "typeContratLibelle": "Contrat à durée indéterminée",
          "natureContrat": "Contrat travail",
          "experienceExige": "D",
          "experienceLibelle": "Débutant accepté",
          "salaire": { "libelle": "Mensuel de 1802.0 Euros sur 12.0 mois" },
          "dureeTravailLibelle": "35H/semaine",
          "dureeTravailLibelleConverti": "Temps plein",
          "alternance": false,
          "nombrePostes": 1,
          "qualificationCode": "6",
          "origineOffre": { "origine": "1", "urlOrigine": "https://candidat.francetravail.fr/offres/recherche/detail/190SHOP" }
        }
        """;

    [Fact]
    public void A_one_word_task_of_the_offers_own_job_is_read_from_its_list_of_tasks()
    {
        Assert.Contains("Procéder à l'encaissement", TextLabels(OfferBuilder().Build(OfferItem(ShopOffer)).Document!));

        // One word says a task only on the offer's own sheet: a forklift driver's offer naming "l'encaissement" does not cash in.
        var driver = OfferItem(ShopOffer.Replace("\"D1106\"", "\"N1101\"", StringComparison.Ordinal).Replace("Vendeur en alimentation (H/F)", "Cariste (H/F)", StringComparison.Ordinal));
        Assert.DoesNotContain("Procéder à l'encaissement", TextLabels(OfferBuilder().Build(driver).Document!));
    }

    [Fact]
    public void A_reception_of_orders_is_receiving_them_but_storage_conditions_are_no_packing()
    {
        var drive = OfferBuilder().Build(OfferItem("""{"id":"c10","intitule":"Préparateur au drive (H/F)","description":"Vos missions :\n- Réception des commandes et préparation des commandes clients\n- Mise en bacs","romeCode":"N1113","lieuTravail":{"libelle":"74 - SALLANCHES","latitude":45.936,"longitude":6.631},"typeContrat":"CDD","alternance":false}""")).Document!;
        Assert.Contains("Réceptionner et préparer des commandes", TextLabels(drive));

        // "les conditions de conservation" are no "Conditionner des produits"; "le conditionnement des produits" is.
        const string Plongeur = """{"id":"c11","intitule":"Plongeur (H/F)","description":"- Ranger les produits selon les conditions de conservation","romeCode":"G1605","lieuTravail":{"libelle":"74 - MEGEVE","latitude":45.857,"longitude":6.617},"typeContrat":"CDD","alternance":false}""";
        Assert.DoesNotContain("Conditionner des produits", TextLabels(OfferBuilder().Build(OfferItem(Plongeur)).Document!));
        var packing = OfferItem(Plongeur.Replace("Ranger les produits selon les conditions de conservation", "Conditionnement des produits", StringComparison.Ordinal));
        Assert.Contains("Conditionner des produits", TextLabels(OfferBuilder().Build(packing).Document!));
    }

    private static OfferDocument Read(string id, string title, string description, string romeCode) =>
        OfferBuilder().Build(OfferItem(new JsonObject
        {
            ["id"] = id,
            ["intitule"] = title,
            ["description"] = description,
            ["romeCode"] = romeCode,
            ["lieuTravail"] = new JsonObject { ["libelle"] = "74 - ANNEMASSE", ["latitude"] = 46.193, ["longitude"] = 6.234 },
            ["typeContrat"] = "MIS",
            ["alternance"] = false,
        }.ToJsonString())).Document!;

    [Fact]
    public void A_task_is_read_without_the_way_it_is_done_nor_its_examples_in_brackets()
    {
        // ROME says "Préparer les commandes en suivant les procédures"; the offer says the task and its own manner.
        var picker = Read("c12", "Agent logistique (H/F)", "- Préparer les commandes en respectant les délais et les exigences de qualité", "N1103");
        Assert.Contains("Préparer les commandes en suivant les procédures", TextLabels(picker));

        // "Préparer les surfaces (dégraissage, masquage, sablage, ...) selon le type de support".
        var facade = Read("c13", "Façadier (H/F)", "- Effectuer la préparation des surfaces en nettoyant et réparant les structures existantes", "F1611");
        Assert.Contains("Préparer les surfaces (dégraissage, masquage, sablage, ...) selon le type de support", TextLabels(facade));

        // A label that uses a tool keeps its verb: the employer's "outils digitaux" are no "Utiliser les outils digitaux (...)".
        var carer = Read("c14", "Assistant de vie (H/F)", "Être accompagné dans les charges administratives grâce à des outils digitaux innovants comme notre application", "K1302");
        Assert.DoesNotContain("Utiliser les outils digitaux (communication, applications, objets connectés)", TextLabels(carer));
    }

    [Fact]
    public void A_verb_said_to_the_candidate_is_read_as_its_infinitive_and_a_sellers_or_carers_quality_in_a_word()
    {
        var tutor = Read("c18", "Enseignant Soutien Scolaire - Maths (H/F)", "Vous donnerez des cours particuliers de Maths au domicile des élèves.", "K2106");
        Assert.Contains("donner des cours particuliers", TextLabels(tutor));

        var seller = Read("c19", "Employé commercial (H/F)", "Commerçant dans l'âme, vous savez créer avec vos clients des liens de confiance.", "D1507");
        Assert.Contains("Faire preuve de sens commercial et d'aisance relationnelle", TextLabels(seller));

        var home = Read("c20", "Aide ménager (H/F)", "Nous attendons du dynamisme, du sérieux et de la discrétion.", "K1304");
        Assert.Contains("Respecter la confidentialité des informations", TextLabels(home));
        // The employer's discretion about an application is no quality asked.
        var manager = Read("c21", "Expert-comptable (H/F)", "Envoyez votre candidature en toute discrétion.", "M1211");
        Assert.DoesNotContain("Respecter la confidentialité des informations", TextLabels(manager));
    }

    [Fact]
    public void One_of_a_tasks_several_objects_is_read_just_after_its_verb()
    {
        // ROME says "Dépoussiérer les sols, les tapis, les meubles, les objets et aérer, désodoriser les pièces"; the offer cleans the floors.
        var home = Read("c22", "Aide ménager (H/F)", "Vos missions : rangement, dépoussiérage des sols et des meubles, repassage.", "K1304");
        Assert.Contains("Dépoussiérer les sols, les tapis, les meubles, les objets et aérer, désodoriser les pièces", TextLabels(home));

        // "Entretenir un équipement, une machine, une installation": the machine's upkeep, said just after the verb.
        var turner = Read("c23", "Tourneur (H/F)", "- Veiller à l'entretien courant de la machine", "H2903");
        Assert.Contains("Entretenir un équipement, une machine, une installation", TextLabels(turner));

        // Not when the object is far from the verb, nor a team read as equipment.
        var cook = Read("c24", "Second de cuisine (H/F)", "- Maintenir une communication efficace avec l'équipe", "G1609");
        Assert.DoesNotContain("Entretenir un équipement, une machine, une installation", TextLabels(cook));
        var seller = Read("c25", "Commercial sédentaire (H/F)", "- Gestion des appels entrants des clients pour les orienter vers les bons services ou pour enregistrer les commandes", "D1410");
        Assert.DoesNotContain("Gérer les commandes et les livraisons", TextLabels(seller));
        var orders = Read("c26", "Commercial sédentaire (H/F)", "- Gestion des commandes clients", "D1410");
        Assert.Contains("Gérer les commandes et les livraisons", TextLabels(orders));
    }

    [Fact]
    public void A_task_named_by_its_noun_in_a_list_is_the_one_task_of_the_jobs_sheet_with_that_verb()
    {
        // ROME's logistics sheet says "Charger, décharger, manutentionner des produits" and "Conditionner des produits"; the offer lists the nouns.
        var logistics = Read("c27", "Agent logistique polyvalent (H/F)", "Vos missions :\n- Chargement / déchargement\n- Conditionnement / emballage", "N1103");
        Assert.Contains("Charger, décharger, manutentionner des produits", TextLabels(logistics));
        Assert.Contains("Conditionner des produits", TextLabels(logistics));

        // A noun among perks is no task: "déplacement" beside "mutuelle" is travel, not "Déplacer des produits volumineux...".
        var perks = Read("c28", "Préparateur de commandes (H/F)", "Vos avantages : mutuelle, déplacement", "N1103");
        Assert.DoesNotContain("Déplacer des produits volumineux, lourds et de grandes tailles", TextLabels(perks));
        // Nor beside another noun of a verb some sheet starts a task with ("équipement").
        var more = Read("c33", "Préparateur de commandes (H/F)", "Vos avantages : mutuelle, intéressement, déplacement, équipement fourni", "N1103");
        Assert.DoesNotContain("Déplacer des produits volumineux, lourds et de grandes tailles", TextLabels(more));

        // Nouns in brackets are examples of the task before them, and a noun alone says no task with a manner of its own: a home help's
        // "rangement" is tidying up, not "Ranger des produits ou marchandises selon leurs dates de validité...".
        const string Storing = "Ranger des produits ou marchandises selon leurs dates de validité et les conditions de conservation";
        Assert.DoesNotContain(Storing, TextLabels(Read("c29", "Aide ménager (H/F)", "Entretien courant du domicile (nettoyage, rangement, etc.)", "K1304")));
        Assert.DoesNotContain(Storing, TextLabels(Read("c30", "Aide ménager (H/F)", "- Rangement, repassage", "K1304")));
    }

    [Fact]
    public void A_task_of_several_verbs_is_read_when_the_offer_says_every_verb_with_its_object()
    {
        // ROME says "Changer ou réparer une pièce ou un ensemble défectueux".
        const string Label = "Changer ou réparer une pièce ou un ensemble défectueux";
        Assert.Contains(Label, TextLabels(Read("c31", "Technicien polyvalent (H/F)", "* Changer ou réparer les pièces défectueuses", "I1203")));
        // One verb of the two does not say it (the shared-verb reading dropped on 2 Dec).
        Assert.DoesNotContain(Label, TextLabels(Read("c32", "Technicien polyvalent (H/F)", "* Changer les ampoules des pièces communes", "I1203")));
    }

    [Fact]
    public void A_quality_said_twice_in_other_words_is_read_once_as_the_quality()
    {
        // "sens du service client" is ROME's savoir "Sens du service client" and the quality "Avoir le sens du service";
        // "travailler en équipe" is ESCO's "travailler en équipe" and the quality "Avoir l'esprit d'équipe".
        var offer = Read("c34", "Vendeur en boulangerie (H/F)", "Vous avez le sens du service client et aimez travailler en équipe.", "D1102");

        var labels = offer.Skills.Select(s => Taxonomy.SkillByUri(s.SkillUri)!.LabelFr).ToList();
        Assert.Single(labels, l => l == "Avoir le sens du service");
        Assert.Single(labels, l => l == "Avoir l'esprit d'équipe");
        Assert.DoesNotContain("Sens du service client", labels);
        Assert.DoesNotContain("travailler en équipe", labels);
        // Qualities say nothing of which job, twins neither: the offer still gets its job's core items.
        Assert.Contains(offer.Skills, s => s.Source == SkillSource.Occupation);
    }

    [Fact]
    public void A_quality_field_that_names_a_twin_reads_the_quality()
    {
        var offer = OfferBuilder().Build(OfferItem("""{"id":"c35","intitule":"Serveur (H/F)","description":"Service en salle.","romeCode":"G1803","qualitesProfessionnelles":[{"libelle":"Travail en équipe","description":"Capacité à travailler avec d'autres."}]}""")).Document!;

        var fields = offer.Skills.Where(s => s.Source == SkillSource.OfferFields).Select(s => Taxonomy.SkillByUri(s.SkillUri)!.LabelFr).ToList();
        Assert.Equal(["Avoir l'esprit d'équipe"], fields);
    }

    [Fact]
    public void Relational_qualities_asked_of_the_candidate_read_as_interpersonal_communication_not_a_contact_with_materials()
    {
        // ROME's savoir "Communication interpersonnelle", asked in a word the way offers ask a quality, and counted as one.
        const string Label = "Communication interpersonnelle";
        var seller = Read("c36", "Vendeur en boulangerie (H/F)", "Vous êtes doté(e) d'un bon relationnel et avez le goût du contact client.", "D1102");
        Assert.Contains(Label, TextLabels(seller));
        Assert.Contains(seller.Skills, s => s.Source == SkillSource.Occupation);
        Assert.Contains(Label, TextLabels(Read("c37", "Assistant administratif (H/F)", "Qualités relationnelles, rigueur et discrétion.", "M1602")));
        // A contact with the materials is a craft, not people; the employer's own relations are no quality asked.
        Assert.DoesNotContain(Label, TextLabels(Read("c38", "Menuisier (H/F)", "Vous avez le goût du contact avec les matériaux et du travail manuel.", "H2206")));
        Assert.DoesNotContain(Label, TextLabels(Read("c39", "Vendeur en boulangerie (H/F)", "Notre sens du contact avec nos clients fait notre force.", "D1102")));
        Assert.DoesNotContain(Label, TextLabels(Read("c55", "Vendeur en boulangerie (H/F)", "Nous entretenons un relationnel de proximité avec nos clients.", "D1102")));
        Assert.Contains(Label, TextLabels(Read("c56", "Vendeur en boulangerie (H/F)", "Vous avez un relationnel aisé avec la clientèle.", "D1102")));
    }

    [Fact]
    public void A_proactive_candidate_is_force_de_proposition()
    {
        // ROME defines "Etre force de proposition" as "Être proactif".
        const string Label = "Etre force de proposition";
        Assert.Contains(Label, TextLabels(Read("c40", "Assistant commercial (H/F)", "Vous êtes rigoureux(se) et proactif(ve).", "D1401")));
        Assert.Contains(Label, TextLabels(Read("c41", "Assistant commercial (H/F)", "Savoir-être : dynamisme, proactivité, curiosité.", "D1401")));
        Assert.DoesNotContain(Label, TextLabels(Read("c42", "Assistant commercial (H/F)", "Vous êtes rigoureux(se) et dynamique.", "D1401")));
    }

    [Fact]
    public void Shifts_and_night_work_read_as_the_capacity_to_work_staggered_hours_unless_denied()
    {
        // ROME's savoir "Capacité à travailler en horaires décalés"; like a quality it says nothing of which job, so the core items stay.
        const string Label = "Capacité à travailler en horaires décalés";
        var operatorOffer = Read("c46", "Opérateur de production (H/F)", "Poste en horaires d'équipe 2x8, salaire 11,88 EUR brut/h.", "H2909");
        Assert.Contains(Label, TextLabels(operatorOffer));
        Assert.Contains(operatorOffer.Skills, s => s.Source == SkillSource.Occupation);
        Assert.Contains(Label, TextLabels(Read("c47", "Préparateur de commandes (H/F)", "Poste de nuit, horaires entre 18h et 4h du matin.", "N1103")));
        // Denied, or the night of someone else's care: no staggered hours asked.
        Assert.DoesNotContain(Label, TextLabels(Read("c48", "Opérateur de production (H/F)", "Horaires de journée, pas de travail de nuit.", "H2909")));
        Assert.DoesNotContain(Label, TextLabels(Read("c49", "Auxiliaire de vie (H/F)", "Forfaits garde de nuit attractifs pour nos intervenants.", "K1302")));
        // Denied in other words, and a perk (review of the tenth review): "aucun", "jamais de", "hors", "primes horaires décalés".
        Assert.DoesNotContain(Label, TextLabels(Read("c50", "Opérateur de production (H/F)", "Horaires de journée, aucun travail de nuit.", "H2909")));
        Assert.DoesNotContain(Label, TextLabels(Read("c51", "Opérateur de production (H/F)", "Jamais de travail de nuit ni de week-end.", "H2909")));
        Assert.DoesNotContain(Label, TextLabels(Read("c52", "Opérateur de production (H/F)", "Poste hors 3x8, du lundi au vendredi.", "H2909")));
        Assert.DoesNotContain(Label, TextLabels(Read("c53", "Opérateur de production (H/F)", "Avantages : primes horaires décalés, assiduité, 13e mois.", "H2909")));
        Assert.Contains(Label, TextLabels(Read("c54", "Opérateur de production (H/F)", "Travail en 2x8h, du lundi au vendredi.", "H2909")));
    }

    [Fact]
    public void A_towns_name_is_no_tool()
    {
        // IBM's AIX is a one-word tool name; Aix-les-Bains is a town, in capitals too.
        const string Label = "Système d'exploitation IBM Aix";
        Assert.DoesNotContain(Label, TextLabels(Read("c43", "Opérateur de production (H/F)", "Manpower AIX LES BAINS recherche pour son client des opérateurs.", "H2909")));
        Assert.DoesNotContain(Label, TextLabels(Read("c44", "Opérateur de production (H/F)", "Contactez votre agence Manpower d'Aix-les-Bains.", "H2909")));
        Assert.Contains(Label, TextLabels(Read("c45", "Administrateur systèmes (H/F)", "Vous administrez des serveurs AIX et Linux.", "M1801")));
    }

    // Eleventh review (3 Dec 2026): qualities and working conditions asked in other words, each a ROME 4.0 or ESCO skill with a French
    // label that says the same thing, counted as qualities.
    [Fact]
    public void Qualities_said_in_other_words_are_read_and_counted_as_qualities()
    {
        var picker = Read("e11-1", "Opérateur (H/F)",
            "Vous êtes sérieux(se), patient(e) et soigneux(se), avec l'envie d'apprendre.\nPort de charges lourdes.\nEsprit d'analyse, sens des priorités et respect des délais.", "N1103");
        var read = TextLabels(picker);
        Assert.Contains("agir de manière fiable", read);
        Assert.Contains("faire preuve de patience", read);
        Assert.Contains("Faire preuve de rigueur et de précision", read);
        Assert.Contains("démontrer une volonté d’apprendre", read);
        Assert.Contains("soulever des charges lourdes", read);
        Assert.Contains("réfléchir de manière analytique", read);
        Assert.Contains("Organiser son travail selon les priorités et les objectifs", read);
        Assert.Contains("respecter des délais", read);
        // They say nothing of which job: the offer still gets its job's usual items.
        Assert.Contains(picker.Skills, s => s.Source == SkillSource.Occupation);

        Assert.Contains("agir de manière fiable", TextLabels(Read("e11-2", "Cariste (H/F)", "Profil : ponctualité et assiduité, personne fiable.", "N1101")));
        Assert.Contains("agir de manière fiable", TextLabels(Read("e11-3", "Cariste (H/F)", "Vous êtes consciencieux et rigoureux.", "N1101")));
        var versatile = TextLabels(Read("e11-4", "Vendeur en boulangerie (H/F)", "Vous êtes polyvalent(e) et savez garder votre calme.", "D1102"));
        Assert.Contains("Etre ouvert aux changements", versatile);
        Assert.Contains("Faire preuve de contrôle de soi", versatile);
        Assert.Contains("Etre à l'écoute, faire preuve d'empathie", TextLabels(Read("e11-19", "Vendeur en boulangerie (H/F)", "Disponible et à l'écoute, vous conseillez nos clients.", "D1102")));
        Assert.Contains("travailler en extérieur", TextLabels(Read("e11-5", "Maçon (H/F)", "Vous appréciez le travail en extérieur.", "F1703")));
        Assert.Contains("travailler en milieu froid", TextLabels(Read("e11-6", "Préparateur de commandes (H/F)", "Travail en chambre froide entre 2 et 4 degrés.", "N1103")));
    }

    [Fact]
    public void Qualities_said_in_other_words_are_not_read_when_they_are_someone_elses_or_denied()
    {
        // The employer's seriousness, an adjective of size, a bonus, the equipment's reliability.
        foreach (var (id, text) in new[]
        {
            ("e11-7", "Chez nous, on prend votre parcours professionnel au sérieux."),
            ("e11-8", "Notre sérieux est reconnu dans toute la région."),
            ("e11-9", "Vous avez de sérieuses compétences en soudure."),
            ("e11-10", "Avantages : primes : horaires décalés, assiduité, ancienneté."),
            ("e11-11", "Vous assurez la fiabilité des installations."),
            // Sentences of the review of the eleventh change (not of the sample the patterns were written on).
            ("e11-r1", "Rejoignez une entreprise familiale sérieuse et dynamique."),
            ("e11-r2", "Intégrez une équipe jeune, dynamique et sérieuse."),
            ("e11-r3", "Garage sérieux recherche mécanicien."),
            ("e11-r4", "Des clients sérieux et fidèles."),
            ("e11-r5", "La sérieuse augmentation de notre activité nous amène à recruter."),
            ("e11-r6", "Vous avez de sérieuses notions de comptabilité."),
            ("e11-r7", "Vous garantissez fiabilité et qualité des données."),
            ("e11-r8", "Vous êtes garant d'un inventaire fiable."),
        })
        {
            Assert.DoesNotContain("agir de manière fiable", TextLabels(Read(id, "Technicien de maintenance (H/F)", text, "I1304")));
        }
        // Denied loads; the pupils' wish a tutor raises; the patient cared for; a job's name and a post; the agency's team; a kitchen's cold
        // station; an option.
        Assert.DoesNotContain("soulever des charges lourdes", TextLabels(Read("e11-12", "Opérateur de production (H/F)", "Poste assis, pas de port de charges.", "H2909")));
        Assert.DoesNotContain("soulever des charges lourdes", TextLabels(Read("e11-13", "Opérateur de production (H/F)", "Poste assis, aucun port de charges lourdes.", "H2909")));
        Assert.DoesNotContain("démontrer une volonté d’apprendre", TextLabels(Read("e11-14", "Professeur particulier (H/F)", "Vous saurez donner l'envie d'apprendre à vos élèves.", "K2104")));
        Assert.DoesNotContain("faire preuve de patience", TextLabels(Read("e11-15", "Aide-soignant (H/F)", "Vous êtes à l'écoute du patient et de sa famille.", "J1501")));
        Assert.DoesNotContain("Etre ouvert aux changements", TextLabels(Read("e11-16", "Agent polyvalent (H/F)", "Poste polyvalent : entretien des locaux et des espaces verts.", "K2204")));
        Assert.DoesNotContain("Etre à l'écoute, faire preuve d'empathie", TextLabels(Read("e11-20", "Cariste (H/F)", "Synergie, c'est une équipe disponible et à l'écoute qui vous accompagne.", "N1101")));
        Assert.DoesNotContain("travailler en milieu froid", TextLabels(Read("e11-17", "Commis de cuisine (H/F)", "Vous tenez le poste froid au service du midi.", "G1602")));
        Assert.DoesNotContain("travailler en milieu froid", TextLabels(Read("e11-21", "Commis de cuisine (H/F)", "Travail au poste froid et au poste chaud selon le planning.", "G1602")));
        Assert.DoesNotContain("travailler en milieu froid", TextLabels(Read("e11-18", "Préparateur de commandes (H/F)", "Avantages : possibilité de travailler dans le froid (prime).", "N1103")));
        // The review's other sentences: a job's name, a denial, a task, someone else's.
        Assert.DoesNotContain("agir de manière fiable", TextLabels(Read("e11-r9", "Technicien fiabilité (H/F)", "Vous analysez les pannes des machines.", "H1404")));
        Assert.Contains("agir de manière fiable", TextLabels(Read("e11-r10", "Employé administratif (H/F)", "Au sein d'une équipe de cinq, vous êtes sérieux et ponctuel.", "M1602")));
        foreach (var (id, text) in new[] { ("r11", "Le port de charges lourdes n'est pas requis."), ("r13", "Port de charges légères (moins de 5 kg)."), ("r14", "Des aides à la manutention limitent le port de charges lourdes.") })
        {
            Assert.False(TextLabels(Read("e11-" + id, "Préparateur de commandes (H/F)", text, "N1103")).Contains("soulever des charges lourdes"), text);
        }
        Assert.DoesNotContain("démontrer une volonté d’apprendre", TextLabels(Read("e11-r15", "Animateur (H/F)", "Vous susciterez chez les élèves l'envie d'apprendre.", "G1203")));
        Assert.DoesNotContain("Etre ouvert aux changements", TextLabels(Read("e11-r16", "Agent d'entretien (H/F)", "Un poste varié et polyvalent vous attend.", "K2204")));
        Assert.Contains("Etre ouvert aux changements", TextLabels(Read("e11-r17", "Agent d'entretien (H/F)", "Vous êtes autonome et polyvalent.", "K2204")));
        Assert.DoesNotContain("Etre à l'écoute, faire preuve d'empathie", TextLabels(Read("e11-r18", "Vendeur (H/F)", "Un manager disponible et à l'écoute vous accompagnera.", "D1214")));
        Assert.DoesNotContain("Faire preuve de contrôle de soi", TextLabels(Read("e11-r19", "Serveur (H/F)", "L'activité reste calme le matin.", "G1803")));
        Assert.DoesNotContain("travailler en extérieur", TextLabels(Read("e11-r20", "Technicien (H/F)", "Des missions à l'extérieur de l'entreprise sont à prévoir.", "I1304")));
        Assert.DoesNotContain("travailler en milieu froid", TextLabels(Read("e11-r21", "Commis de cuisine (H/F)", "Travail en cuisine froide et chaude.", "G1602")));
    }

    // 3 Dec 2026 (branch fields): an offer written as a form denies a field after a colon, which ends the sentence the readers see.
    [Fact]
    public void A_form_field_answered_no_is_not_read()
    {
        foreach (var (id, text) in new[]
        {
            ("f1", "Conditions de travail :\nPort de charges : non.\nTravail en hauteur : non."),
            ("f2", "Poste assis. Port de charges lourdes : non requis. Horaires : 8h-16h."),
            ("f3", "Environnement : atelier chauffé, port de charges : NON, travail debout."),
            ("f4", "- Port de charges : aucun\n- Déplacements : non"),
        })
        {
            Assert.False(TextLabels(Read(id, "Opérateur de montage (H/F)", text, "H2909")).Contains("soulever des charges lourdes"), text);
        }
        // A field answered yes, or with more than a denial, is read as before; a colon that only introduces is no field.
        Assert.Contains("soulever des charges lourdes", TextLabels(Read("f5", "Opérateur de montage (H/F)", "Port de charges : oui, jusqu'à 25 kg.", "H2909")));
        Assert.Contains("soulever des charges lourdes", TextLabels(Read("f6", "Opérateur de montage (H/F)", "Contraintes : port de charges lourdes et station debout.", "H2909")));
        Assert.Contains("Capacité à travailler en horaires décalés", TextLabels(Read("f7", "Opérateur de montage (H/F)", "Travail de nuit : oui. Port de charges : non.", "H2909")));
        Assert.DoesNotContain("Capacité à travailler en horaires décalés", TextLabels(Read("f8", "Opérateur de montage (H/F)", "Travail de nuit : non. Port de charges : oui.", "H2909")));
    }

    [Fact]
    public void A_driving_instructor_reads_the_licence_asked_not_every_category_taught()
    {
        // The learners' "permis de conduire" is no category; the instructor's own licence is read as written, "de catégorie B" too.
        var instructor = Read("f9", "Enseignant de la conduite (H/F)",
            "Vous accompagnez les élèves jusqu'à l'examen du permis de conduire.\nVous êtes titulaire du permis de conduire de catégorie B depuis trois ans et du BEPECASER.", "K2110");
        var licences = TextLabels(instructor).Where(l => l.StartsWith("Permis de conduire", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Permis de conduire catégorie B"], licences);
        var lorry = TextLabels(Read("f10", "Formateur poids lourd (H/F)", "Vous formez des conducteurs aux permis C et CE.\nPermis de conduire catégorie CE exigé.", "K2110"));
        Assert.Contains("Permis de conduire catégorie CE", lorry);
        Assert.DoesNotContain("Permis de conduire catégorie D", lorry);
    }

    [Fact]
    public void A_caces_is_read_by_its_category_when_its_recommendation_has_no_general_item()
    {
        var crane = TextLabels(Read("f11", "Opérateur de production (H/F)", "CACES R484 catégorie 1 exigé pour déplacer les pièces.", "H2909"));
        Assert.Contains("CACES R484 catégorie 1 - Pont roulant et portique", crane);
        Assert.Contains("Ponts roulants (CACES R 318)", TextLabels(Read("f12", "Opérateur de production (H/F)", "Vous détenez le CACES pont roulant.", "H2909")));
        Assert.Contains("Engin de chantier (CACES R 482) - Depuis le 01/01/2020", TextLabels(Read("f13", "Conducteur d'engins (H/F)", "Titulaire du CACES B1 à jour.", "F1302")));
        // Denied, and a category number that is not one ("CACES en cours").
        Assert.DoesNotContain("Ponts roulants (CACES R 318)", TextLabels(Read("f14", "Opérateur de production (H/F)", "Pas de CACES pont roulant demandé.", "H2909")));
    }

    [Fact]
    public void More_qualities_and_conditions_said_in_other_words_are_read_as_qualities()
    {
        var offer = Read("f15", "Opérateur sur presse (H/F)",
            "Poste en horaires d'équipe, du lundi au vendredi.\nVotre précision et votre autonomie sont reconnues.\nVous savez gérer votre temps et maîtrisez l'outil informatique.", "H2903");
        var read = TextLabels(offer);
        Assert.Contains("Capacité à travailler en horaires décalés", read);
        Assert.Contains("Faire preuve de rigueur et de précision", read);
        Assert.Contains("gérer le temps", read);
        Assert.Contains("utiliser des outils informatiques", read);
        // They say nothing of which job: the job's usual items stay.
        Assert.Contains(offer.Skills, s => s.Source == SkillSource.Occupation);

        Assert.Contains("Capacité à travailler en horaires décalés", TextLabels(Read("f16", "Conducteur de ligne (H/F)", "Vos horaires : équipe 2*8, une semaine sur deux.", "H2102")));
        Assert.Contains("Capacité à travailler en horaires décalés", TextLabels(Read("f17", "Conducteur de ligne (H/F)", "Travail posté en équipes alternantes.", "H2102")));
        Assert.Contains("Etre ouvert aux changements", TextLabels(Read("f18", "Manœuvre (H/F)", "Vous faites preuve d'adaptation sur les chantiers.", "F1704")));
        Assert.Contains("démontrer une volonté d’apprendre", TextLabels(Read("f19", "Manœuvre (H/F)", "Débutant ? Vous aimez apprendre de nouvelles techniques.", "F1704")));
        Assert.Contains("Faire preuve de rigueur et de précision", TextLabels(Read("f20", "Agent d'entretien (H/F)", "Vous avez le goût du travail bien fait et savez être à l'heure.", "K2204")));
        Assert.Contains("logiciels de bureautique", TextLabels(Read("f21", "Secrétaire (H/F)", "Vous maîtrisez les outils bureautiques courants.", "M1607")));
        Assert.Contains("Avoir l'esprit d'équipe", TextLabels(Read("f22", "Aide-soignant (H/F)", "Capacité à collaborer avec l'équipe soignante.", "J1501")));
        Assert.Contains("Etre à l'écoute, faire preuve d'empathie", TextLabels(Read("f23", "Serveur (H/F)", "Vous avez le sens de l'accueil et de l'écoute.", "G1803")));
        Assert.Contains("supporter la pression", TextLabels(Read("f24", "Serveur (H/F)", "Vous savez travailler sous pression lors des coups de feu.", "G1803")));
        Assert.Contains("gérer le temps", TextLabels(Read("f54", "Assistant (H/F)", "Capacité à travailler seul et à gérer votre temps.", "M1607")));
        Assert.Contains("Permis de conduire catégorie A", TextLabels(Read("f55", "Moniteur moto (H/F)", "Titulaire du BEPECASER mention deux-roues, permis A exigé.", "K2110")));
        Assert.Contains("Permis de conduire catégorie BE", TextLabels(Read("f56", "Technicien (H/F)", "Permis B obligatoire, permis remorque B.E apprécié.", "I1304")));
        Assert.Contains("Permis de conduire catégorie BE", TextLabels(Read("f57", "Technicien (H/F)", "Permis B+E exigé.", "I1304")));
        Assert.Contains("Progiciels de gestion intégrée d'entreprise (ERP)", TextLabels(Read("f58", "Magasinier (H/F)", "Vous maîtrisez un ERP, idéalement SAP.", "N1103")));
        Assert.Contains("Faire preuve de rigueur et de précision", TextLabels(Read("f59", "Opérateur (H/F)", "Vous êtes autonome et soigné.", "H2909")));
        Assert.Contains("Avoir l'esprit d'équipe", TextLabels(Read("f63", "Opérateur (H/F)", "Rigueur, esprit réel d'équipe.", "E1307")));
        Assert.Contains("travailler en extérieur", TextLabels(Read("f68", "Paysagiste (H/F)", "Vous aimez être en extérieur, par tous les temps ?", "A1203")));
        Assert.Contains("Utiliser des équipements de protection individuelle (EPI)", TextLabels(Read("f64", "Manutentionnaire (H/F)", "Vous devez avoir en votre possession des chaussures de sécurité.", "N1105")));
    }

    [Fact]
    public void More_qualities_in_other_words_are_not_read_when_they_name_a_trade_a_perk_or_someone_elses()
    {
        foreach (var (id, label, title, text, code) in new[]
        {
            // A trade's or a machine's precision, a detail, a clarification.
            ("f25", "Faire preuve de rigueur et de précision", "Tourneur (H/F)", "Entreprise de mécanique de précision, usinage haute précision de pièces aéronautiques.", "H2903"),
            ("f26", "Faire preuve de rigueur et de précision", "Technicien (H/F)", "Vous vérifiez la précision des mesures.", "H1503"),
            ("f27", "Faire preuve de rigueur et de précision", "Technicien (H/F)", "Pour plus de précision, contactez l'agence.", "H1503"),
            // The team's own shifts bonus, teamwork, and shifts denied.
            ("f28", "Capacité à travailler en horaires décalés", "Opérateur (H/F)", "Primes d'équipe et travail d'équipe dans une ambiance conviviale.", "H2909"),
            ("f29", "Capacité à travailler en horaires décalés", "Opérateur (H/F)", "Horaires de journée, sans travail posté.", "H2909"),
            // A perk of free time, a school's lunch break, the hours of work.
            ("f30", "gérer le temps", "Formateur (H/F)", "Vous bénéficiez d'une grande liberté dans la gestion de votre temps.", "K2111"),
            ("f31", "gérer le temps", "Animateur (H/F)", "Vous participez à la gestion du temps méridien des enfants.", "G1203"),
            ("f32", "gérer le temps", "Comptable (H/F)", "Vous assurez la gestion du temps de travail des salariés.", "M1203"),
            // The employer's tools.
            ("f33", "utiliser des outils informatiques", "Assistant (H/F)", "Nos outils informatiques sont renouvelés chaque année.", "M1607"),
            // Water under pressure; the pupils' wish to learn.
            ("f34", "supporter la pression", "Agent de nettoyage (H/F)", "Nettoyage des sols au jet d'eau sous pression.", "K2204"),
            ("f35", "démontrer une volonté d’apprendre", "Professeur (H/F)", "Vous aidez des élèves qui aiment apprendre à progresser.", "K2104"),
            // Sentences tried after the sample's pairs were judged: an option, a denial, the employer's or the team's, a perk, a training paid for.
            ("f36", "Faire preuve de rigueur et de précision", "Tourneur (H/F)", "Leader de l'usinage de grande précision, nous recrutons.", "H2903"),
            ("f37", "Faire preuve de rigueur et de précision", "Technicien (H/F)", "Contrôle de la qualité et précision des pièces usinées.", "H1503"),
            ("f38", "Capacité à travailler en horaires décalés", "Opérateur (H/F)", "Possibilité de passer en horaires d'équipe plus tard si vous le souhaitez.", "H2909"),
            ("f39", "Capacité à travailler en horaires décalés", "Opérateur (H/F)", "Poste en journée, pas d'horaires d'équipe.", "H2909"),
            ("f40", "utiliser des outils informatiques", "Assistant (H/F)", "La maîtrise des outils informatiques n'est pas requise.", "M1607"),
            ("f41", "utiliser des outils informatiques", "Assistant (H/F)", "Aucune connaissance en informatique n'est requise, vous serez formé à nos outils informatiques.", "M1607"),
            ("f42", "logiciels de bureautique", "Assistant (H/F)", "Pas besoin de maîtriser les outils bureautiques.", "M1607"),
            ("f43", "gérer le temps", "Formateur (H/F)", "Nous vous laissons gérer votre temps comme vous le souhaitez.", "K2111"),
            ("f44", "gérer le temps", "Formateur (H/F)", "Vous êtes libre d'organiser votre temps.", "K2111"),
            ("f45", "supporter la pression", "Serveur (H/F)", "Une équipe qui sait travailler sous pression vous accueille.", "G1803"),
            ("f46", "Etre ouvert aux changements", "Aide-soignant (H/F)", "L'équipe fait preuve d'adaptation face aux situations.", "J1501"),
            ("f47", "Avoir l'esprit d'équipe", "Aide-soignant (H/F)", "Nos managers ont la capacité à collaborer avec l'équipe.", "J1501"),
            ("f48", "Faire preuve de rigueur et de précision", "Agent d'entretien (H/F)", "Nous sommes une entreprise qui a le sens du travail bien fait.", "K2204"),
            ("f49", "Engin de chantier (CACES R 482) - Depuis le 01/01/2020", "Conducteur d'engins (H/F)", "Nous vous ferons passer le CACES B1.", "F1302"),
            ("f50", "Engin de chantier (CACES R 482) - Depuis le 01/01/2020", "Conducteur d'engins (H/F)", "Formation au CACES C1 prise en charge.", "F1302"),
            ("f51", "Engin de chantier (CACES R 482) - Depuis le 01/01/2020", "Conducteur d'engins (H/F)", "CACES B1 non requis, formation assurée.", "F1302"),
            ("f52", "Permis de conduire catégorie B", "Opérateur (H/F)", "Rigueur et précision, permis B non obligatoire.", "H2909"),
            ("f53", "soulever des charges lourdes", "Opérateur (H/F)", "Port de charges : non (aides à la manutention).", "H2909"),
            // A building open to the public, not software; a look, not care.
            ("f60", "Progiciels de gestion intégrée d'entreprise (ERP)", "Ingénieur (H/F)", "Conception d'établissements recevant du public (ERP) de catégorie 1.", "F1106"),
            ("f61", "Progiciels de gestion intégrée d'entreprise (ERP)", "Ingénieur (H/F)", "Tous types de bâtiments (ERP, industriels, logements).", "F1106"),
            ("f62", "Faire preuve de rigueur et de précision", "Vendeur (H/F)", "Présentation soignée exigée.", "D1214"),
            // Safety shoes the employer supplies, or an item of stock.
            ("f65", "Utiliser des équipements de protection individuelle (EPI)", "Manutentionnaire (H/F)", "Vos chaussures de sécurité sont fournies par l'entreprise.", "N1105"),
            ("f66", "Utiliser des équipements de protection individuelle (EPI)", "Manutentionnaire (H/F)", "Nous vous fournissons vos chaussures de sécurité.", "N1105"),
            ("f67", "Utiliser des équipements de protection individuelle (EPI)", "Magasinier (H/F)", "Gestion des consommables (vêtements de travail, chaussures de sécurité).", "N1103"),
            ("f69", "travailler en extérieur", "Technicien (H/F)", "Vous pourrez être à l'extérieur de l'agence deux jours par semaine.", "I1304"),
            ("f70", "travailler en extérieur", "Paysagiste (H/F)", "Vous n'aimez pas être en extérieur ? Ce poste n'est pas pour vous.", "A1203"),
        })
        {
            Assert.False(TextLabels(Read(id, title, text, code)).Contains(label), text);
        }
    }

    [Fact]
    public void A_whole_list_line_names_its_task_by_its_noun_and_an_object_in_other_words()
    {
        // ROME's packing sheet says "Conditionner des produits"; the offer packs small parts, on a line of its own.
        const string Packing = "Conditionner des produits";
        Assert.Contains(Packing, TextLabels(Read("c57", "Opérateur de préparation industrielle (H/F)", "Vos tâches :\n- Conditionnement de petites pièces ;\n- Sablage et marquage des pièces ;", "H3302")));
        Assert.Contains("Entreposer des produits", TextLabels(Read("c58", "Cariste (H/F)", "Vos missions :\n- Entreposage des palettes\n- Inventaires", "N1101")));
        // Not inside a sentence: the employer's trade is no task.
        Assert.DoesNotContain(Packing, TextLabels(Read("c59", "Opérateur de préparation industrielle (H/F)", "Notre client assure le conditionnement de petites pièces pour l'horlogerie.", "H3302")));
        // Not one verb of a task of several: assembling electrical systems is no "Monter et régler une installation, une machine".
        Assert.DoesNotContain("Monter et régler une installation, une machine", TextLabels(Read("c60", "Agent de production (H/F)", "Vos tâches :\n- Montage de systèmes électriques\n- Poser des joints de silicone", "H2909")));
        // Nor of verbs listed with commas: ROME's logistics sheet says "Charger, décharger, manutentionner des produits".
        Assert.DoesNotContain("Charger, décharger, manutentionner des produits", TextLabels(Read("c63", "Agent logistique (H/F)", "Vos tâches :\n- Chargement de camions", "N1103")));
    }

    [Fact]
    public void A_perk_line_is_no_task_said_in_other_words()
    {
        // ROME's logistics sheet says "Déplacer des produits volumineux, lourds et de grandes tailles"; the offer's perks say travel.
        const string Moving = "Déplacer des produits volumineux, lourds et de grandes tailles";
        Assert.DoesNotContain(Moving, TextLabels(Read("t1", "Magasinier (H/F)", "Vos avantages :\n- Déplacement de courte durée\n- Mutuelle d'entreprise", "N1103")));
        // ROME names working conditions with that noun ("Déplacements professionnels"), whatever follows it.
        Assert.DoesNotContain(Moving, TextLabels(Read("t2", "Magasinier (H/F)", "Vos avantages :\n- Déplacements de courtes durées\n- Tickets restaurant", "N1103")));
        Assert.DoesNotContain(Moving, TextLabels(Read("t3", "Magasinier (H/F)", "Nos avantages : mutuelle, intéressement, déplacements", "N1103")));
        // The task itself, its object the label's, is still read.
        Assert.Contains(Moving, TextLabels(Read("t4", "Magasinier (H/F)", "Vos missions :\n- Déplacement des produits lourds en entrepôt\n- Inventaires", "N1103")));
    }

    [Fact]
    public void One_object_of_a_task_is_read_with_its_own_complement_and_not_where_another_task_says_just_that()
    {
        // ROME's home-help sheet says "Entretenir les espaces de vie et le linge de la personne accompagnée": the living spaces are not the person's.
        const string Home = "Entretenir les espaces de vie et le linge de la personne accompagnée";
        Assert.Contains(Home, TextLabels(Read("t5", "Aide ménager (H/F)", "Chez nos bénéficiaires, vous assurez l'entretien des espaces de vie.", "K1304")));
        // Not denied, nor done by someone else.
        Assert.DoesNotContain(Home, TextLabels(Read("t6", "Aide ménager (H/F)", "L'entretien des espaces de vie n'est pas demandé, seulement la compagnie.", "K1304")));
        // A frame verb's objects are read each with their shared complement when they say three roots: ROME's vehicle sheet says
        // "Réaliser l'entretien des postes de travail et la maintenance des équipements de contrôle".
        const string Stations = "Réaliser l'entretien des postes de travail et la maintenance des équipements de contrôle";
        Assert.Contains(Stations, TextLabels(Read("t7", "Préparateur de véhicules (H/F)", "Vos tâches :\n- Lavage des véhicules\n- Entretien des postes de travail en fin de journée", "I1604")));
        Assert.DoesNotContain(Stations, TextLabels(Read("t8", "Préparateur de véhicules (H/F)", "L'entretien des postes de travail est assuré par une société extérieure.", "I1604")));
        // "Respect du code de la route" is ROME's "Respecter le code de la route", not also "... et le code du travail" beside it.
        var driver = TextLabels(Read("t9", "Chauffeur PL (H/F)", "Respect du code de la route et des horaires de livraison.", "N4101"));
        Assert.Contains("Respecter le code de la route", driver);
        Assert.DoesNotContain("Respecter le code de la route et le code du travail", driver);
    }

    [Fact]
    public void A_list_line_naming_its_task_may_say_where_it_is_done()
    {
        // ROME's precast-concrete sheet says "Couler le béton dans le moule ou le banc de précontrainte".
        const string Casting = "Couler le béton dans le moule ou le banc de précontrainte";
        Assert.Contains(Casting, TextLabels(Read("t10", "Ouvrier en préfabrication béton (H/F)", "Vos tâches :\n- Coulage du béton en atelier\n- Démoulage", "F1706")));
        // Not inside a sentence about the employer, nor another object.
        Assert.DoesNotContain(Casting, TextLabels(Read("t11", "Ouvrier en préfabrication béton (H/F)", "Notre usine est spécialisée dans le coulage du béton dans les moules.", "F1706")));
        Assert.DoesNotContain(Casting, TextLabels(Read("t12", "Ouvrier en préfabrication béton (H/F)", "Vos tâches :\n- Coulage des dalles sur chantier", "F1706")));
    }

    [Fact]
    public void Lines_the_feed_glued_together_are_read_apart()
    {
        Assert.Equal("vente de produits et services\nEncaissement et fidélisation\nMise en rayon", OfferSkillReader.Unglued("vente de produits et servicesEncaissement et fidélisationMise en rayon"));
        // Names written so, from their first letter or after a short prefix, stay whole.
        const string Names = "Word, PowerPoint, SolidWorks, bioMérieux, iPhone, eBay";
        Assert.Equal(Names, OfferSkillReader.Unglued(Names));

        // A grocery clerk's glued list: "promotionnellesGestion des stocks" asks to manage the stock.
        var clerk = Read("c61", "Employé commercial (H/F)", "Mise en place des opérations promotionnellesGestion des stocks", "D1507");
        Assert.Contains("Gérer les stocks", TextLabels(clerk));
    }

    [Fact]
    public void A_trainings_comment_that_names_a_diploma_is_read_from_the_field()
    {
        var offer = OfferBuilder().Build(OfferItem(new JsonObject
        {
            ["id"] = "c62",
            ["intitule"] = "Préparateur en pharmacie (H/F)",
            ["description"] = "Officine en centre-ville recherche un préparateur.",
            ["romeCode"] = "J1307",
            ["lieuTravail"] = new JsonObject { ["libelle"] = "74 - ANNEMASSE", ["latitude"] = 46.193, ["longitude"] = 6.234 },
            ["formations"] = new JsonArray(new JsonObject { ["niveauLibelle"] = "Bac ou équivalent", ["commentaire"] = "BP préparateur en pharmacie", ["exigence"] = "E" }),
            ["typeContrat"] = "CDI",
            ["alternance"] = false,
        }.ToJsonString())).Document!;

        var diploma = Assert.Single(offer.Skills, s => Taxonomy.SkillByUri(s.SkillUri)!.LabelFr == "BP préparateur en pharmacie");
        Assert.Equal(SkillSource.OfferFields, diploma.Source);
        Assert.Equal(SkillImportance.Essential, diploma.Importance);
    }

    private static HashSet<string> TextLabels(OfferDocument offer) =>
        [.. offer.Skills.Where(s => s.Source == SkillSource.OfferText).Select(s => Taxonomy.SkillByUri(s.SkillUri)!).Select(s => s.LabelFr ?? s.LabelEn)];

    [Theory]
    [InlineData("Chauffeur PL (H/F)", "Chauffeur poids lourd (H/F)", "Transport de marchandises en régional, départ le matin du dépôt.", "N4101")]
    [InlineData("Conducteur SPL (H/F)", "Conducteur super poids lourd (H/F)", "Transport de marchandises en semi-remorque, permis CE exigé.", "N4101")]
    public void An_abbreviation_in_the_title_reads_as_the_words_it_stands_for(string abbreviated, string written, string description, string code)
    {
        var fromAbbreviation = ClassifierFixture.Classifier.Rank(abbreviated, description, 1);
        var fromWords = ClassifierFixture.Classifier.Rank(written, description, 1);

        Assert.Equal(code, fromWords[0].Code);
        Assert.Equal(fromWords[0].Code, fromAbbreviation[0].Code);
    }

    [Theory]
    // ROME's short label "Conseiller / Conseillère de vente en immobilier" once read as four words, "conseiller" twice: the
    // offer's "Conseiller de vente bricolage" then held three of them (Dice 0.86) and read as an estate agent.
    [InlineData("Conseiller de vente bricolage", "C1504", 2 * 2 / 6.0)]
    // "Agent / Agente à domicile" (K1304) was "agent agent domicile": "Agent de soins" held two of its three words.
    [InlineData("Agent de soins", "K1304", 2 * 1 / 4.0)]
    // "Employée" stemmed to "employe" and "Employé" to "employ": the sheet's own name held three of the offer's four words.
    [InlineData("Employé / Employée de restauration collective", "G1607", 1.0)]
    [InlineData("Employée de restauration collective", "G1607", 1.0)]
    public void A_title_is_a_set_of_words_matched_gender_form_by_gender_form(string title, string code, double dice)
    {
        var candidate = ClassifierFixture.Classifier.Explain(new OfferText(title, null)).Single(c => c.Code == code);

        Assert.Equal(dice, candidate.Features[0], 3);
    }

    [Fact]
    public void The_classifier_ranks_rome4_codes_and_reads_back_the_same_from_its_cache()
    {
        var first = ClassifierFixture.Classifier.Rank("Aide-soignant de nuit (H/F)", "Vous réalisez les soins d'hygiène et de confort des résidents en EHPAD.", 3);
        Assert.Equal("J1501", first[0].Code);
        Assert.True(first[0].Score > first[1].Score);

        var again = OfferOccupationClassifier.LoadOrTrain(Taxonomy, ClassifierFixture.CacheDirectory, File.ReadAllText(Path.Combine(TaxonomyFixture.DataPath, "SHA256SUMS")), ClassifierFixture.OffersByRome)
            .Rank("Aide-soignant de nuit (H/F)", "Vous réalisez les soins d'hygiène et de confort des résidents en EHPAD.", 3);
        Assert.Equal(first, again);
    }
}
