using System.Text.Json;
using Matching.Engine.Ingest;

namespace Matching.Engine.Tests.Ingest;

public sealed class IngestItemResultTests
{
    [Fact]
    public void A_result_serialises_in_camel_case_with_field_names_kept_as_keys()
    {
        var result = new IngestItemResult("a1", 3, IngestStatus.Invalid, new Dictionary<string, string[]> { ["skills[3].uri"] = ["Unknown ESCO skill URI."] }, ["competences[0]: no ESCO skill for 'x'."]);

        var json = JsonSerializer.Serialize(result, IngestJsonContext.Default.IngestItemResult);

        Assert.Equal("""{"id":"a1","index":3,"status":"Invalid","errors":{"skills[3].uri":["Unknown ESCO skill URI."]},"warnings":["competences[0]: no ESCO skill for \u0027x\u0027."]}""", json);
    }

    [Fact]
    public void A_stored_result_has_no_errors_field()
    {
        var json = JsonSerializer.Serialize(new IngestItemResult("a1", 0, IngestStatus.Created, null, []), IngestJsonContext.Default.IngestItemResult);

        Assert.Equal("""{"id":"a1","index":0,"status":"Created","warnings":[]}""", json);
    }
}
