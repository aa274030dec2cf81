using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Matching.Engine.Ingest;

/// <summary>Reads a bulk profiles body, a JSON array or NDJSON, one item at a time.</summary>
public static class ProfileIngestReader
{
    public static IAsyncEnumerable<IngestItem<ProfileInput>> ReadAsync(Stream body, CancellationToken cancellationToken = default) =>
        IngestStream.ReadAsync<ProfileInput>(body, Bind, IngestStream.DefaultMaxItemBytes, cancellationToken);

    public static IngestItem<ProfileInput> Read(JsonElement item, int index = 0) => IngestStream.Bind<ProfileInput>(index, null, item, Bind);

    private static JsonTypeInfo Bind(JsonElement _) => IngestJsonContext.Default.ProfileInput;
}
