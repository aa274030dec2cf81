using System.Text.Json;
using System.Text.Json.Serialization;

namespace Matching.Engine.Privacy;

/// <summary>How exports are written: the same camelCase JSON the API speaks, enums as names.</summary>
internal static class PrivacyJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
