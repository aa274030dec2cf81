using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Coach.Api.Caching;
using Matching.Engine.Access;
using Matching.Engine.Coaching.Texts;

namespace Coach.Api.Tests;

/// <summary>A seeker's assessment read back from the cache says the same words as when it was computed.</summary>
public sealed class AssessmentCacheTests(CoachApiFactory factory) : IClassFixture<CoachApiFactory>
{
    [Fact]
    public async Task A_diagnosis_read_again_from_the_cache_renders_its_counts_and_nested_texts_not_raw_json()
    {
        var seeker = await factory.CreateReadyClientAsAsync(Roles.Seeker, "cache-seeker");
        var saved = await seeker.PostAsJsonAsync("/api/profiles/cache-seeker", new
        {
            targetJobs = new[] { new { label = "aide soignant", romeCode = "J1501" } },
            commune = "69383",
            searchStarted = true,
            searchStartDate = DateTime.UtcNow.Date.AddMonths(-4).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            applicationsSoFar = 25,
            interviewsSoFar = 1,
        });
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());

        var first = await seeker.GetStringAsync("/api/profiles/cache-seeker/diagnosis");
        var second = await seeker.GetStringAsync("/api/profiles/cache-seeker/diagnosis");
        var strategy = await seeker.GetStringAsync("/api/profiles/cache-seeker/strategy");

        Assert.Equal(first, second);
        Assert.Contains("1 entretien en 4 mois de recherche", second, StringComparison.Ordinal);
        foreach (var text in new[] { second, strategy })
        {
            Assert.DoesNotContain("\\u0022Noun\\u0022", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\\u0022Key\\u0022", text, StringComparison.Ordinal);
            Assert.DoesNotContain("{\"Noun\"", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_kind_of_text_argument_comes_back_with_its_type()
    {
        var text = TextRef.Of("k", "mot", 3, 4L, 0.25, 1.5m, true, new DateOnly(2026, 3, 1), TextRef.Count("interview", 2),
            TextRef.Of("nested", TextRef.Count("month", 4)), new List<TextRef> { TextRef.Of("a"), TextRef.Of("b", "x") }, new[] { "aide soignante" });

        var json = JsonSerializer.Serialize(text, CachedAssessmentSerializer.Options);
        var back = JsonSerializer.Deserialize<TextRef>(json, CachedAssessmentSerializer.Options)!;

        Assert.Equal("k", back.Key);
        Assert.Equal("mot", back.Args[0]);
        Assert.Equal(3, back.Args[1]);
        Assert.Equal(4L, back.Args[2]);
        Assert.Equal(0.25, back.Args[3]);
        Assert.Equal(1.5m, back.Args[4]);
        Assert.Equal(true, back.Args[5]);
        Assert.Equal(new DateOnly(2026, 3, 1), back.Args[6]);
        Assert.Equal(new CountRef("interview", 2), back.Args[7]);
        var nested = Assert.IsType<TextRef>(back.Args[8]);
        Assert.Equal(new CountRef("month", 4), Assert.Single(nested.Args));
        Assert.Equal(["a", "b"], Assert.IsAssignableFrom<IEnumerable<TextRef>>(back.Args[9]).Select(t => t.Key));
        Assert.Equal(["aide soignante"], Assert.IsAssignableFrom<IEnumerable<string>>(back.Args[10]));
        Assert.Throws<JsonException>(() => JsonSerializer.Serialize(TextRef.Of("k", new object()), CachedAssessmentSerializer.Options));
    }
}
