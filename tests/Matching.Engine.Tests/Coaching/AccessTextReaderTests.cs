using Matching.Engine.Coaching.Facts;

namespace Matching.Engine.Tests.Coaching;

/// <summary>ROME 4.0 access texts ("accès à l'emploi") as France Travail writes them, read for what the law requires.</summary>
public sealed class AccessTextReaderTests
{
    // J1501 Aide-soignant (flagged regulated).
    private const string CareAssistant = "Cet emploi est accessible avec un Diplôme d'Etat d'Aide-Soignant, obligatoire pour exercer. Le diplôme est accessible par la VAE et en contrat d'apprentissage. Il faut également une Attestation de Formation aux Gestes et Soins d'Urgence (AFGSU) en cours de validité.";

    // K2503 Agent de prévention et de sécurité (flag left blank by the export).
    private const string SecurityGuard = "Cet emploi est accessible avec un diplôme du niveau CAP au niveau BAC. Il faut également être titulaire d'une carte professionnelle délivrée par le CNAPS. Ne pas être inscrit au bulletin n°2 du casier judiciaire, et être détenteur d'un titre de séjour de plus de 5 ans pour les ressortissants étrangers hors UE.";

    // N4101 Conducteur de poids lourd (flagged regulated).
    private const string TruckDriver = "Cet emploi est accessible à tous les niveaux de qualification. Cependant le permis C ou C1 est obligatoire ainsi qu'une formation initiale minimum obligatoire (FIMO) renouvelée tous les 5 ans, la formation continue obligatoire (FCO) ou un diplôme ou titre professionnel du secteur. Des formations spécifiques comme le Certificat d'Aptitude à la Conduite En Sécurité (CACES), le Certificat de formation ADR pour le transport de matières dangereuses peuvent être nécessaires mais ne sont pas obligatoires.";

    // F1602 Electricien du bâtiment (flagged not regulated): an employer's clearance, not the law closing the job.
    private const string Electrician = "Ce métier est accessible avec un diplôme de niveau CAP/BEP à Bac +2 en électricité.\nDes Certificat(s) d'Aptitude à la Conduite En Sécurité - CACES - conditionné par une aptitude médicale à renouveler périodiquement peuvent être requis.";

    [Fact]
    public void The_state_diploma_of_a_care_assistant_is_a_legal_requirement_vae_can_deliver()
    {
        var requirements = AccessTextReader.LegalRequirements(AccessTextReader.Sentences(CareAssistant));
        Assert.Equal(["Cet emploi est accessible avec un Diplôme d'Etat d'Aide-Soignant, obligatoire pour exercer."], requirements);
        Assert.True(AccessTextReader.Regulated(true, requirements));
        Assert.True(AccessTextReader.ByVae(requirements));
    }

    [Fact]
    public void The_cnaps_card_makes_security_guards_regulated_even_without_the_flag_and_no_vae_delivers_it()
    {
        var requirements = AccessTextReader.LegalRequirements(AccessTextReader.Sentences(SecurityGuard));
        Assert.Equal(["Il faut également être titulaire d'une carte professionnelle délivrée par le CNAPS."], requirements);
        Assert.True(AccessTextReader.Regulated(null, requirements));
        Assert.False(AccessTextReader.ByVae(requirements));
    }

    [Fact]
    public void A_truck_licence_is_required_and_optional_certificates_are_not()
    {
        var requirements = AccessTextReader.LegalRequirements(AccessTextReader.Sentences(TruckDriver));
        var requirement = Assert.Single(requirements);
        Assert.StartsWith("Cependant le permis C ou C1 est obligatoire", requirement);
        Assert.False(AccessTextReader.ByVae(requirements));
        Assert.Equal((requirement, true), AccessTextReader.DrivingLicence(AccessTextReader.Sentences(TruckDriver)));
    }

    [Fact]
    public void The_regulated_flag_wins_and_optional_wording_is_no_requirement()
    {
        var requirements = AccessTextReader.LegalRequirements(AccessTextReader.Sentences(Electrician));
        Assert.Empty(requirements);
        Assert.False(AccessTextReader.Regulated(false, requirements));
        Assert.Null(AccessTextReader.Regulated(null, requirements));
        Assert.Empty(AccessTextReader.LegalRequirements(["Aucun diplôme spécifique n'est requis pour accéder à ce métier."]));
        Assert.Empty(AccessTextReader.LegalRequirements(["Un diplôme de niveau Bac+2 à bac+4 en droit est exigé pour les postes de clercs."]));
    }

    [Theory]
    [InlineData("Le permis B peut être exigé pour l'intervention à domicile.", false)]
    [InlineData("La possession d'un permis de conduire catégorie B est souvent nécessaire.", false)]
    [InlineData("Cet emploi est accessible avec un permis B, obligatoire pour la conduite.", true)]
    [InlineData("Cet emploi est accessible aux titulaires d'un permis de conduire de catégorie B valide depuis au moins deux ans.", true)]
    public void A_driving_licence_is_a_condition_or_an_asset_as_the_sheet_words_it(string sentence, bool mandatory)
    {
        Assert.Equal((sentence, mandatory), AccessTextReader.DrivingLicence([sentence]));
    }

    [Fact]
    public void A_bar_licence_is_no_driving_licence()
    {
        Assert.Null(AccessTextReader.DrivingLicence(["Un permis d'exploitation est obligatoire pour tout gérant de débit de boissons."]));
    }
}
