using Microsoft.Playwright;

namespace Coach.Web.Tests;

/// <summary>Errors in words: a page for people, ProblemDetails for programs, never a stack trace.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ErrorPageTests(WebAppFixture app)
{
    [Fact]
    public async Task AnUnknownPageSaysSoInWordsWithTheNavigation()
    {
        var page = await app.NewPageAsync();
        var response = await page.GotoAsync("/cette-page-n-existe-pas");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Page introuvable");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation)).ToContainTextAsync("Mon diagnostic");
        Assert.DoesNotContain("traceId", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFormPostedWithoutItsAntiforgeryTokenIsRefusedWithAPageNotAStackTrace()
    {
        var page = await app.NewPageAsync();
        var response = await page.APIRequest.PostAsync("/seeker/answer", new()
        {
            Headers = new Dictionary<string, string> { ["Accept"] = "text/html" },
            Form = page.APIRequest.CreateFormData().Set("field", "age").Set("value", "30"),
        });

        Assert.Equal(400, response.Status);
        var body = await response.TextAsync();
        Assert.Contains("Un problème est survenu", System.Net.WebUtility.HtmlDecode(body), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProgramsStillGetProblemDetails()
    {
        var page = await app.NewPageAsync();
        var response = await page.APIRequest.GetAsync("/api/nothing-here", new() { Headers = new Dictionary<string, string> { ["Accept"] = "application/json" } });

        Assert.Equal(404, response.Status);
        Assert.StartsWith("application/problem+json", response.Headers["content-type"], StringComparison.Ordinal);
    }
}
