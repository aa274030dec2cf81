using System.Text.Json;
using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Json;

namespace Matching.Engine.Tests.Json;

public sealed class StrictJsonTests
{
    private sealed record Item(string Name);

    private sealed record Request(IReadOnlyList<Item>? Items, IReadOnlyList<string?>? Optional, string[]? Codes, double? Years, List<Item>? Nested = null);

    private static readonly JsonSerializerOptions s_options = StrictJson.Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    [Theory]
    [InlineData("""{"items":[{"name":"a"},null]}""", "items[1]")]
    [InlineData("""{"codes":["a",null]}""", "codes[1]")]
    [InlineData("""{"years":"NaN"}""", "years")]
    [InlineData("""{"years":"-Infinity"}""", "years")]
    public void A_null_element_or_a_non_finite_number_fails_the_read_naming_the_field(string json, string field)
    {
        var error = Assert.Throws<JsonFieldException>(() => JsonSerializer.Deserialize<Request>(json, s_options));

        Assert.Equal(field, error.FullField);
    }

    [Fact]
    public void A_list_declared_with_nullable_elements_keeps_its_nulls()
    {
        var request = JsonSerializer.Deserialize<Request>("""{"optional":["a",null],"years":"2.5"}""", s_options)!;

        Assert.Equal(["a", null], request.Optional!);
        Assert.Equal(2.5, request.Years);
    }

    [Fact]
    public void The_questionnaire_store_reads_with_the_same_rules()
    {
        var error = Assert.Throws<JsonFieldException>(() =>
            JsonSerializer.Deserialize<SeekerProfile>("""{"pastJobs":[{"label":"soudeur","years":"NaN"}]}""", SeekerStore.JsonOptions));

        Assert.Equal("pastJobs[0].years", error.FullField);
    }
}
