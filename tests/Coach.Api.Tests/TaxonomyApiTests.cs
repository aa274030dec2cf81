using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Coach.Api.Tests;

public sealed class TaxonomyApiTests(CoachApiFactory factory) : IClassFixture<CoachApiFactory>
{
    [Theory]
    [InlineData("soudeur", "soud")]
    [InlineData("aide soignant", "aide-soignant")]
    [InlineData("developpeur c#", "développeu")]
    [InlineData("boulangere", "boulang")]
    [InlineData("dev c#", "développeu")]
    [InlineData("chauffeur PL", "poids lourd")]
    [InlineData("aide soignante de nuit", "aide-soignant")]
    public async Task Occupations_give_sensible_first_results(string query, string expectedInFirstLabel)
    {
        var client = await factory.CreateReadyClientAsync();

        var results = await client.GetFromJsonAsync<JsonElement[]>($"/api/taxonomy/occupations?q={Uri.EscapeDataString(query)}");

        Assert.NotNull(results);
        Assert.NotEmpty(results);
        var first = results[0];
        Assert.Contains(expectedInFirstLabel, first.GetProperty("label").GetString()!.ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Qualities_are_the_sixteen_savoir_etre_those_of_the_jobs_sheet_first_and_an_unknown_code_is_named()
    {
        var client = await factory.CreateReadyClientAsync();

        var all = await client.GetFromJsonAsync<JsonElement[]>("/api/taxonomy/qualities");
        var waiter = await client.GetFromJsonAsync<JsonElement[]>("/api/taxonomy/qualities?romeCode=g1803");
        var unknown = await client.GetAsync("/api/taxonomy/qualities?romeCode=Z9999");
        var blank = await client.GetFromJsonAsync<JsonElement[]>("/api/taxonomy/qualities?romeCode=");
        var spaced = await client.GetFromJsonAsync<JsonElement[]>("/api/taxonomy/qualities?romeCode=%20G1803%20");

        Assert.NotNull(all);
        Assert.NotNull(waiter);
        Assert.Equal(16, all.Length);
        Assert.All(all, q => Assert.False(q.GetProperty("onSheet").GetBoolean()));
        Assert.All(all, q => Assert.StartsWith("rome4:competence:", q.GetProperty("uri").GetString(), StringComparison.Ordinal));
        Assert.Equal(all.Select(q => q.GetProperty("uri").GetString()).Order(), waiter.Select(q => q.GetProperty("uri").GetString()).Order());
        Assert.Equal([true, true, true, true, false], waiter.Take(5).Select(q => q.GetProperty("onSheet").GetBoolean()));
        Assert.Contains(waiter.Take(4), q => q.GetProperty("label").GetString() == "Avoir le sens du service");
        Assert.Equal(16, blank!.Length);
        Assert.Equal(4, spaced!.Count(q => q.GetProperty("onSheet").GetBoolean()));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("romeCode", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Occupation_results_carry_both_identifiers_where_the_crosswalk_links_them()
    {
        var client = await factory.CreateReadyClientAsync();

        var results = await client.GetFromJsonAsync<JsonElement[]>("/api/taxonomy/occupations?q=aide%20soignant&limit=5");

        var first = results![0];
        Assert.StartsWith("http://data.europa.eu/esco/occupation/", first.GetProperty("escoUri").GetString(), StringComparison.Ordinal);
        Assert.Equal("J1501", first.GetProperty("romeCode").GetString());
    }

    [Fact]
    public async Task Skills_are_found_in_french_and_english()
    {
        var client = await factory.CreateReadyClientAsync();

        var fr = await client.GetFromJsonAsync<JsonElement[]>("/api/taxonomy/skills?q=souder&lang=fr&limit=5");
        var en = await client.GetFromJsonAsync<JsonElement[]>("/api/taxonomy/skills?q=welding&lang=en&limit=5");

        Assert.Contains("soud", fr![0].GetProperty("label").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("weld", en![0].GetProperty("matchedLabel").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("http://data.europa.eu/esco/skill/", en[0].GetProperty("uri").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skill_suggestions_say_their_scheme_and_the_skills_of_their_concept()
    {
        var client = await factory.CreateReadyClientAsync();

        var excel = await client.GetFromJsonAsync<JsonElement[]>("/api/taxonomy/skills?q=excel&limit=5");
        var python = await client.GetFromJsonAsync<JsonElement[]>("/api/taxonomy/skills?q=python&limit=5");

        // Excel is named by a ROME 4.0 savoir alone; Python by ESCO, with the ROME 4.0 savoir aligned to it in the same suggestion.
        Assert.Equal("Microsoft Excel", excel![0].GetProperty("label").GetString());
        Assert.Equal("rome4", excel[0].GetProperty("scheme").GetString());
        Assert.StartsWith("rome4:savoir:", excel[0].GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.Equal("esco", python![0].GetProperty("scheme").GetString());
        Assert.StartsWith("http://data.europa.eu/esco/skill/", python[0].GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.Contains(python[0].GetProperty("sameAs").EnumerateArray(), u => u.GetString()!.StartsWith("rome4:savoir:", StringComparison.Ordinal));
        Assert.DoesNotContain(python.Skip(1), s => s.GetProperty("uri").GetString()!.StartsWith("rome4:", StringComparison.Ordinal)
            && python[0].GetProperty("sameAs").EnumerateArray().Any(u => u.GetString() == s.GetProperty("uri").GetString()));
    }

    [Fact]
    public async Task Occupation_suggestions_put_rome4_job_titles_first_with_their_rome4_code()
    {
        var client = await factory.CreateReadyClientAsync();

        var results = await client.GetFromJsonAsync<JsonElement[]>("/api/taxonomy/occupations?q=d%C3%A9veloppeur%20full%20stack&limit=8");

        var first = results![0];
        Assert.Equal("rome4", first.GetProperty("source").GetString());
        Assert.Equal("Développeur / Développeuse full-stack", first.GetProperty("label").GetString());
        Assert.Equal("M1855", first.GetProperty("romeCode").GetString());
        Assert.True(first.GetProperty("appellationCode").GetInt32() > 0);
        // ESCO readings still follow, after the titles.
        Assert.Contains(results, r => r.GetProperty("source").GetString() != "rome4");
        Assert.Equal(8, results.Length);
    }

    [Fact]
    public async Task A_postcode_gives_its_commune_and_coordinates()
    {
        var client = await factory.CreateReadyClientAsync();

        var results = await client.GetFromJsonAsync<JsonElement[]>("/api/taxonomy/places?q=69003");

        var first = results![0];
        Assert.Equal("69383", first.GetProperty("inseeCode").GetString());
        Assert.Contains("Lyon", first.GetProperty("name").GetString()!, StringComparison.Ordinal);
        Assert.InRange(first.GetProperty("latitude").GetDouble(), 45.7, 45.8);
        Assert.InRange(first.GetProperty("longitude").GetDouble(), 4.8, 4.9);
    }

    [Fact]
    public async Task A_commune_name_without_accents_is_found()
    {
        var client = await factory.CreateReadyClientAsync();

        var results = await client.GetFromJsonAsync<JsonElement[]>("/api/taxonomy/places?q=saint%20etienne");

        Assert.Equal("42218", results![0].GetProperty("inseeCode").GetString());
    }

    [Theory]
    [InlineData("/api/taxonomy/skills?q=", "q")]
    [InlineData("/api/taxonomy/skills", "q")]
    [InlineData("/api/taxonomy/occupations?q=%20%20", "q")]
    [InlineData("/api/taxonomy/skills?q=soudure&lang=de", "lang")]
    [InlineData("/api/taxonomy/occupations?q=soudeur&limit=0", "limit")]
    [InlineData("/api/taxonomy/places?q=lyon&limit=500", "limit")]
    public async Task A_bad_query_is_a_400_naming_the_field(string url, string field)
    {
        var client = await factory.CreateReadyClientAsync();

        var response = await client.GetAsync(url);

        await AssertValidationProblem(response, field);
    }

    [Fact]
    public async Task A_query_of_ten_thousand_characters_is_a_400()
    {
        var client = await factory.CreateReadyClientAsync();

        var response = await client.GetAsync("/api/taxonomy/skills?q=" + new string('a', 10_000));

        await AssertValidationProblem(response, "q");
    }

    [Fact]
    public async Task A_limit_that_is_not_a_number_is_a_400()
    {
        var client = await factory.CreateReadyClientAsync();

        var response = await client.GetAsync("/api/taxonomy/skills?q=soudure&limit=many");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task AssertValidationProblem(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for '{field}'");
        Assert.NotEqual(0, messages.GetArrayLength());
    }
}
