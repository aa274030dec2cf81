using Matching.Engine.Text;

namespace Matching.Engine.Tests.Text;

public sealed class TokenRulesTests
{
    [Theory]
    [InlineData("soudeuses", "soudeur")]
    [InlineData("soudeurs", "soudeur")]
    [InlineData("boulangere", "boulanger")]
    [InlineData("infirmieres", "infirmier")]
    [InlineData("conductrice", "conducteur")]
    [InlineData("technicienne", "technicien")]
    [InlineData("sportive", "sportif")]
    [InlineData("soignante", "soignant")]
    [InlineData("travaux", "travau")]
    [InlineData("process", "process")]
    [InlineData("processes", "process")]
    public void Stem_makes_plural_and_feminine_forms_meet(string token, string stem)
    {
        Assert.Equal(stem, TokenRules.Stem(token));
    }

    [Theory]
    [InlineData("bus")]
    [InlineData("c++")]
    [InlineData("42000")]
    public void Stem_leaves_short_tokens_and_non_words_alone(string token)
    {
        Assert.Same(token, TokenRules.Stem(token));
    }
}
