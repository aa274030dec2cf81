using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Matching.Engine.Ingest;

/// <summary>
/// Reads a bulk offers body, a JSON array or NDJSON, one item at a time. Each item is Coach's schema
/// or France Travail's, told apart by its fields. A bad item becomes an error item and reading goes on.
/// </summary>
public static class OfferIngestReader
{
    public static IAsyncEnumerable<IngestItem<OfferSubmission>> ReadAsync(Stream body, CancellationToken cancellationToken = default) =>
        IngestStream.ReadAsync(body, Bind, IngestStream.DefaultMaxItemBytes, cancellationToken);

    /// <summary>Reads one offer already parsed (a single-offer request body).</summary>
    public static IngestItem<OfferSubmission> Read(JsonElement item, int index = 0) => IngestStream.Bind(index, null, item, Bind);

    /// <summary>
    /// France Travail items have <c>intitule</c> (or <c>lieuTravail</c>) and no <c>title</c>. Both schemas
    /// have <c>romeCode</c>, so it marks France Travail only on an item with none of Coach's own fields:
    /// a Coach offer that forgot its title must be told "title is required", not "intitule is required".
    /// </summary>
    public static bool IsFranceTravail(JsonElement item)
    {
        bool title = false, ftOnly = false, rome = false, coachOnly = false;
        foreach (var property in item.EnumerateObject())
        {
            switch (property.Name.ToUpperInvariant())
            {
                case "TITLE": title = true; break;
                case "INTITULE" or "LIEUTRAVAIL": ftOnly = true; break;
                case "ROMECODE": rome = true; break;
                case "OCCUPATION" or "SKILLS" or "PLACE" or "CONTRACT": coachOnly = true; break;
            }
        }
        return !title && (ftOnly || (rome && !coachOnly));
    }

    private static OfferSubmission Bind(JsonElement item) =>
        IsFranceTravail(item)
            ? item.Deserialize(IngestJsonContext.Default.FranceTravailOffer)!
            : item.Deserialize(IngestJsonContext.Default.OfferInput)!;
}

/// <summary>Reads a bulk profiles body, a JSON array or NDJSON, one item at a time.</summary>
public static class ProfileIngestReader
{
    public static IAsyncEnumerable<IngestItem<ProfileInput>> ReadAsync(Stream body, CancellationToken cancellationToken = default) =>
        IngestStream.ReadAsync(body, Bind, IngestStream.DefaultMaxItemBytes, cancellationToken);

    public static IngestItem<ProfileInput> Read(JsonElement item, int index = 0) => IngestStream.Bind(index, null, item, Bind);

    private static ProfileInput Bind(JsonElement item) => item.Deserialize(IngestJsonContext.Default.ProfileInput)!;
}

internal static partial class IngestStream
{
    /// <summary>One item above this is refused: a real offer is a few kB, a runaway line must not take the memory.</summary>
    public const int DefaultMaxItemBytes = 1 << 20;

    private const int ChunkBytes = 64 * 1024;
    private const string WholeItem = "$";

    private static readonly byte[] s_utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly JsonDocumentOptions s_documentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static async IAsyncEnumerable<IngestItem<T>> ReadAsync<T>(Stream body, Func<JsonElement, T> bind, int maxItemBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            // Peek at the first meaningful byte to choose the format; what was read is replayed.
            var filled = 0;
            var first = -1;
            while (first < 0)
            {
                if (filled == buffer.Length)
                {
                    Grow(ref buffer, filled);
                }
                var read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                if (read == 0)
                {
                    break;
                }
                filled += read;
                first = FirstMeaningfulByte(buffer.AsSpan(0, filled));
            }
            if (first < 0)
            {
                yield break;
            }

            if (buffer[first] == (byte)'[')
            {
                var prefix = buffer.AsSpan(first, filled - first).ToArray();
                await foreach (var item in ReadArrayAsync(new ReplayStream(prefix, body), bind, cancellationToken))
                {
                    yield return item;
                }
                yield break;
            }

            var start = first;
            var line = 1 + buffer.AsSpan(0, first).Count((byte)'\n');
            var index = 0;
            var skipping = false;
            var end = false;
            while (true)
            {
                var newline = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
                if (newline >= 0 || (end && start < filled))
                {
                    var length = newline >= 0 ? newline : filled - start;
                    if (skipping)
                    {
                        skipping = false;
                    }
                    else if (ReadLine(buffer.AsMemory(start, length), index, line, bind) is { } item)
                    {
                        index++;
                        yield return item;
                    }
                    start += length + (newline >= 0 ? 1 : 0);
                    line++;
                    continue;
                }
                if (end)
                {
                    yield break;
                }

                // The pending line is incomplete: make room, then read more.
                var pending = filled - start;
                if (!skipping && pending > maxItemBytes)
                {
                    yield return Error<T>(index++, line, null, WholeItem, $"The item is larger than {maxItemBytes} bytes.");
                    skipping = true;
                }
                if (skipping)
                {
                    pending = 0;
                }
                else if (start > 0)
                {
                    buffer.AsSpan(start, pending).CopyTo(buffer);
                }
                start = 0;
                filled = pending;
                if (filled == buffer.Length)
                {
                    Grow(ref buffer, filled);
                }
                var read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                filled += read;
                end = read == 0;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static IngestItem<T> Bind<T>(int index, int? line, JsonElement element, Func<JsonElement, T> bind)
        where T : class
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return Error<T>(index, line, null, WholeItem, $"An item must be a JSON object, not {element.ValueKind.ToString().ToLowerInvariant()}.");
        }
        var id = IdOf(element);
        try
        {
            return new IngestItem<T>(index, line, id, bind(element), null);
        }
        catch (JsonException e)
        {
            return Error<T>(index, line, id, FieldOf(e.Path), Describe(e));
        }
    }

    private static async IAsyncEnumerable<IngestItem<T>> ReadArrayAsync<T>(Stream body, Func<JsonElement, T> bind, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        var elements = JsonSerializer.DeserializeAsyncEnumerable(body, IngestJsonContext.Default.JsonElement, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var _ = elements;
        for (var index = 0; ; index++)
        {
            string? syntaxError = null;
            try
            {
                if (!await elements.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (JsonException e)
            {
                syntaxError = e.Message;
            }
            if (syntaxError is not null)
            {
                // A syntax error inside an array leaves no reliable place to resume from (NDJSON has one: the next line).
                yield return Error<T>(index, null, null, WholeItem, $"Invalid JSON, the rest of the array was not read: {Trim(syntaxError)}");
                yield break;
            }
            yield return Bind(index, null, elements.Current, bind);
        }
    }

    private static IngestItem<T>? ReadLine<T>(ReadOnlyMemory<byte> line, int index, int lineNumber, Func<JsonElement, T> bind)
        where T : class
    {
        var span = line.Span;
        if (FirstMeaningfulByte(span) < 0)
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
            return Error<T>(index, lineNumber, null, WholeItem, $"Invalid JSON: {Trim(e.Message)}");
        }
        using (document)
        {
            return Bind(index, lineNumber, document.RootElement, bind);
        }
    }

    private static IngestItem<T> Error<T>(int index, int? line, string? id, string field, string message)
        where T : class =>
        new(index, line, id, null, new Dictionary<string, string[]> { [field] = [message] });

    private static int FirstMeaningfulByte(ReadOnlySpan<byte> bytes)
    {
        var i = bytes.StartsWith(s_utf8Bom) ? s_utf8Bom.Length : 0;
        for (; i < bytes.Length; i++)
        {
            if (bytes[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return i;
            }
        }
        return -1;
    }

    private static void Grow(ref byte[] buffer, int used)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, used).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = bigger;
    }

    private static string? IdOf(JsonElement item)
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
        return null;
    }

    /// <summary>"$.skills[3].uri" → "skills[3].uri", the error key convention of the builders.</summary>
    internal static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? WholeItem : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static string Describe(JsonException e)
    {
        var match = ConvertedTo().Match(e.Message);
        if (!match.Success)
        {
            return Trim(e.Message);
        }
        var type = match.Groups["type"].Value;
        var expected =
            type.Contains("Double", StringComparison.Ordinal) || type.Contains("Int32", StringComparison.Ordinal) ? "a number" :
            type.Contains("Boolean", StringComparison.Ordinal) ? "true or false" :
            type.Contains("DateTime", StringComparison.Ordinal) ? "an ISO 8601 date" :
            type.Contains("List", StringComparison.Ordinal) ? "an array" :
            type.Contains("String", StringComparison.Ordinal) ? "a string" :
            "an object";
        return $"Expected {expected}.";
    }

    private static string Trim(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\.?\s")]
    private static partial Regex ConvertedTo();

    /// <summary>Replays bytes already read from the head of a stream, then reads the rest of it.</summary>
    private sealed class ReplayStream(byte[] head, Stream rest) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position < head.Length)
            {
                var n = Math.Min(buffer.Length, head.Length - _position);
                head.AsSpan(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }
            return rest.Read(buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position < head.Length)
            {
                return Read(buffer.Span);
            }
            return await rest.ReadAsync(buffer, cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
