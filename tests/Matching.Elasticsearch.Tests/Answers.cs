using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Matching.Engine.Indexing;

namespace Matching.Elasticsearch.Tests;

/// <summary>Response bodies in the shapes of Elastic's specification (each test validates the ones it serves).</summary>
internal static class Answers
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public const string Shards = """{"total":1,"successful":1,"skipped":0,"failed":0}""";

    public static JsonObject Hit(string index, string id, double score, object doc, long shardDoc) => new()
    {
        ["_index"] = index,
        ["_id"] = id,
        ["_score"] = score,
        ["_source"] = new JsonObject { ["doc"] = JsonSerializer.SerializeToNode(doc, Json) },
        ["sort"] = new JsonArray(score, shardDoc),
    };

    /// <param name="relation">"eq", or "gte" when the cluster stopped counting at track_total_hits.</param>
    public static JsonObject Search(IEnumerable<JsonObject> hits, long? total = null, JsonObject? aggregations = null, string pitId = "cGl0LWlk", string relation = "eq")
    {
        var list = new JsonArray([.. hits]);
        var body = new JsonObject
        {
            ["took"] = 3,
            ["timed_out"] = false,
            ["_shards"] = JsonNode.Parse(Shards),
            ["pit_id"] = pitId,
            ["hits"] = new JsonObject
            {
                ["total"] = total is { } t ? new JsonObject { ["value"] = t, ["relation"] = relation } : null,
                ["max_score"] = null,
                ["hits"] = list,
            },
        };
        if (total is null)
        {
            ((JsonObject)body["hits"]!).Remove("total");
        }
        if (aggregations is not null)
        {
            body["aggregations"] = aggregations;
        }
        return body;
    }

    public static JsonObject BulkItem(string op, string index, string id, int status, string? result, string? errorType = null, string? reason = null)
    {
        var item = new JsonObject { ["_index"] = index, ["_id"] = id, ["status"] = status };
        if (result is not null)
        {
            item["result"] = result;
            item["_version"] = 1;
            item["_seq_no"] = 0;
            item["_primary_term"] = 1;
            item["_shards"] = JsonNode.Parse("""{"total":2,"successful":1,"failed":0}""");
        }
        if (errorType is not null)
        {
            item["error"] = new JsonObject { ["type"] = errorType, ["reason"] = reason };
        }
        return new JsonObject { [op] = item };
    }

    public static JsonObject Bulk(params JsonObject[] items) => new()
    {
        ["errors"] = items.Any(i => i.First().Value!["error"] is not null),
        ["took"] = 12,
        ["items"] = new JsonArray([.. items]),
    };

    public static OfferDocument Offer(JsonNode hit) => JsonSerializer.Deserialize<OfferDocument>(hit["_source"]!["doc"]!, Json)!;
}
