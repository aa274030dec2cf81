using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Coach.Api.Tests;

/// <summary>
/// The defects a hostile-input campaign found, one test each: every one was a 500, a silent loss or a leak;
/// each must be a 4xx ProblemDetails naming what is wrong, or the item's own error.
/// </summary>
public sealed class HostileInputTests(CoachApiFactory factory) : IClassFixture<CoachApiFactory>
{
    private const string Welding = "http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab";

    private static string Offer(string id) =>
        $$"""{"id":"{{id}}","title":"Soudeur TIG","occupation":"H2913","place":{"commune":"69383"},"contract":"CDI"}""";

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static StringContent Body(string json, string type = "application/json") => new(json, Encoding.UTF8, type);

    private static async Task AssertProblemNaming(HttpResponseMessage response, string field, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {text}");
    }

    [Fact]
    public async Task A_request_without_a_body_is_told_so_in_the_clients_words()
    {
        var client = await factory.CreateReadyClientAsync();

        var response = await client.PostAsync("/api/coach/diagnose", Body(""));

        await AssertProblemNaming(response, "profile");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("A JSON body is required.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Service", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lone_surrogate_line_is_that_lines_error_and_the_other_lines_are_stored()
    {
        var admin = await factory.CreateReadyClientAsAsync("admin", "hostile-admin");
        var ndjson = $"{Offer("surrogate-1")}\n" + """{"id":"\ud800","title":"x"}""" + $"\n{Offer("surrogate-2")}\n";

        var response = await admin.PostAsync("/api/offers", Body(ndjson, "application/x-ndjson"));
        var single = await admin.PostAsync("/api/offers", Body("""[{"id":"\ud800","title":"x"}]"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(2, body.GetProperty("created").GetInt32());
        Assert.Equal(1, body.GetProperty("invalid").GetInt32());
        Assert.True(body.GetProperty("items")[1].GetProperty("errors").TryGetProperty("id", out _));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/offers/surrogate-2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        Assert.Equal(1, (await Json(single)).GetProperty("invalid").GetInt32());
    }

    [Fact]
    public async Task Data_after_an_array_sent_as_ndjson_is_an_error_not_dropped()
    {
        var admin = await factory.CreateReadyClientAsAsync("admin", "hostile-admin");

        var response = await admin.PostAsync("/api/offers", Body($"[{Offer("trailing-a")}] {Offer("trailing-b")} {Offer("trailing-c")}", "application/x-ndjson"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(1, body.GetProperty("invalid").GetInt32());
        Assert.Contains("data follows the end of the array", body.GetProperty("items")[1].GetProperty("errors").GetProperty("$")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/coach/diagnose", """{"targetJobs":[null]}""", "targetJobs[0]")]
    [InlineData("/api/coach/diagnose", """{"skills":[null]}""", "skills[0]")]
    [InlineData("/api/coach/diagnose", """{"pastJobs":[{"label":"soudeur","years":"NaN"}]}""", "pastJobs[0].years")]
    [InlineData("/api/profiles/hostile-seeker", """{"targetJobs":[null]}""", "targetJobs[0]")]
    [InlineData("/api/profiles/hostile-seeker", """{"targetJobs":[{"label":"soudeur"}],"skills":[null]}""", "skills[0]")]
    public async Task A_null_list_element_or_nan_in_a_questionnaire_is_a_400_naming_the_field(string path, string json, string field)
    {
        var seeker = await factory.CreateReadyClientAsAsync("seeker", "hostile-seeker");

        await AssertProblemNaming(await seeker.PostAsync(path, Body(json)), field);
    }

    [Theory]
    [InlineData("""{"niceToHave":["SKILL"],"contracts":[null]}""", "contracts[0]")]
    [InlineData("""{"niceToHave":["SKILL"],"minExperienceYears":"NaN"}""", "minExperienceYears")]
    [InlineData("""{"niceToHave":["SKILL"],"mustHave":[null]}""", "mustHave[0]")]
    public async Task A_null_list_element_or_nan_in_a_search_is_a_400_naming_the_field(string json, string field)
    {
        var recruiter = await factory.CreateReadyClientAsAsync("recruiter", "hostile-recruiter");

        await AssertProblemNaming(await recruiter.PostAsync("/api/search/candidates", Body(json.Replace("SKILL", Welding, StringComparison.Ordinal))), field);
    }

    [Fact]
    public async Task A_null_advice_in_a_review_is_a_400_naming_it()
    {
        var seeker = await factory.CreateReadyClientAsAsync("seeker", "hostile-reviewed");
        Assert.Equal(HttpStatusCode.Created, (await seeker.PostAsJsonAsync("/api/profiles/hostile-reviewed", new { targetJobs = new[] { new { romeCode = "H2913" } } })).StatusCode);
        var admin = await factory.CreateReadyClientAsAsync("admin", "hostile-admin");

        await AssertProblemNaming(await admin.PostAsync("/api/reviews/hostile-reviewed", Body("""{"grade":"Bad","advice":[null]}""")), "advice[0]");
    }

    [Fact]
    public async Task Json_with_the_wrong_content_type_is_a_415_problem()
    {
        var client = await factory.CreateReadyClientAsync();

        var response = await client.PostAsync("/api/coach/diagnose", Body("{}", "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("application/json", (await Json(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_method_a_path_does_not_take_is_a_405_with_allow()
    {
        var client = await factory.CreateReadyClientAsync();

        var response = await client.DeleteAsync("/api/coach/diagnose");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("""{"age":"abc"}""", "age", "line 1, column 13")]
    [InlineData("{\n  \"age\": 31,\n  \"commune\": ", "commune", "line 3")]
    [InlineData("""{"targetJobs":{"label":"x"}}""", "targetJobs", "Expected an array")]
    public async Task Unreadable_json_names_the_field_and_the_position(string json, string field, string says)
    {
        var client = await factory.CreateReadyClientAsync();

        var response = await client.PostAsync("/api/coach/diagnose", Body(json));

        await AssertProblemNaming(response, field);
        var errors = (await Json(response)).GetProperty("errors").GetProperty(field);
        Assert.Contains(says, errors[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_type_in_the_query_names_the_parameter()
    {
        var admin = await factory.CreateReadyClientAsAsync("admin", "hostile-admin");

        await AssertProblemNaming(await admin.GetAsync("/api/profiles/anyone/matches?size=abc"), "size");
    }

    [Fact]
    public async Task A_very_long_id_in_the_path_is_a_problem_not_a_bare_414()
    {
        var admin = await factory.CreateReadyClientAsAsync("admin", "hostile-admin");

        var response = await admin.GetAsync("/api/offers/" + new string('a', 70_000));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_rejected_token_keeps_its_error_code_but_not_why()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.TokenFor("seeker", "hostile-token") + "x");

        var response = await client.GetAsync("/api/me/export");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = string.Join(",", response.Headers.WwwAuthenticate.Select(h => h.ToString()));
        Assert.Contains("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
        Assert.DoesNotContain("error_description", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_file_is_a_404_problem_not_a_401()
    {
        var response = await factory.CreateClient().GetAsync("/no-such-file.png");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
