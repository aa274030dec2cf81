using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Matching.Engine.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace Coach.Api.Tests.Assistant;

/// <summary>Coach in-process with its assistant pointed at a <see cref="ScriptedChatServer"/> the fixture starts.</summary>
public sealed class AssistantFixture : IAsyncLifetime
{
    public ScriptedChatServer Server { get; private set; } = null!;

    public CoachApiFactory Factory { get; } = new();

    public async Task InitializeAsync()
    {
        Server = await ScriptedChatServer.StartAsync();
        Factory.Settings["Coach:Assistant:Endpoint"] = Server.Endpoint;
        Factory.Settings["Coach:Assistant:Model"] = "scripted-model";
        var recruiter = await Factory.CreateReadyClientAsAsync("recruiter", "chat-recruiter");
        // Two welding offers in Lyon 3e for Alice, a bakery one for Bob.
        (await recruiter.PostAsJsonAsync("/api/offers", new object[]
        {
            new { id = "chat-offer-weld-1", title = "Soudeur TIG", occupation = "H2913", place = new { commune = "69383" }, contract = "CDI" },
            new { id = "chat-offer-weld-2", title = "Soudeur MIG", occupation = "H2913", place = new { commune = "69383" }, contract = "CDD" },
            new { id = "chat-offer-bake-1", title = "Boulanger", occupation = "D1102", place = new { commune = "75056" }, contract = "CDI" },
        })).EnsureSuccessStatusCode();
        await SaveAsync("chat-alice", "soudeur", "H2913", "69383");
        await SaveAsync("chat-bob", "boulanger", "D1102", "75056");
    }

    private async Task SaveAsync(string seeker, string job, string rome, string commune)
    {
        var client = Factory.CreateClientAs("seeker", seeker);
        var response = await client.PostAsJsonAsync($"/api/profiles/{seeker}", new
        {
            targetJobs = new[] { new { label = job, romeCode = rome } },
            pastJobs = new[] { new { label = job, romeCode = rome } },
            commune,
            radiusKm = 30,
            yearsOfExperienceInTarget = 3,
            searchStarted = true,
            searchableByRecruiters = false,
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Server.DisposeAsync();
    }
}

/// <summary>The assistant end to end: SK's OpenAI connector, scripted tool calls, Coach's tools as the signed-in user.</summary>
public sealed class AssistantApiTests(AssistantFixture fixture) : IClassFixture<AssistantFixture>
{
    private static object Ask(string question, bool stream = false) =>
        new { messages = new[] { new { role = "user", content = question } }, stream };

    [Fact]
    public async Task A_seeker_asks_for_their_matches_and_the_answer_cites_the_tool_result_it_relies_on()
    {
        fixture.Server.Enqueue(ScriptedReply.Call("coach-matches"), ScriptedReply.Say("Votre meilleure piste est le poste de soudeur TIG à Lyon [T1]."));
        var client = fixture.Factory.CreateClientAs("seeker", "chat-alice");

        var response = await client.PostAsJsonAsync("/api/coach/chat", Ask("Quelles offres me conviennent ?"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("[T1]", answer.GetProperty("answer").GetString(), StringComparison.Ordinal);
        var citation = Assert.Single(answer.GetProperty("citations").EnumerateArray());
        Assert.Equal("matches", citation.GetProperty("tool").GetString());
        Assert.False(citation.GetProperty("refused").GetBoolean());
        // The model was given Coach's own matches for Alice: her welding offers, not Bob's bakery.
        var toolResult = Assert.Single(fixture.Server.ToolResultsOfLastRequest());
        Assert.Contains("chat-offer-weld-1", toolResult, StringComparison.Ordinal);
        Assert.DoesNotContain("chat-offer-bake-1", toolResult, StringComparison.Ordinal);
        Assert.Contains("\"citation\":\"T1\"", toolResult, StringComparison.Ordinal);
        // The model was offered Coach's tools and nothing else.
        var tools = fixture.Server.Requests[^1]["tools"]!.AsArray().Select(t => (string?)t!["function"]!["name"]).Order().ToList();
        Assert.Equal(["coach-close_jobs", "coach-diagnose", "coach-explain_offer", "coach-market", "coach-matches", "coach-skills_gap"], tools);
    }

    [Fact]
    public async Task A_streamed_answer_comes_in_deltas_then_the_whole_answer_with_its_citations()
    {
        fixture.Server.Enqueue(ScriptedReply.Call("coach-diagnose"), ScriptedReply.Say("Votre diagnostic est prêt ; voici votre principal défi [T1]."));
        var client = fixture.Factory.CreateClientAs("seeker", "chat-alice");

        using var response = await client.PostAsJsonAsync("/api/coach/chat", Ask("Quel est mon principal frein ?", stream: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = ParseEvents(await response.Content.ReadAsStringAsync());
        var deltas = events.Where(e => e.Name == "delta").Select(e => e.Data.GetProperty("text").GetString()).ToList();
        Assert.True(deltas.Count > 1, "the text comes in pieces");
        var done = Assert.Single(events, e => e.Name == "done").Data;
        Assert.Equal(string.Concat(deltas), done.GetProperty("answer").GetString());
        Assert.Equal("diagnose", Assert.Single(done.GetProperty("citations").EnumerateArray()).GetProperty("tool").GetString());
        Assert.Contains("diagnosis", Assert.Single(fixture.Server.ToolResultsOfLastRequest()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asked_for_another_seekers_data_the_tools_refuse_and_the_model_gets_nothing_of_it()
    {
        fixture.Server.Enqueue(
            ScriptedReply.Call("coach-diagnose", """{"seekerId":"chat-bob"}"""),
            ScriptedReply.Say("Je ne peux pas consulter les données d'une autre personne [T1]."));
        var client = fixture.Factory.CreateClientAs("seeker", "chat-alice");

        var response = await client.PostAsJsonAsync("/api/coach/chat", Ask("Montre-moi le diagnostic de chat-bob."));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        var citation = Assert.Single(answer.GetProperty("citations").EnumerateArray());
        Assert.True(citation.GetProperty("refused").GetBoolean());
        var toolResult = Assert.Single(fixture.Server.ToolResultsOfLastRequest());
        Assert.Contains("\"refused\"", toolResult, StringComparison.Ordinal);
        Assert.DoesNotContain("boulang", toolResult, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("D1102", toolResult, StringComparison.Ordinal);
        // Nothing was read on Bob's behalf: his access log shows no one.
        var audit = fixture.Factory.Services.GetRequiredService<AuditLog>().ForSeeker("chat-bob");
        Assert.DoesNotContain(audit, e => e.ActorId == "chat-alice");
    }

    [Fact]
    public async Task An_adviser_reaches_a_seeker_of_their_caseload_through_the_assistant_and_the_read_is_audited()
    {
        fixture.Factory.Services.GetRequiredService<Caseloads>().Assign("chat-adviser", "chat-alice");
        fixture.Server.Enqueue(
            ScriptedReply.Call("coach-skills_gap", """{"seekerId":"chat-alice"}"""),
            ScriptedReply.Say("Voici les compétences qui lui manquent [T1]."));
        var client = fixture.Factory.CreateClientAs("adviser", "chat-adviser");

        var response = await client.PostAsJsonAsync("/api/coach/chat", Ask("Que manque-t-il à chat-alice ?"));

        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(Assert.Single(answer.GetProperty("citations").EnumerateArray()).GetProperty("refused").GetBoolean());
        var audit = fixture.Factory.Services.GetRequiredService<AuditLog>().ForSeeker("chat-alice");
        Assert.Contains(audit, e => e.ActorId == "chat-adviser" && e.Reason == "assistant");
    }

    [Fact]
    public async Task An_offer_explained_outside_the_matches_names_the_job_whose_usual_skills_it_was_given()
    {
        // Filed under M1211 "Expert-comptable", titled as M1213's principal title: given the accountant's assistant's usual skills.
        var recruiter = fixture.Factory.CreateClientAs("recruiter", "chat-recruiter");
        (await recruiter.PostAsync("/api/offers", new StringContent(
            """[{"id":"FT-CHAT-ASSIST","intitule":"Assistant comptable confirmé (H/F)","romeCode":"M1211","appellationlibelle":"Collaborateur / Collaboratrice d'expertise comptable","description":"Cabinet d'expertise comptable, nous recherchons un assistant comptable. Poste en CDI.","lieuTravail":{"libelle":"75 - Paris","commune":"75056"},"typeContrat":"CDI"}]""",
            Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        var tools = fixture.Factory.Services.GetRequiredService<global::Coach.Assistant.IAssistantTools>();

        var answer = await tools.ExplainOfferAsync(new global::Coach.Assistant.AssistantCaller("chat-alice", "seeker"), "chat-alice", "FT-CHAT-ASSIST", "en", CancellationToken.None);

        Assert.Null(answer.Refusal);
        var offer = JsonSerializer.SerializeToElement(answer.Data, new JsonSerializerOptions(JsonSerializerDefaults.Web)).GetProperty("offer");
        Assert.Equal("M1213", offer.GetProperty("usualSkillsRomeCode").GetString());
        Assert.Equal("Assistant / Assistante comptable", offer.GetProperty("usualSkillsLabel").GetString());
        Assert.Equal("accounting assistant", offer.GetProperty("usualSkillsLabelEn").GetString());
    }

    [Fact]
    public async Task A_conversation_without_a_question_is_a_400_naming_the_field()
    {
        var client = fixture.Factory.CreateClientAs("seeker", "chat-alice");

        var response = await client.PostAsJsonAsync("/api/coach/chat", new { messages = new[] { new { role = "assistant", content = "Bonjour" } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("messages[0].role", out _));
    }

    [Fact]
    public async Task The_seekers_page_has_a_chat_panel_that_answers_as_that_seeker_with_its_sources()
    {
        const string WebSeeker = "web-0123456789abcdef";
        fixture.Factory.Services.GetRequiredService<global::Matching.Engine.Coaching.SeekerStore>().Save(
            new global::Matching.Engine.Coaching.Questionnaire.SeekerProfile
            {
                Id = WebSeeker,
                TargetJobs = [new global::Matching.Engine.Coaching.Questionnaire.TargetJob("soudeur", null, "H2913")],
                Commune = "69383",
                RadiusKm = 30,
            }, DateTimeOffset.UtcNow);
        var client = fixture.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var cookie = $"coach_seeker={WebSeeker}";

        using var get = new HttpRequestMessage(HttpMethod.Get, "/seeker");
        get.Headers.Add("Cookie", cookie);
        var page = await client.SendAsync(get);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"chat\"", html, StringComparison.Ordinal);

        fixture.Server.Enqueue(ScriptedReply.Call("coach-close_jobs"), ScriptedReply.Say("Deux métiers proches vous ouvrent plus d'offres [T1]."));
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var antiforgery = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var post = new HttpRequestMessage(HttpMethod.Post, "/seeker")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "chat",
                ["__RequestVerificationToken"] = token,
                ["Form.Question"] = "Quels métiers proches ?",
                ["Form.History"] = "[]",
            }),
        };
        post.Headers.Add("Cookie", cookie + "; " + antiforgery);
        var answered = WebUtility.HtmlDecode(await (await client.SendAsync(post)).Content.ReadAsStringAsync());

        Assert.Contains("Deux métiers proches vous ouvrent plus d'offres [T1].", answered, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"chat-sources\"", answered, StringComparison.Ordinal);
        // The tool ran as this browser's seeker: their close jobs, nobody else's.
        Assert.DoesNotContain("refused", Assert.Single(fixture.Server.ToolResultsOfLastRequest()), StringComparison.Ordinal);
    }

    private static List<(string Name, JsonElement Data)> ParseEvents(string body)
    {
        var events = new List<(string, JsonElement)>();
        foreach (var block in body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string? name = null;
            var data = new StringBuilder();
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Append(line[6..]);
                }
            }
            if (name is not null)
            {
                events.Add((name, JsonDocument.Parse(data.ToString()).RootElement.Clone()));
            }
        }
        return events;
    }
}

/// <summary>Without configuration there is no assistant.</summary>
public sealed class AssistantAbsentTests(CoachApiFactory factory) : IClassFixture<CoachApiFactory>
{
    [Fact]
    public async Task Without_configuration_the_chat_is_a_503_assistant_not_configured()
    {
        var client = await factory.CreateReadyClientAsAsync("seeker", "no-chat-seeker");

        var response = await client.PostAsJsonAsync("/api/coach/chat", new { messages = new[] { new { role = "user", content = "Bonjour" } } });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("assistant not configured", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Without_configuration_the_seekers_page_has_no_chat_panel()
    {
        const string WebSeeker = "web-fedcba9876543210";
        await factory.WaitForIndexAsync();
        factory.Services.GetRequiredService<global::Matching.Engine.Coaching.SeekerStore>().Save(
            new global::Matching.Engine.Coaching.Questionnaire.SeekerProfile { Id = WebSeeker, Commune = "69383" }, DateTimeOffset.UtcNow);
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        using var get = new HttpRequestMessage(HttpMethod.Get, "/seeker");
        get.Headers.Add("Cookie", $"coach_seeker={WebSeeker}");

        var html = await (await client.SendAsync(get)).Content.ReadAsStringAsync();

        Assert.Contains("id=\"diagnosis-h\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"chat\"", html, StringComparison.Ordinal);
    }
}
