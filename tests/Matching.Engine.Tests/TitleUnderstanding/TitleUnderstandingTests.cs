using Matching.Engine.Taxonomy;
using TitleReader = Matching.Engine.Taxonomy.TitleUnderstanding;

namespace Matching.Engine.Tests.TitleUnderstanding;

public sealed class TitleUnderstandingTests
{
    private static readonly Lazy<TitleReader> s_understanding = new(() => new TitleReader(TaxonomyFixture.Taxonomy));

    private static TitleReader Understanding => s_understanding.Value;

    private static IReadOnlyList<UnderstoodTitle> Read(string text, string language = "fr") => Understanding.Understand(text, language, 5);

    [Theory]
    [InlineData("aide soignante de nuit", "J1501")]
    [InlineData("Aide-soignant (H/F) en CDI", "J1501")]
    [InlineData("chauffeur PL", "N4101")]
    [InlineData("boulangère", "D1102")]
    [InlineData("Boulanger / Boulangère", "D1102")]
    [InlineData("aide-soignant(e)", "J1501")]
    [InlineData("Serveuse en restauration H/F", "G1803")]
    [InlineData("BOULANGER CONFIRME", "D1102")]
    [InlineData("dev c#", "M1805")]
    [InlineData("developpeur informatique junior", "M1805")]
    public void ReadsFrenchTitlesWithNoiseGenderAndCase(string text, string rome)
    {
        var results = Read(text);

        Assert.NotEmpty(results);
        Assert.Contains(rome, results[0].RomeCodes);
    }

    [Fact]
    public void AmbiguousTitleListsTheGeneralOccupationNearTheTop()
    {
        // "Infirmière" alone names every nursing specialty; general care nursing (J1506) must be among the first readings.
        var results = Read("infirmière temps partiel");

        Assert.Contains(results, r => r.RomeCodes.Contains("J1506"));
        Assert.All(results, r => Assert.Contains("infirmi", r.MatchedLabel, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void ProgrammingLanguagesReadAsSoftwareDevelopment()
    {
        var results = Read("dev c#");

        Assert.Contains("M1805", results[0].RomeCodes);
        Assert.Contains("logiciel", results[0].Occupation.LabelFr, StringComparison.Ordinal);
    }

    [Fact]
    public void ToleratesTypos()
    {
        var results = Read("boulnager");

        Assert.NotEmpty(results);
        Assert.Contains("D1102", results[0].RomeCodes);
    }

    [Fact]
    public void ReadsEnglishTitles()
    {
        var results = Read("software developer", "en");

        Assert.Contains("software developer", results.Take(3).Select(r => r.Occupation.LabelEn));
    }

    [Fact]
    public void KeepsNoiseWordsWhenTheyAreTheJob()
    {
        var results = Read("veilleur de nuit");

        Assert.Contains("nuit", results[0].MatchedLabel, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void RomeTitleHitPutsItsRomeCodeFirst()
    {
        var hit = Read("Aide-soignant / Aide-soignante").First(r => r.Source == TitleSource.RomeTitle);

        Assert.Equal("J1501", hit.RomeCodes[0]);
    }

    [Fact]
    public void ResultsAreRankedAndDistinct()
    {
        var results = Understanding.Understand("cuisinier", "fr", 20);

        Assert.Equal(results.Count, results.Select(r => r.Occupation.Id).Distinct().Count());
        Assert.True(results.Zip(results.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.All(results, r => Assert.InRange(r.Score, 0, 1));
    }

    [Fact]
    public void EmptyOrMeaninglessTextGivesNothing()
    {
        Assert.Empty(Read(""));
        Assert.Empty(Read("   "));
        Assert.Empty(Read("(H/F) - ..."));
        Assert.Empty(Read("Junior H/F en CDI, temps plein"));
    }

    [Fact]
    public void RejectsUnknownLanguage() =>
        Assert.Throws<ArgumentException>("language", () => Understanding.Understand("boulanger", "de"));

    [Theory]
    [InlineData("Aide-soignant (H/F) en CDI", "aide soignant")]
    [InlineData("Boulanger confirmé à temps partiel", "boulanger")]
    [InlineData("Night shift nurse, part-time", "nurse", "en")]
    [InlineData("Dev C# / Java junior", "developpeur logiciels")]
    [InlineData("IDE de nuit", "infirmier")]
    [InlineData("Java dev (H/F)", "software developer", "en")]
    [InlineData("Vendeur en magasin H/F", "vendeur")]
    [InlineData("vendeuse en boutique", "vendeuse")]
    [InlineData("Responsable de magasin", "responsable de magasin")]
    public void StripsNoisePhrases(string title, string expected, string language = "fr") => Assert.Equal(expected, TitleNoise.Strip(title, language));
}
