using System.Buffers;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Coach.Api.Infrastructure;

/// <summary>
/// 200 with a JSON body serialized in one synchronous pass into the response's buffer, then flushed once, with the
/// app's JSON options; for large bodies (a page of matches is 30-130 KB). <see cref="TypedResults.Ok{TValue}(TValue)"/>
/// serializes in the serializer's asynchronous mode, which must be able to stop and resume at any depth of the object
/// graph: on such a page that costs about half as much again as the writing itself (docs/benchmarks.md, "HTTP (wrk)").
/// </summary>
public sealed class BufferedJson<T>(T value) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IContentTypeHttpResult
{
    public T Value => value;

    object? IValueHttpResult.Value => value;

    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public string ContentType => "application/json; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = ContentType;
        if (value is not null && !typeof(T).IsValueType && SerializedValues.Bytes(value, options) is { } bytes)
        {
            // The same value object answered again (a page kept by its use case): its bytes as written the first time.
            response.ContentLength = bytes.Length;
            await response.BodyWriter.WriteAsync(bytes, httpContext.RequestAborted);
            return;
        }
        // Kestrel keeps what is written to its buffer until the flush: nothing here waits for the network.
        using (var writer = new Utf8JsonWriter(response.BodyWriter, Writer(options)))
        {
            JsonSerializer.Serialize(writer, value, TypeInfo(options));
        }
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    private static JsonTypeInfo<T> TypeInfo(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    private static JsonWriterOptions Writer(JsonSerializerOptions options) => new() { Encoder = options.Encoder, Indented = options.WriteIndented };

    /// <summary>
    /// The JSON of value objects answered more than once. A use case that keeps what it computed (a seeker's page of
    /// matches, <c>SeekerMatchPages</c>) returns the same immutable object again: its bytes are made at its second
    /// answer and reused while the object lives (a weak table: they go with it). An object answered once leaves only
    /// a mark, so values computed per request cost no copy.
    /// </summary>
    private static class SerializedValues
    {
        private sealed class Seen(JsonSerializerOptions options)
        {
            public JsonSerializerOptions Options { get; } = options;

            public byte[]? Bytes { get; set; }
        }

        private static readonly ConditionalWeakTable<object, Seen> s_seen = new();

        public static byte[]? Bytes(object value, JsonSerializerOptions options)
        {
            if (!s_seen.TryGetValue(value, out var seen) || !ReferenceEquals(seen.Options, options))
            {
                s_seen.AddOrUpdate(value, new Seen(options));
                return null;
            }
            if (seen.Bytes is { } bytes)
            {
                return bytes;
            }
            var buffer = new ArrayBufferWriter<byte>(64 * 1024);
            using (var writer = new Utf8JsonWriter(buffer, Writer(options)))
            {
                JsonSerializer.Serialize(writer, (T)value, TypeInfo(options));
            }
            return seen.Bytes = buffer.WrittenSpan.ToArray();
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
    }
}
