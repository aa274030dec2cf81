using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Matching.Engine.Ingest;

/// <summary>
/// The stream reader of bulk bodies: cuts a JSON array, NDJSON or a France Travail envelope into items
/// and binds each item on its own, so that a bad item is that item's error and the rest goes on.
/// </summary>
internal static class IngestStream
{
    /// <summary>One item above this is refused: a real offer is a few kB, a runaway line must not take the memory.</summary>
    public const int DefaultMaxItemBytes = 1 << 20;

    private const string WholeItem = "$";

    private const string UnreadableUnicode = "This text is not valid Unicode: invalid UTF-8 bytes, or an escape of half a surrogate pair such as \\ud800.";

    private static readonly byte[] s_utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly JsonDocumentOptions s_documentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };
    private static readonly JsonReaderOptions s_readerOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>
    /// Items of a body that is a JSON array (first meaningful byte '[') or NDJSON. Both are cut into
    /// items here, one buffer at a time, so that an item is parsed (and a bad one reported) on its own.
    /// </summary>
    public static async IAsyncEnumerable<IngestItem<T>> ReadAsync<T>(Stream body, Func<JsonElement, JsonTypeInfo> typeOf, int maxItemBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        using var buffer = new BodyBuffer(body);
        while (buffer.Pending.Length < s_utf8Bom.Length && await buffer.ReadMoreAsync(cancellationToken))
        {
        }
        if (buffer.Pending.StartsWith(s_utf8Bom))
        {
            buffer.Consume(s_utf8Bom.Length);
        }

        var line = 1;
        while (true)
        {
            var pending = buffer.Pending;
            var first = pending.IndexOfAnyExcept(" \t\r\n"u8);
            line += (first < 0 ? pending : pending[..first]).Count((byte)'\n');
            buffer.Consume(first < 0 ? pending.Length : first);
            if (first >= 0)
            {
                break;
            }
            if (!await buffer.ReadMoreAsync(cancellationToken))
            {
                yield break;
            }
        }

        var envelope = false;
        if (buffer.Pending[0] == (byte)'{')
        {
            // France Travail's search API wraps its offers: {"resultats":[...],"filtresPossibles":[...]}.
            int arrayStart;
            while ((arrayStart = EnvelopeArrayStart(buffer.Pending, buffer.End)) == 0
                && buffer.Pending.Length <= maxItemBytes
                && await buffer.ReadMoreAsync(cancellationToken))
            {
            }
            if (arrayStart > 0)
            {
                // The envelope's other members (filters, counts) follow the array: they are not items.
                buffer.Consume(arrayStart);
                envelope = true;
            }
        }

        var items = buffer.Pending[0] == (byte)'['
            ? ReadArrayAsync<T>(buffer, envelope, typeOf, maxItemBytes, cancellationToken)
            : ReadLinesAsync<T>(buffer, line, typeOf, maxItemBytes, cancellationToken);
        await foreach (var item in items)
        {
            yield return item;
        }
    }

    public static IngestItem<T> Bind<T>(int index, int? line, JsonElement element, Func<JsonElement, JsonTypeInfo> typeOf)
        where T : class
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return Error<T>(index, line, null, WholeItem, $"An item must be a JSON object, not {element.ValueKind.ToString().ToLowerInvariant()}.");
        }
        var id = IdOf(element);
        Type? type = null;
        try
        {
            var typeInfo = typeOf(element);
            type = typeInfo.Type;
            return new IngestItem<T>(index, line, id, (T)element.Deserialize(typeInfo)!, null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Text that JSON can carry but .NET cannot read (invalid UTF-8, a lone surrogate escape "\ud800") is the
            // item's error, not the request's; so is a value of the wrong type.
            return UnreadableText(element) is { } field ? Error<T>(index, line, id, field, UnreadableUnicode)
                : e is JsonException json && type is not null ? Error<T>(index, line, id, FieldOf(json.Path), Describe(json, type))
                : Error<T>(index, line, id, WholeItem, "The item could not be read: " + Trim(e.Message));
        }
    }

    /// <summary>The path of the first string (or property name) in the element that cannot be read as .NET text.</summary>
    private static string? UnreadableText(JsonElement element, string path = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Readable(element) ? null : path.Length == 0 ? WholeItem : path;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (UnreadableText(item, $"{path}[{i++}]") is { } found)
                    {
                        return found;
                    }
                }
                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return path.Length == 0 ? WholeItem : path;
                    }
                    if (UnreadableText(property.Value, path.Length == 0 ? name : $"{path}.{name}") is { } found)
                    {
                        return found;
                    }
                }
                return null;
            default:
                return null;
        }

        static bool Readable(JsonElement text)
        {
            try
            {
                _ = text.GetString();
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }
    }

    private static async IAsyncEnumerable<IngestItem<T>> ReadLinesAsync<T>(BodyBuffer buffer, int line, Func<JsonElement, JsonTypeInfo> typeOf, int maxItemBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        var index = 0;
        var skipping = false;
        while (true)
        {
            var newline = buffer.Pending.IndexOf((byte)'\n');
            if (newline < 0 && !buffer.End)
            {
                if (!skipping && buffer.Pending.Length > maxItemBytes)
                {
                    yield return TooLarge<T>(index++, line, maxItemBytes);
                    skipping = true;
                }
                if (skipping)
                {
                    buffer.Consume(buffer.Pending.Length);
                }
                await buffer.ReadMoreAsync(cancellationToken);
                continue;
            }
            if (newline < 0 && buffer.Pending.Length == 0)
            {
                yield break;
            }

            var length = newline >= 0 ? newline : buffer.Pending.Length;
            IngestItem<T>? item = null;
            if (skipping)
            {
                skipping = false;
            }
            else if (length > maxItemBytes)
            {
                item = TooLarge<T>(index, line, maxItemBytes);
            }
            else
            {
                item = ReadLine<T>(buffer.PendingMemory[..length], index, line, typeOf);
            }
            buffer.Consume(newline >= 0 ? length + 1 : length);
            line++;
            if (item is not null)
            {
                index++;
                yield return item;
            }
        }
    }

    private static async IAsyncEnumerable<IngestItem<T>> ReadArrayAsync<T>(BodyBuffer buffer, bool envelope, Func<JsonElement, JsonTypeInfo> typeOf, int maxItemBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        buffer.Consume(1);
        var index = 0;
        var afterValue = false;
        while (true)
        {
            var next = buffer.Pending.IndexOfAnyExcept(" \t\r\n"u8);
            if (next < 0)
            {
                buffer.Consume(buffer.Pending.Length);
                if (!await buffer.ReadMoreAsync(cancellationToken))
                {
                    yield return Error<T>(index, null, null, WholeItem, "Invalid JSON: the array is not closed.");
                    yield break;
                }
                continue;
            }
            buffer.Consume(next);
            var b = buffer.Pending[0];
            if (b == (byte)']')
            {
                buffer.Consume(1);
                if (!envelope && await HasMoreAsync(buffer, cancellationToken))
                {
                    // "[A] B C": what follows the array cannot be read, and must not vanish in silence.
                    yield return Error<T>(index, null, null, WholeItem,
                        "Invalid JSON, the rest of the body was not read: data follows the end of the array. Send one JSON array, or NDJSON (one object per line), not both.");
                }
                yield break;
            }
            if (afterValue)
            {
                if (b != (byte)',')
                {
                    yield return Error<T>(index, null, null, WholeItem, $"Invalid JSON, the rest of the array was not read: expected ',' or ']' after item {index - 1}.");
                    yield break;
                }
                buffer.Consume(1);
                afterValue = false;
                continue;
            }

            var (length, error) = MeasureValue(buffer.Pending, buffer.End);
            if (error is not null)
            {
                // A syntax error inside an array leaves no reliable place to resume from (NDJSON has one: the next line).
                yield return Error<T>(index, null, null, WholeItem, $"Invalid JSON, the rest of the array was not read: {Trim(error)}");
                yield break;
            }
            if (length == 0)
            {
                if (buffer.Pending.Length > maxItemBytes)
                {
                    yield return TooLarge<T>(index, null, maxItemBytes);
                    yield break;
                }
                if (!await buffer.ReadMoreAsync(cancellationToken))
                {
                    yield return Error<T>(index, null, null, WholeItem, "Invalid JSON: the body ends inside an item.");
                    yield break;
                }
                continue;
            }
            IngestItem<T> item;
            using (var document = JsonDocument.Parse(buffer.PendingMemory[..length], s_documentOptions))
            {
                item = length > maxItemBytes ? TooLarge<T>(index, null, maxItemBytes) : Bind<T>(index, null, document.RootElement, typeOf);
            }
            buffer.Consume(length);
            index++;
            afterValue = true;
            yield return item;
        }
    }

    /// <summary>Whether anything but white space is left in the body.</summary>
    private static async ValueTask<bool> HasMoreAsync(BodyBuffer buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (buffer.Pending.IndexOfAnyExcept(" \t\r\n"u8) >= 0)
            {
                return true;
            }
            buffer.Consume(buffer.Pending.Length);
            if (!await buffer.ReadMoreAsync(cancellationToken))
            {
                return false;
            }
        }
    }

    /// <summary>Where the <c>resultats</c> array of an envelope starts; -1 when the body is no envelope; 0 when more bytes are needed.</summary>
    private static int EnvelopeArrayStart(ReadOnlySpan<byte> bytes, bool final)
    {
        var reader = new Utf8JsonReader(bytes, final, new JsonReaderState(s_readerOptions));
        try
        {
            if (!reader.Read() || !reader.Read())
            {
                return 0;
            }
            if (reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("resultats"u8))
            {
                return -1;
            }
            if (!reader.Read())
            {
                return 0;
            }
            return reader.TokenType == JsonTokenType.StartArray ? (int)reader.TokenStartIndex : -1;
        }
        catch (JsonException)
        {
            return -1;
        }
    }

    /// <summary>Length of the JSON value the bytes start with; 0 when more bytes are needed; the message of a syntax error.</summary>
    private static (int Length, string? Error) MeasureValue(ReadOnlySpan<byte> bytes, bool final)
    {
        var reader = new Utf8JsonReader(bytes, final, new JsonReaderState(s_readerOptions));
        try
        {
            if (!reader.Read())
            {
                return (0, null);
            }
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
            {
                return (0, null);
            }
            return ((int)reader.BytesConsumed, null);
        }
        catch (JsonException e)
        {
            return (0, e.Message);
        }
    }

    private static IngestItem<T>? ReadLine<T>(ReadOnlyMemory<byte> line, int index, int lineNumber, Func<JsonElement, JsonTypeInfo> typeOf)
        where T : class
    {
        if (line.Span.IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            return null;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, s_documentOptions);
        }
        catch (JsonException e)
        {
            // The usual cause is a pretty-printed object sent as NDJSON, which is one object per line.
            return Error<T>(index, lineNumber, null, WholeItem, $"Invalid JSON: {Trim(e.Message)} An NDJSON body holds one whole object per line; send indented JSON as an array.");
        }
        using (document)
        {
            return Bind<T>(index, lineNumber, document.RootElement, typeOf);
        }
    }

    private static IngestItem<T> TooLarge<T>(int index, int? line, int maxItemBytes)
        where T : class =>
        Error<T>(index, line, null, WholeItem, $"The item is larger than {maxItemBytes} bytes.");

    private static IngestItem<T> Error<T>(int index, int? line, string? id, string field, string message)
        where T : class =>
        new(index, line, id, null, new Dictionary<string, string[]> { [field] = [message] });

    private static string? IdOf(JsonElement item)
    {
        try
        {
            foreach (var property in item.EnumerateObject())
            {
                if (property.Name.Equals("id", StringComparison.OrdinalIgnoreCase))
                {
                    return property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Number => property.Value.GetRawText(),
                        _ => null,
                    };
                }
            }
        }
        catch (InvalidOperationException)
        {
            // An id (or a property name) with a lone surrogate: the item has no id to answer with.
        }
        return null;
    }

    /// <summary>"$.skills[3].uri" → "skills[3].uri", the error key convention of the builders.</summary>
    internal static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? WholeItem : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    /// <summary>
    /// "Expected a number." from the type of the field at the error's path: the serializer's own
    /// message names the containing type, or a .NET type name the client cannot act on.
    /// </summary>
    private static string Describe(JsonException e, Type root)
    {
        if (e.Path is null || !e.Message.Contains("could not be converted", StringComparison.Ordinal) || TypeAt(root, e.Path) is not { } type)
        {
            return Trim(e.Message);
        }
        var expected =
            type == typeof(double) || type == typeof(int) ? "a number" :
            type == typeof(bool) ? "true or false" :
            type == typeof(DateTimeOffset) ? "an ISO 8601 date" :
            type == typeof(string) ? "a string" :
            type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? "an array" :
            "an object";
        return $"Expected {expected}.";
    }

    private static Type? TypeAt(Type root, string path)
    {
        var type = root;
        foreach (var segment in path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket >= 0 ? segment[..bracket] : segment;
            if (name.Length > 0)
            {
                var property = IngestJsonContext.Default.GetTypeInfo(type)?.Properties.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
                if (property is null)
                {
                    return null;
                }
                type = property.PropertyType;
            }
            for (var i = bracket; i >= 0 && i < segment.Length; i = segment.IndexOf('[', i + 1))
            {
                if (!type.IsGenericType)
                {
                    return null;
                }
                type = type.GetGenericArguments()[0];
            }
        }
        return Nullable.GetUnderlyingType(type) ?? type;
    }

    /// <summary>The serializer's message without its positions, which count from the item, not the body.</summary>
    private static string Trim(string message)
    {
        foreach (var marker in (ReadOnlySpan<string>)[" Path:", " LineNumber:"])
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }
        return message;
    }

    /// <summary>A window on the body: bytes read and not yet consumed, refilled from the stream on demand.</summary>
    private sealed class BodyBuffer(Stream stream) : IDisposable
    {
        private const int ChunkBytes = 64 * 1024;

        private byte[] _bytes = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        private int _start;
        private int _filled;

        /// <summary>The stream has no more bytes.</summary>
        public bool End { get; private set; }

        public ReadOnlySpan<byte> Pending => _bytes.AsSpan(_start, _filled - _start);

        public ReadOnlyMemory<byte> PendingMemory => _bytes.AsMemory(_start, _filled - _start);

        public void Consume(int count) => _start += count;

        /// <summary>Appends the next bytes to <see cref="Pending"/>; false at the end of the stream.</summary>
        public async ValueTask<bool> ReadMoreAsync(CancellationToken cancellationToken)
        {
            if (End)
            {
                return false;
            }
            var pending = _filled - _start;
            if (_start > 0)
            {
                _bytes.AsSpan(_start, pending).CopyTo(_bytes);
                (_start, _filled) = (0, pending);
            }
            if (_filled == _bytes.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(_bytes.Length * 2);
                _bytes.AsSpan(0, _filled).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_bytes);
                _bytes = bigger;
            }
            var read = await stream.ReadAsync(_bytes.AsMemory(_filled), cancellationToken);
            _filled += read;
            End = read == 0;
            return read > 0;
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_bytes);
    }
}
