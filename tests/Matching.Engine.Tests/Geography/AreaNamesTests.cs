using Matching.Engine.Geography;

namespace Matching.Engine.Tests.Geography;

/// <summary>An employment area named as people write it, from the bassin file's capitals and its own communes.</summary>
public sealed class AreaNamesTests
{
    private static GeographyData Geo => TestData.Geography;

    [Theory]
    // Cut at a dot: the area's most populated commune the word begins; a compass letter spelled.
    [InlineData("3217", "VERSANT N-EST ROUB.TOURC.", "Versant Nord-Est Roubaix-Tourcoing")]
    // A word cut short of its commune's.
    [InlineData("5215", "FONTENAY LE CTE", "Fontenay-le-Comte")]
    [InlineData("7613", "ST GIRONS", "Saint-Girons")]
    // The communes' own spelling: accents, hyphens, articles.
    [InlineData("2704", "CHALON SUR SAONE", "Chalon-sur-Saône")]
    [InlineData("7636", "ALES LA GRAND COMBE", "Alès La Grand-Combe")]
    [InlineData("5325", "PONT L'ABBE", "Pont-l'Abbé")]
    // No commune: capitalised, particles in lower case, "D" an apostrophe.
    [InlineData("9329", "PAYS D ARLES", "Pays d'Arles")]
    [InlineData("2721", "LURE  / HERICOURT", "Lure / Héricourt")]
    // Written by a person already.
    [InlineData("1107", "T1 Paris", "T1 Paris")]
    public void An_area_reads_as_people_write_it(string code, string source, string name)
    {
        var area = Geo.EmploymentArea(code)!;

        Assert.Equal(source, area.SourceName);
        Assert.Equal(name, area.Name);
    }

    [Fact]
    public void Every_area_has_a_name_in_mixed_case_without_a_cut_word()
    {
        Assert.All(Geo.EmploymentAreas.Where(a => a.Name.Any(char.IsLetter) && a.Name.Length > 3), a =>
        {
            Assert.NotEqual(a.Name.ToUpperInvariant(), a.Name);
            Assert.DoesNotContain(".", a.Name, StringComparison.Ordinal);
        });
    }
}
