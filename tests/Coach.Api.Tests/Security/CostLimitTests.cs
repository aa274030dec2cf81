using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Coach.Web;
using Microsoft.Extensions.Logging;

namespace Coach.Api.Tests.Security;

/// <summary>
/// The rate limits with their default budgets, on the real app: people using Coach normally never meet them, several
/// of them behind one address included; a script hammering the costly paths (API or pages) does, and is told so
/// with a 429 whatever it accepts, logged once.
/// </summary>
public sealed class CostLimitTests : IClassFixture<CostLimitTests.Factory>
{
    private readonly Factory _factory;

    public CostLimitTests(Factory factory) => _factory = factory;

    public sealed class Factory : IDisposable
    {
        public CoachApiFactory App { get; } = new() { Logs = new CollectingLogs() };

        public CollectingLogs Logs => (CollectingLogs)App.Logs!;

        public void Dispose() => App.Dispose();
    }

    private const string Questionnaire = """
        {"targetJobs":[{"label":"aide soignante"}],"commune":"69383","radiusKm":25,"yearsOfExperienceInTarget":1,
         "searchStarted":true,"applicationsSoFar":10,"interviewsSoFar":1}
        """;

    /// <summary>An anonymous browser (its seeker cookie) at a network address.</summary>
    private HttpClient Browser(string cookie, string address)
    {
        var client = From(address);
        client.DefaultRequestHeaders.Add("Cookie", $"{CurrentUser.SeekerCookie}={cookie}");
        return client;
    }

    private HttpClient From(string address)
    {
        var client = _factory.App.CreateClient();
        client.DefaultRequestHeaders.Add(CoachApiFactory.RemoteAddressHeader, address);
        return client;
    }

    [Fact]
    public async Task Thirty_people_behind_one_address_each_using_coach_normally_never_meet_a_limit()
    {
        await _factory.App.CreateReadyClientAsync();
        await _factory.App.WaitForIndexAsync();
        var refused = new List<string>();
        // Thirty people in one office (one address behind its NAT). Each types a job (autocomplete), gets a diagnosis
        // five times as they refine their answers, and opens their results page three times: more than a minute of
        // real use, all in the same minute.
        for (var person = 0; person < 30; person++)
        {
            using var browser = Browser($"web-{person:x16}", "203.0.113.10");
            foreach (var prefix in new[] { "a", "ai", "aid", "aide", "aide s", "aide so", "aide soi", "aide soig" })
            {
                Record(await browser.GetAsync($"/api/taxonomy/occupations?q={Uri.EscapeDataString(prefix)}"));
            }
            for (var i = 0; i < 5; i++)
            {
                Record(await browser.PostAsync("/api/coach/diagnose", new StringContent(Questionnaire, Encoding.UTF8, "application/json")));
                if (i < 3)
                {
                    Record(await browser.GetAsync("/seeker"));
                }
            }
        }

        Assert.Empty(refused);

        void Record(HttpResponseMessage response)
        {
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused.Add(response.RequestMessage!.RequestUri!.PathAndQuery);
            }
        }
    }

    [Fact]
    public async Task A_script_hammering_the_diagnosis_is_refused_and_told_when_to_come_back()
    {
        using var script = From("198.51.100.7");
        script.DefaultRequestHeaders.Add("Accept", "text/html");
        var errorsBefore = _factory.Logs.Entries.Count(e => e.Level >= LogLevel.Error);

        var (refusal, sent) = await HammerAsync(() => script.PostAsync("/api/coach/diagnose", new StringContent("""{"age":"x"}""", Encoding.UTF8, "application/json")));

        Assert.InRange(sent, 2, 2000);
        Assert.Equal("application/problem+json", refusal.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, (await refusal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        Assert.NotNull(refusal.Headers.RetryAfter?.Delta);
        // Refused again and again (what refills every 10 s is spent at once): one warning for this caller per minute,
        // no error, no stack trace.
        var firstMinute = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60;
        for (var refusals = 0; refusals < 20;)
        {
            var (_, more) = await HammerAsync(() => script.PostAsync("/api/coach/diagnose", new StringContent("""{"age":"x"}""", Encoding.UTF8, "application/json")));
            refusals++;
            Assert.InRange(more, 1, 2000);
        }
        var minutes = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 - firstMinute + 1;
        var warnings = _factory.Logs.Entries.Count(e => e.Message.StartsWith("Rate limit reached by address:198.51.100.7 ", StringComparison.Ordinal));
        Assert.InRange(warnings, 1, minutes);
        Assert.Equal(errorsBefore, _factory.Logs.Entries.Count(e => e.Level >= LogLevel.Error));
    }

    [Fact]
    public async Task A_script_reloading_the_results_page_is_refused_with_a_page()
    {
        using var script = Browser("web-5c12a7f0e3b94d61", "198.51.100.8");
        script.DefaultRequestHeaders.Add("Accept", "text/html");

        var (refusal, sent) = await HammerAsync(() => script.GetAsync("/seeker"));

        Assert.InRange(sent, 2, 2000);
        Assert.Equal("text/html", refusal.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Attendez une minute", await refusal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_script_hammering_lookups_is_refused_too()
    {
        using var script = _factory.App.CreateClientAs("recruiter", "cost-limit-script");

        var (refusal, _) = await HammerAsync(() => script.GetAsync("/api/taxonomy/skills?q=soudage"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refusal.StatusCode);
        // Another person is not affected.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await _factory.App.CreateClientAs("recruiter", "cost-limit-other").GetAsync("/api/taxonomy/skills?q=soudage")).StatusCode);
    }

    /// <summary>Sends until refused (at most 2000 requests); the refusal and how many were sent.</summary>
    private static async Task<(HttpResponseMessage Refusal, int Sent)> HammerAsync(Func<Task<HttpResponseMessage>> send)
    {
        for (var sent = 1; sent <= 2000; sent++)
        {
            var response = await send();
            Assert.True((int)response.StatusCode < 500, $"request {sent}: {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return (response, sent);
            }
        }
        throw new Xunit.Sdk.XunitException("2000 requests and no 429.");
    }
}
