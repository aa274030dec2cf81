using Matching.Engine.Text;

namespace Matching.Engine.Tests.Text;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("Électricien / Électricienne du Bâtiment", "electricien electricienne du batiment")]
    [InlineData("Saint-Étienne", "saint etienne")]
    [InlineData("ÇA VA, Noël ?", "ca va noel")]
    [InlineData("Œnologue au cœur de l'Ærø", "oenologue au coeur de l aero")]
    [InlineData("Straße", "strasse")]
    [InlineData("Soudeur / Soudeuse à l’arc", "soudeur soudeuse a l arc")]
    [InlineData("  Aide -- soignant  ", "aide soignant")]
    [InlineData("e\u0301cole", "ecole")]
    [InlineData("Łódź", "lodz")]
    public void Normalize_drops_accents_case_punctuation_and_spells_out_ligatures(string text, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(text));
    }

    [Theory]
    [InlineData("Développeur C#", "developpeur c#")]
    [InlineData("C++ / C", "c++ c")]
    [InlineData("F#, C#, C++.", "f# c# c++")]
    [InlineData(".NET (C#)", "net c#")]
    [InlineData("#hashtag", "hashtag")]
    [InlineData("a + b", "a b")]
    [InlineData("bac+2", "bac 2")]
    public void Normalize_keeps_hash_and_plus_only_when_glued_to_the_end_of_a_word(string text, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(text));
    }

    [Fact]
    public void Normalize_handles_texts_longer_than_the_stack_buffer()
    {
        var text = string.Concat(Enumerable.Repeat("Pâtissière ", 100));

        var normalized = TextNormalizer.Normalize(text);

        Assert.Equal(string.Join(' ', Enumerable.Repeat("patissiere", 100)), normalized);
    }

    [Fact]
    public void Tokenize_returns_the_normalized_words_in_order()
    {
        Assert.Equal(["chauffeur", "pl", "c++"], TextNormalizer.Tokenize("Chauffeur (PL) — C++"));
        Assert.Empty(TextNormalizer.Tokenize(" - / "));
        Assert.Empty(TextNormalizer.Tokenize(""));
    }

    [Theory]
    [InlineData("Boulanger / Boulangère", "Boulanger", "Boulangère")]
    [InlineData("Abatteur / Abatteuse de carrière", "Abatteur de carrière", "Abatteuse de carrière")]
    [InlineData(
        "Accastilleur-monteur / Accastilleuse-monteuse électronique de marine",
        "Accastilleur-monteur électronique de marine",
        "Accastilleuse-monteuse électronique de marine")]
    [InlineData(
        "Accastilleur(se)-monteur(se) électronique de marine",
        "Accastilleur-monteur électronique de marine",
        "Accastilleuse-monteuse électronique de marine")]
    [InlineData("Aide-soignant / Aide-soignante", "Aide-soignant", "Aide-soignante")]
    [InlineData("directeur technique/directrice technique", "directeur technique", "directrice technique")]
    [InlineData("souscripteur IARD/souscriptrice IARD", "souscripteur IARD", "souscriptrice IARD")]
    public void GenderForms_splits_the_masculine_and_feminine_forms_of_the_data(string label, string masculine, string feminine)
    {
        Assert.Equal([masculine, feminine], TextNormalizer.GenderForms(label));
    }

    [Theory]
    [InlineData(
        "Accompagnateur(trice) médicosocial(e) vie journalière",
        "Accompagnateur médicosocial vie journalière",
        "Accompagnatrice médicosociale vie journalière")]
    [InlineData("Infirmier(ère) de nuit", "Infirmier de nuit", "Infirmière de nuit")]
    [InlineData("Technicien(ne) SAV", "Technicien SAV", "Technicienne SAV")]
    [InlineData("Moniteur(trice) sportif(ve)", "Moniteur sportif", "Monitrice sportive")]
    [InlineData("Serveur(euse) en restauration", "Serveur en restauration", "Serveuse en restauration")]
    [InlineData(
        "Agent / Agente d'administration principal / principale des douanes",
        "Agent d'administration principal des douanes",
        "Agente d'administration principale des douanes")]
    [InlineData(
        "Agent / Agente de maintenance automaticien / automaticienne",
        "Agent de maintenance automaticien",
        "Agente de maintenance automaticienne")]
    public void GenderForms_applies_the_short_suffixes_and_chained_alternatives(string label, string masculine, string feminine)
    {
        Assert.Equal([masculine, feminine], TextNormalizer.GenderForms(label));
    }

    [Theory]
    [InlineData("Cariste")]
    [InlineData("agent import/export")]
    [InlineData("Agent de sécurité (SSIAP 1)")]
    public void GenderForms_returns_a_label_without_gender_pattern_alone(string label)
    {
        Assert.Equal([label], TextNormalizer.GenderForms(label));
    }

    [Fact]
    public void GenderForms_keeps_the_shared_tail_with_a_slash_inside_it()
    {
        Assert.Equal(
            ["Agent de fabrication en production/transformation du verre", "Agente de fabrication en production/transformation du verre"],
            TextNormalizer.GenderForms("Agent / Agente de fabrication en production/transformation du verre"));
    }
}
