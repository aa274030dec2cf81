using Matching.Engine.Privacy;

namespace Matching.Engine.Tests.Privacy;

public sealed class PseudonymsTests : IDisposable
{
    private readonly PrivacyStore _store = new();

    [Fact]
    public void A_seeker_keeps_one_pseudonym_per_recruiter_and_recruiters_cannot_link_theirs()
    {
        var p = _store.Pseudonyms;

        Assert.Equal(p.For("recruiter-1", "seeker-1"), p.For("recruiter-1", "seeker-1"));
        Assert.NotEqual(p.For("recruiter-1", "seeker-1"), p.For("recruiter-2", "seeker-1"));
        Assert.NotEqual(p.For("recruiter-1", "seeker-1"), p.For("recruiter-1", "seeker-2"));
        Assert.NotEqual(p.For("ab", "c"), p.For("a", "bc"));
        Assert.StartsWith(Pseudonyms.Prefix, p.For("recruiter-1", "seeker-1"), StringComparison.Ordinal);
        Assert.DoesNotContain("seeker-1", p.For("recruiter-1", "seeker-1"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_pseudonym_depends_on_the_key()
    {
        var other = new Pseudonyms(PseudonymKey.FromBase64(Convert.ToBase64String(new byte[32])), _store.Database);

        Assert.NotEqual(_store.Pseudonyms.For("recruiter-1", "seeker-1"), other.For("recruiter-1", "seeker-1"));
    }

    [Fact]
    public void A_generated_development_key_survives_a_restart()
    {
        var folder = Path.Combine(_store.Root, "cache");
        var again = new Pseudonyms(PseudonymKey.Load(null, folder), _store.Database);

        Assert.Equal(_store.Pseudonyms.For("r", "s"), again.For("r", "s"));
    }

    [Fact]
    public void Only_the_recruiter_who_was_shown_a_pseudonym_can_resolve_it()
    {
        var issued = _store.Pseudonyms.Issue("recruiter-1", ["seeker-1", "seeker-2"]);

        Assert.Equal("seeker-2", _store.Pseudonyms.Resolve("recruiter-1", issued[1]));
        Assert.Null(_store.Pseudonyms.Resolve("recruiter-2", issued[1]));
        Assert.Null(_store.Pseudonyms.Resolve("recruiter-1", _store.Pseudonyms.For("recruiter-1", "seeker-3")));
        Assert.True(_store.Pseudonyms.WasShown("recruiter-1", "seeker-1"));
        Assert.False(_store.Pseudonyms.WasShown("recruiter-2", "seeker-1"));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void A_bad_configured_key_is_refused_naming_the_setting(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => PseudonymKey.FromBase64(key));

        Assert.Contains("Coach:PseudonymKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_key_outside_development_loading_fails_with_the_setting_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PseudonymKey.Load(null, null));

        Assert.Contains("Coach:PseudonymKey", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _store.Dispose();
}
