using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coach.Web.Tests;

/// <summary>The adviser's and the recruiter's pages need their role: a browser signs in first.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageAccessTests(WebAppFixture app)
{
    [Theory]
    [InlineData("/adviser")]
    [InlineData("/recruiter")]
    public async Task An_anonymous_browser_is_sent_to_sign_in(string path)
    {
        var page = await app.NewPageAsync();

        await page.GotoAsync(path);

        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#role")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_sign_in_id_is_checked_by_the_browser_without_a_console_error()
    {
        // Chromium compiles a pattern with the "v" flag, where a bare "-" at the end of a class is an error: the pattern was
        // then ignored (and logged as an error), so a wrong id reached the server.
        var page = await app.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        await page.GotoAsync("/signin");
        await page.FillAsync("#userId", "jean dupont");

        Assert.False(await page.EvalOnSelectorAsync<bool>("#userId", "e => e.validity.valid"));
        await page.FillAsync("#userId", "jean.dupont@example-1");
        Assert.True(await page.EvalOnSelectorAsync<bool>("#userId", "e => e.validity.valid"));
        Assert.Empty(errors);
        // The French page names the roles in French, their values kept.
        Assert.Equal("Conseiller (adviser)", (await page.Locator("#role option[value=adviser]").TextContentAsync())?.Trim());
    }

    [Fact]
    public async Task A_seeker_cannot_open_the_adviser_queue()
    {
        var page = await app.NewPageAsAsync("seeker", "web-curious-seeker");

        await page.GotoAsync("/adviser");

        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);
        Assert.Contains("denied=1", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_adviser_signs_in_and_reaches_the_queue()
    {
        var page = await app.NewPageAsAsync("adviser", "web-adviser-2");

        await page.GotoAsync("/adviser");

        Assert.EndsWith("/adviser", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_seeker_answers_under_their_account()
    {
        var page = await app.NewPageAsAsync("seeker", "web-account-seeker");

        var id = await SeekerSteps.FillQuestionnaireAsync(page, consent: false);

        Assert.Equal("web-account-seeker", id);
        Assert.NotNull(app.Services.GetRequiredService<Matching.Engine.Coaching.SeekerStore>().Get("web-account-seeker"));
    }
}
