using System.Text;
using Matching.Engine.Indexing;
using Matching.Engine.Ingest;

namespace Matching.Engine.Tests.Ingest;

/// <summary>Shared inputs of the ingest tests: a small place resolver and well-known ESCO URIs.</summary>
internal static class IngestTestData
{
    public const string SoftwareDeveloper = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1";
    public const string NursingAssistant = "http://data.europa.eu/esco/occupation/87d0795a-d41f-47ee-979f-0ab7d73836e7";
    public const string CSharp = "http://data.europa.eu/esco/skill/4c016b68-4116-468c-9dc6-42710c239e4a";
    public const string Sql = "http://data.europa.eu/esco/skill/598de5b0-5b58-4ea7-8058-a4bc4d18c742";
    public const string FirstAid = "http://data.europa.eu/esco/skill/f7464f30-662b-4177-85a0-3df9693e9e58";
    public const string InfectionControl = "http://data.europa.eu/esco/skill/6d13053b-ee35-492c-8976-8178420df398";

    public static readonly Place Lyon3 = new(45.75141, 4.86848, "69383", "Lyon 3e Arrondissement");
    public static readonly Place Toulouse = new(43.6007, 1.43284, "31555", "Toulouse");

    /// <summary>Two real communes from geo/communes.csv, by INSEE code and by postcode.</summary>
    public static Place? ResolvePlace(PlaceCode code) => code switch
    {
        { Kind: PlaceCodeKind.Commune, Code: "69383" } or { Kind: PlaceCodeKind.Postcode, Code: "69003" } => Lyon3,
        { Kind: PlaceCodeKind.Commune, Code: "31555" } or { Kind: PlaceCodeKind.Postcode, Code: "31000" } => Toulouse,
        _ => null,
    };

    public static OfferDocumentBuilder OfferBuilder() => new(TaxonomyFixture.Taxonomy, ResolvePlace);

    public static ProfileDocumentBuilder ProfileBuilder() => new(TaxonomyFixture.Taxonomy, ResolvePlace);

    public static MemoryStream Body(string text) => new(Encoding.UTF8.GetBytes(text));

    public static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }
        return list;
    }

    /// <summary>Reads one JSON object through the reader, as a bulk body would.</summary>
    public static IngestItem<OfferSubmission> OfferItem(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return OfferIngestReader.Read(document.RootElement);
    }

    public static IngestItem<ProfileInput> ProfileItem(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return ProfileIngestReader.Read(document.RootElement);
    }
}

/// <summary>Hands out at most a few bytes per read, to cross every buffer boundary of the reader.</summary>
internal sealed class TrickleStream(byte[] bytes, int maxPerRead) : Stream
{
    private int _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => bytes.Length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = Math.Min(Math.Min(count, maxPerRead), bytes.Length - _position);
        Array.Copy(bytes, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = Math.Min(Math.Min(buffer.Length, maxPerRead), bytes.Length - _position);
        bytes.AsSpan(_position, n).CopyTo(buffer.Span);
        _position += n;
        return ValueTask.FromResult(n);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
