using System.Text.Json.Serialization;

namespace Matching.Engine.Indexing.Embedded;

/// <summary>Source-generated JSON of the stored documents: no reflection on the write and Get paths.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(OfferDocument))]
[JsonSerializable(typeof(ProfileDocument))]
[JsonSerializable(typeof(PlaceArea))]
internal sealed partial class DocumentJsonContext : JsonSerializerContext;
