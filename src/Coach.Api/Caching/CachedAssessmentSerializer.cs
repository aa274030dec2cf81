using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Matching.Engine.Coaching.Texts;
using Microsoft.Extensions.Caching.Hybrid;

namespace Coach.Api.Caching;

/// <summary>
/// How a cached assessment is written to the cache (every read of HybridCache deserializes, memory included, and Redis
/// shares the bytes between instances). The texts of an assessment are <see cref="TextRef"/>s whose arguments are
/// <c>object</c>s (numbers, words, nested texts, counts with their noun): plain JSON would read them back as
/// <see cref="JsonElement"/>s, which render as raw JSON ("{"Noun":"interview","Value":1}" instead of "1 entretien").
/// Here each argument is written with its type and read back as that type.
/// </summary>
public sealed class CachedAssessmentSerializer : IHybridCacheSerializer<CachedAssessment>
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        Converters = { new TextRefConverter() },
    };

    public CachedAssessment Deserialize(ReadOnlySequence<byte> source)
    {
        var reader = new Utf8JsonReader(source);
        return JsonSerializer.Deserialize<CachedAssessment>(ref reader, Options) ?? throw new JsonException("An empty cache entry.");
    }

    public void Serialize(CachedAssessment value, IBufferWriter<byte> target)
    {
        using var writer = new Utf8JsonWriter(target);
        JsonSerializer.Serialize(writer, value, Options);
    }
}

/// <summary>A <see cref="TextRef"/> with typed arguments: <c>{"key":"…","args":[{"t":"i","v":3}, …]}</c>.</summary>
public sealed class TextRefConverter : JsonConverter<TextRef>
{
    public override TextRef Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return ReadText(document.RootElement);
    }

    public override void Write(Utf8JsonWriter writer, TextRef value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        WriteText(writer, value);
    }

    private static void WriteText(Utf8JsonWriter writer, TextRef text)
    {
        writer.WriteStartObject();
        writer.WriteString("key", text.Key);
        writer.WriteStartArray("args");
        foreach (var arg in text.Args)
        {
            WriteArg(writer, arg);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteArg(Utf8JsonWriter writer, object? arg)
    {
        writer.WriteStartObject();
        switch (arg)
        {
            case null:
                writer.WriteString("t", "null");
                break;
            case string s:
                writer.WriteString("t", "s");
                writer.WriteString("v", s);
                break;
            case bool b:
                writer.WriteString("t", "b");
                writer.WriteBoolean("v", b);
                break;
            case int i:
                writer.WriteString("t", "i");
                writer.WriteNumber("v", i);
                break;
            case long l:
                writer.WriteString("t", "l");
                writer.WriteNumber("v", l);
                break;
            case double d:
                writer.WriteString("t", "d");
                writer.WriteNumber("v", d);
                break;
            case float f:
                writer.WriteString("t", "f");
                writer.WriteNumber("v", f);
                break;
            case decimal m:
                writer.WriteString("t", "m");
                writer.WriteNumber("v", m);
                break;
            case DateOnly day:
                writer.WriteString("t", "date");
                writer.WriteString("v", day.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset at:
                writer.WriteString("t", "time");
                writer.WriteString("v", at);
                break;
            case TextRef nested:
                writer.WriteString("t", "text");
                writer.WritePropertyName("v");
                WriteText(writer, nested);
                break;
            case CountRef count:
                writer.WriteString("t", "count");
                writer.WriteString("noun", count.Noun);
                writer.WriteNumber("v", count.Value);
                break;
            case IEnumerable<TextRef> texts:
                writer.WriteString("t", "texts");
                writer.WriteStartArray("v");
                foreach (var t in texts)
                {
                    WriteText(writer, t);
                }
                writer.WriteEndArray();
                break;
            case IEnumerable<string> words:
                writer.WriteString("t", "strings");
                writer.WriteStartArray("v");
                foreach (var w in words)
                {
                    writer.WriteStringValue(w);
                }
                writer.WriteEndArray();
                break;
            default:
                // A type no text uses so far: refused here rather than read back as something else.
                throw new JsonException($"A text argument of type {arg.GetType().Name} cannot be cached.");
        }
        writer.WriteEndObject();
    }

    private static TextRef ReadText(JsonElement element) =>
        new(element.GetProperty("key").GetString() ?? "", [.. element.GetProperty("args").EnumerateArray().Select(ReadArg)]);

    private static object ReadArg(JsonElement arg)
    {
        var v = arg.TryGetProperty("v", out var value) ? value : default;
        return arg.GetProperty("t").GetString() switch
        {
            "null" => null!,
            "s" => v.GetString() ?? "",
            "b" => v.GetBoolean(),
            "i" => v.GetInt32(),
            "l" => v.GetInt64(),
            "d" => v.GetDouble(),
            "f" => v.GetSingle(),
            "m" => v.GetDecimal(),
            "date" => DateOnly.ParseExact(v.GetString()!, "O", System.Globalization.CultureInfo.InvariantCulture),
            "time" => v.GetDateTimeOffset(),
            "text" => ReadText(v),
            "count" => new CountRef(arg.GetProperty("noun").GetString() ?? "", v.GetDouble()),
            "texts" => v.EnumerateArray().Select(ReadText).ToList(),
            "strings" => v.EnumerateArray().Select(e => e.GetString() ?? "").ToList(),
            var t => throw new JsonException($"Unknown text argument type '{t}'."),
        };
    }
}
