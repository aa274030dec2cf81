using System.Text.Json;
using System.Text.Json.Serialization;

namespace Matching.Engine.Ingest;

/// <summary>
/// Source-generated serialisation of the ingest wire models (camelCase). Reading is lenient on
/// case and on numbers sent as strings, because bulk feeds come from many tools; unknown fields
/// are ignored.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = true,
    ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(OfferInput))]
[JsonSerializable(typeof(FranceTravailOffer))]
[JsonSerializable(typeof(ProfileInput))]
[JsonSerializable(typeof(IngestItemResult))]
[JsonSerializable(typeof(IReadOnlyList<IngestItemResult>))]
public sealed partial class IngestJsonContext : JsonSerializerContext;
