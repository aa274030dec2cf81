using System.Text;
using System.Text.Json;
using Matching.Engine.Ingest;
using static Matching.Engine.Tests.Ingest.IngestTestData;

namespace Matching.Engine.Tests.Ingest;

public sealed class OfferIngestReaderTests
{
    private const string Coach = """{"id":"c1","title":"Développeur C#","occupation":"M1805"}""";
    private const string FranceTravail = """{"id":"ft1","intitule":"Aide-soignant (H/F)","romeCode":"J1501"}""";

    [Fact]
    public async Task Array_and_ndjson_bodies_give_the_same_items()
    {
        var array = await ToListAsync(OfferIngestReader.ReadAsync(Body($"[{Coach},\n{FranceTravail}]")));
        var ndjson = await ToListAsync(OfferIngestReader.ReadAsync(Body($"{Coach}\n{FranceTravail}\n")));

        foreach (var items in new[] { array, ndjson })
        {
            Assert.Equal(2, items.Count);
            Assert.All(items, i => Assert.True(i.IsValid));
            Assert.Equal(["c1", "ft1"], items.Select(i => i.Id));
            Assert.Equal([0, 1], items.Select(i => i.Index));
            Assert.Equal("Développeur C#", Assert.IsType<OfferInput>(items[0].Value).Title);
            Assert.Equal("J1501", Assert.IsType<FranceTravailOffer>(items[1].Value).RomeCode);
        }
        Assert.Equal([null, null], array.Select(i => i.Line));
        Assert.Equal([1, 2], ndjson.Select(i => i.Line));
    }

    [Fact]
    public async Task A_bad_ndjson_line_is_an_error_item_and_the_next_items_still_come()
    {
        var body = $"{Coach}\n{{\"id\":\"broken\", \"title\": \n\n   \n{FranceTravail}\n";

        var items = await ToListAsync(OfferIngestReader.ReadAsync(Body(body)));

        Assert.Equal(3, items.Count);
        Assert.True(items[0].IsValid);
        var bad = items[1];
        Assert.False(bad.IsValid);
        Assert.Equal(1, bad.Index);
        Assert.Equal(2, bad.Line);
        Assert.StartsWith("Invalid JSON", Assert.Single(bad.Errors["$"]));
        Assert.True(items[2].IsValid);
        Assert.Equal(2, items[2].Index);
        Assert.Equal(5, items[2].Line);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_names_its_field_and_keeps_the_id()
    {
        var body = """
            {"id":"x1","title":"t","occupation":"M1805","place":{"latitude":"north","longitude":2}}
            {"id":"x2","title":"t","skills":[{"uri":"u"},{"uri":"v","mustHave":"yes"}]}
            """;

        var items = await ToListAsync(OfferIngestReader.ReadAsync(Body(body)));

        Assert.Equal("x1", items[0].Id);
        Assert.Equal(["Expected a number."], items[0].Errors!["place.latitude"]);
        Assert.Equal("x2", items[1].Id);
        Assert.Equal(["Expected true or false."], items[1].Errors!["skills[1].mustHave"]);
    }

    [Fact]
    public async Task A_line_with_a_lone_surrogate_is_that_lines_error_and_the_other_lines_go_on()
    {
        var body = $"{Coach}\n" + """{"id":"\ud800","title":"t","occupation":"M1805"}""" + "\n"
            + """{"id":"ok","title":"t","occupation":"M1805","description":"x\udc00y"}""" + $"\n{FranceTravail}\n";

        var items = await ToListAsync(OfferIngestReader.ReadAsync(Body(body)));

        Assert.Equal(4, items.Count);
        Assert.True(items[0].IsValid);
        Assert.False(items[1].IsValid);
        Assert.Null(items[1].Id);
        Assert.Contains("\\ud800", Assert.Single(items[1].Errors!["id"]), StringComparison.Ordinal);
        Assert.False(items[2].IsValid);
        Assert.Equal("ok", items[2].Id);
        Assert.True(items[3].IsValid);
    }

    [Fact]
    public async Task A_single_item_array_with_a_lone_surrogate_is_an_error_item()
    {
        var items = await ToListAsync(OfferIngestReader.ReadAsync(Body("""[{"id":"\ud800","title":"x"}]""")));

        var item = Assert.Single(items);
        Assert.False(item.IsValid);
        Assert.True(item.Errors!.ContainsKey("id"));
    }

    [Fact]
    public async Task A_line_with_invalid_utf8_is_that_lines_error()
    {
        var body = Encoding.UTF8.GetBytes(Coach + "\n").Concat(new byte[] { (byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}', (byte)'\n' })
            .Concat(Encoding.UTF8.GetBytes("""{"id":"x","title":"caf""")).Concat(new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes("\",\"occupation\":\"M1805\"}\n")).ToArray();

        var items = await ToListAsync(OfferIngestReader.ReadAsync(new MemoryStream(body)));

        Assert.Equal(3, items.Count);
        Assert.True(items[0].IsValid);
        Assert.True(items[1].Errors!.ContainsKey("$"));
        Assert.Contains("UTF-8", Assert.Single(items[2].Errors!["title"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[A] B C")]
    [InlineData("[A]\n{\"id\":\"b\"}\n{\"id\":\"c\"}\n")]
    [InlineData("[A],[A]")]
    public async Task Data_after_the_array_is_an_error_not_dropped(string template)
    {
        var items = await ToListAsync(OfferIngestReader.ReadAsync(Body(template.Replace("A", Coach, StringComparison.Ordinal))));

        Assert.Equal(2, items.Count);
        Assert.True(items[0].IsValid);
        Assert.False(items[1].IsValid);
        Assert.Contains("data follows the end of the array", Assert.Single(items[1].Errors!["$"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_fields_are_ignored()
    {
        var body = """[{"id":"c1","title":"t","occupation":"M1805","tenant":{"deep":[1,2,{"x":null}]},"score":3.5}]""";

        var item = Assert.Single(await ToListAsync(OfferIngestReader.ReadAsync(Body(body))));

        Assert.True(item.IsValid);
        Assert.Equal("M1805", Assert.IsType<OfferInput>(item.Value).Occupation);
    }

    [Fact]
    public async Task A_syntax_error_inside_an_array_ends_it_with_an_error_item_after_the_good_items()
    {
        var body = $"[{Coach}, {FranceTravail}, {{\"id\": \"z\" \"title\": 1}}, {Coach}]";

        var items = await ToListAsync(OfferIngestReader.ReadAsync(Body(body)));

        Assert.Equal(3, items.Count);
        Assert.True(items[0].IsValid);
        Assert.True(items[1].IsValid);
        Assert.Equal(2, items[2].Index);
        Assert.Contains("rest of the array was not read", Assert.Single(items[2].Errors!["$"]));
    }

    [Theory]
    [InlineData("""[{"id":"a","title":"t"}""", "Invalid JSON: the array is not closed.")]
    [InlineData("""[{"id":"a","title":"t"}, {"id":""", "Invalid JSON: the body ends inside an item.")]
    [InlineData("""[{"id":"a","title":"t"} {"id":"b"}]""", "Invalid JSON, the rest of the array was not read: expected ',' or ']' after item 0.")]
    public async Task A_truncated_or_malformed_array_keeps_its_good_items_and_says_what_is_wrong(string body, string error)
    {
        var items = await ToListAsync(OfferIngestReader.ReadAsync(Body(body)));

        Assert.Equal(2, items.Count);
        Assert.Equal("a", items[0].Id);
        Assert.True(items[0].IsValid);
        Assert.Equal(1, items[1].Index);
        Assert.Equal([error], items[1].Errors!["$"]);
    }

    [Fact]
    public async Task An_array_element_that_is_not_an_object_is_an_error_item()
    {
        var items = await ToListAsync(OfferIngestReader.ReadAsync(Body($"[42, {Coach}, null]")));

        Assert.Equal(3, items.Count);
        Assert.Equal(["An item must be a JSON object, not number."], items[0].Errors!["$"]);
        Assert.True(items[1].IsValid);
        Assert.False(items[2].IsValid);
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(3)]
    public async Task A_france_travail_search_response_is_read_as_its_resultats(int bytesPerRead)
    {
        var body = Encoding.UTF8.GetBytes($$"""
            {"resultats": [{{FranceTravail}}, {"id":"ft2","intitule":"Développeur","romeCode":"M1805"}],
             "filtresPossibles": [{"filtre":"typeContrat","agregation":[{"valeurPossible":"CDI","nbResultats":1}]}]}
            """);

        var items = await ToListAsync(OfferIngestReader.ReadAsync(new TrickleStream(body, bytesPerRead)));

        Assert.Equal(["ft1", "ft2"], items.Select(i => i.Id));
        Assert.All(items, i => Assert.IsType<FranceTravailOffer>(i.Value));
    }

    [Fact]
    public async Task An_ndjson_object_that_merely_has_a_resultats_field_is_an_item()
    {
        var items = await ToListAsync(OfferIngestReader.ReadAsync(Body($"{{\"id\":\"r\",\"resultats\":[]}}\n{Coach}")));

        Assert.Equal(["r", "c1"], items.Select(i => i.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n\n ")]
    [InlineData("[]")]
    [InlineData("\uFEFF [ ]")]
    public async Task An_empty_body_has_no_items(string body)
    {
        Assert.Empty(await ToListAsync(OfferIngestReader.ReadAsync(Body(body))));
    }

    [Fact]
    public async Task A_byte_order_mark_and_crlf_line_ends_are_accepted()
    {
        var items = await ToListAsync(OfferIngestReader.ReadAsync(Body($"\uFEFF{Coach}\r\n\r\n{FranceTravail}\r\n")));

        Assert.Equal(["c1", "ft1"], items.Select(i => i.Id));
        Assert.All(items, i => Assert.True(i.IsValid));
        Assert.Equal([1, 3], items.Select(i => i.Line));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public async Task Items_split_across_reads_are_reassembled(int bytesPerRead)
    {
        var lines = Enumerable.Range(0, 50).Select(i => $$"""{"id":"o{{i}}","title":"Offre n°{{i}} — développeur","occupation":"M1805"}""").ToArray();
        var ndjson = Encoding.UTF8.GetBytes(string.Join('\n', lines));
        var array = Encoding.UTF8.GetBytes("[" + string.Join(",\n", lines) + "]");

        var fromNdjson = await ToListAsync(OfferIngestReader.ReadAsync(new TrickleStream(ndjson, bytesPerRead)));
        var fromArray = await ToListAsync(OfferIngestReader.ReadAsync(new TrickleStream(array, bytesPerRead)));

        var expected = Enumerable.Range(0, 50).Select(i => $"o{i}").ToArray();
        Assert.Equal(expected, fromNdjson.Select(i => i.Id));
        Assert.Equal(expected, fromArray.Select(i => i.Id));
        Assert.All(fromNdjson.Concat(fromArray), i => Assert.Equal($"Offre n°{i.Index} — développeur", Assert.IsType<OfferInput>(i.Value).Title));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1 << 20)]
    public async Task A_line_over_the_size_limit_is_an_error_and_reading_resumes_at_the_next_line(int bytesPerRead)
    {
        var huge = $$"""{"id":"big","title":"{{new string('x', 5_000)}}"}""";
        var body = Encoding.UTF8.GetBytes($"{Coach}\n{huge}\n{FranceTravail}");

        var items = await ToListAsync(IngestStream.ReadAsync<OfferInput>(new TrickleStream(body, bytesPerRead), _ => IngestJsonContext.Default.OfferInput, 1_000, CancellationToken.None));

        Assert.Equal(3, items.Count);
        Assert.Equal("c1", items[0].Id);
        Assert.Equal(["The item is larger than 1000 bytes."], items[1].Errors!["$"]);
        Assert.Equal(2, items[1].Line);
        Assert.Equal("ft1", items[2].Id);
        Assert.Equal(3, items[2].Line);
    }

    [Theory]
    [InlineData("""{"id":"a","intitule":"x"}""", true)]
    [InlineData("""{"id":"a","lieuTravail":{"commune":"69383"}}""", true)]
    [InlineData("""{"id":"a","romeCode":"M1805"}""", true)]
    [InlineData("""{"id":"a","title":"x","romeCode":"M1805"}""", false)]
    [InlineData("""{"id":"a","title":"x","intitule":"y"}""", false)]
    [InlineData("""{"id":"a","romeCode":"M1805","skills":[]}""", false)]
    [InlineData("""{"id":"a"}""", false)]
    public void France_travail_items_are_told_apart_by_their_fields(string json, bool franceTravail)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(franceTravail, OfferIngestReader.IsFranceTravail(document.RootElement));
    }
}
