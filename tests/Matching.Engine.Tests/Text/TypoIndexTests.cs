using Matching.Engine.Text;

namespace Matching.Engine.Tests.Text;

public sealed class TypoIndexTests
{
    private static readonly string[] s_vocabulary = ["infirmier", "infirmiere", "boulanger", "soudeur", "boudeur", "developer", "developpeur", "web"];
    private static readonly TypoIndex s_index = TypoIndex.Build(s_vocabulary);

    private static string[] Find(string query, int maxDistance)
    {
        var found = new List<(int Token, int Distance)>();
        s_index.Find(query, maxDistance, found);
        return [.. found.Select(f => s_vocabulary[f.Token]).Order(StringComparer.Ordinal)];
    }

    [Theory]
    [InlineData("infirmier", "infirmeir", 1)]
    [InlineData("boulanger", "boulnager", 1)]
    [InlineData("soudeur", "boudeur", 1)]
    [InlineData("developpeur", "developer", 2)]
    [InlineData("abc", "abc", 0)]
    [InlineData("soudeur", "boulanger", 6)]
    public void Distance_counts_substitutions_insertions_deletions_and_adjacent_swaps(string a, string b, int expected)
    {
        Assert.Equal(Math.Min(expected, 3), TypoIndex.Distance(a, b, 2));
    }

    [Fact]
    public void Find_returns_the_tokens_within_the_distance_but_not_the_token_itself()
    {
        Assert.Equal(["infirmier", "infirmiere"], Find("infirmeir", 2));
        Assert.Equal(["boudeur"], Find("soudeur", 1));
        Assert.Equal(["developer"], Find("developpeur", 2));
        Assert.Empty(Find("developpeur", 1));
    }

    [Fact]
    public void Find_catches_a_typo_past_the_indexed_prefix()
    {
        // Only the first 7 chars are indexed; the full distance check still sees the end of the word.
        Assert.Equal(["boulanger"], Find("boulangre", 1));
        Assert.Empty(Find("boulangrrr", 1));
    }
}
