namespace Coach.Web.Tests;

public sealed class CultureSwitchTests
{
    [Theory]
    [InlineData("/", true)]
    [InlineData("/seeker/start?x=1", true)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void TheSwitchOnlyGoesBackToALocalPage(string? back, bool local)
    {
        Assert.Equal(local, CoachWeb.IsLocal(back));
    }
}
