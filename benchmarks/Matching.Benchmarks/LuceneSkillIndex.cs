using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Matching.Engine.Indexing;

namespace Matching.Benchmarks;

/// <summary>
/// The Lucene.Net 4.8 baseline: one document per offer (or profile) with a <c>skill</c> StringField
/// per ESCO skill URI and its coordinates as doc values; a query is a BooleanQuery of SHOULD
/// TermQuery per skill, scored by BM25, top k. It knows nothing of related skills or contracts: it is
/// the "plain search engine" the embedded index must beat. With a radius, a collector keeps only the
/// documents within the radius (the engine's haversine; a document without coordinates passes, as in
/// the engine) before the top-k collector: the same radius filter as the engine's.
/// </summary>
internal sealed class LuceneSkillIndex : IDisposable
{
    private const string IdField = "id";
    private const string SkillField = "skill";
    private const string LatitudeField = "lat";
    private const string LongitudeField = "lon";

    private readonly Lucene.Net.Store.Directory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    // Coordinates per segment, read once from the doc values at open (as FieldCache would): the
    // radius filter then costs two array reads and a haversine per matching document.
    private readonly Dictionary<object, (double[] Latitudes, double[] Longitudes)> _coordinates = [];

    private LuceneSkillIndex(Lucene.Net.Store.Directory directory)
    {
        _directory = directory;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
        foreach (var leaf in _reader.Leaves)
        {
            var reader = leaf.AtomicReader;
            var latitudes = new double[reader.MaxDoc];
            var longitudes = new double[reader.MaxDoc];
            var lat = reader.GetNumericDocValues(LatitudeField);
            var lon = reader.GetNumericDocValues(LongitudeField);
            for (var doc = 0; doc < reader.MaxDoc; doc++)
            {
                latitudes[doc] = lat is null ? double.NaN : BitConverter.Int64BitsToDouble(lat.Get(doc));
                longitudes[doc] = lon is null ? double.NaN : BitConverter.Int64BitsToDouble(lon.Get(doc));
            }
            _coordinates[reader.CoreCacheKey] = (latitudes, longitudes);
        }
    }

    public int Count => _reader.NumDocs;

    /// <summary>Opens the index cached in <paramref name="folder"/>, building it from <paramref name="documents"/> first when absent.</summary>
    public static LuceneSkillIndex OpenOrBuild(string folder, Func<IEnumerable<(string Id, IEnumerable<string> Skills, Place? Place)>> documents)
    {
        var directory = FSDirectory.Open(folder);
        if (!BenchData.IsComplete(folder))
        {
            Build(directory, documents());
            BenchData.MarkComplete(folder);
        }
        return new LuceneSkillIndex(directory);
    }

    public static LuceneSkillIndex InMemory(IEnumerable<(string Id, IEnumerable<string> Skills, Place? Place)> documents)
    {
#pragma warning disable CA2000 // The index owns the directory and disposes it.
        var directory = new RAMDirectory();
#pragma warning restore CA2000
        Build(directory, documents);
        return new LuceneSkillIndex(directory);
    }

    public static IEnumerable<(string Id, IEnumerable<string> Skills, Place? Place)> Of(IEnumerable<OfferDocument> offers) =>
        offers.Select(o => (o.Id, o.Skills.Select(s => s.SkillUri), o.Place));

    public static IEnumerable<(string Id, IEnumerable<string> Skills, Place? Place)> Of(IEnumerable<ProfileDocument> profiles) =>
        profiles.Select(p => (p.Id, p.Skills.Select(s => s.SkillUri), p.Place));

    /// <summary>Ids of the top <paramref name="size"/> documents for a bag of skills, within <paramref name="radiusKm"/> of <paramref name="centre"/> when both are given.</summary>
    public string[] Search(IEnumerable<string> skills, int size, Place? centre = null, double? radiusKm = null)
    {
        var query = new BooleanQuery();
        foreach (var skill in skills)
        {
            query.Add(new TermQuery(new Term(SkillField, skill)), Occur.SHOULD);
        }
        TopDocs top;
        if (centre is not null && radiusKm is { } radius)
        {
            var collector = TopScoreDocCollector.Create(size, docsScoredInOrder: false);
            _searcher.Search(query, new RadiusCollector(collector, _coordinates, centre.Latitude, centre.Longitude, radius));
            top = collector.GetTopDocs();
        }
        else
        {
            top = _searcher.Search(query, size);
        }
        var ids = new string[top.ScoreDocs.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = _searcher.Doc(top.ScoreDocs[i].Doc).Get(IdField);
        }
        return ids;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }

    private static void Build(Lucene.Net.Store.Directory directory, IEnumerable<(string Id, IEnumerable<string> Skills, Place? Place)> documents)
    {
        using var analyzer = new KeywordAnalyzer();
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer)
        {
            OpenMode = OpenMode.CREATE,
            RAMBufferSizeMB = 256,
            Similarity = new BM25Similarity(),
        };
        using var writer = new IndexWriter(directory, config);
        foreach (var (id, skills, place) in documents)
        {
            var document = new Document
            {
                new StringField(IdField, id, Field.Store.YES),
                new NumericDocValuesField(LatitudeField, BitConverter.DoubleToInt64Bits(place?.Latitude ?? double.NaN)),
                new NumericDocValuesField(LongitudeField, BitConverter.DoubleToInt64Bits(place?.Longitude ?? double.NaN)),
            };
            foreach (var skill in skills)
            {
                document.Add(new StringField(SkillField, skill, Field.Store.NO));
            }
            writer.AddDocument(document);
        }
        writer.ForceMerge(1);
        writer.Commit();
    }

    /// <summary>Passes on to the top-k collector only the documents within the radius.</summary>
    private sealed class RadiusCollector(ICollector inner, Dictionary<object, (double[] Latitudes, double[] Longitudes)> coordinates,
        double latitude, double longitude, double radiusKm) : ICollector
    {
        private double[] _latitudes = [];
        private double[] _longitudes = [];

        // A box around the circle (the engine's conservative one) rejects most documents with two comparisons.
        private readonly Matching.Engine.Indexing.Embedded.RadiusBox _box = Matching.Engine.Indexing.Embedded.RadiusBox.Around(latitude, radiusKm);

        public bool AcceptsDocsOutOfOrder => inner.AcceptsDocsOutOfOrder;

        public void SetScorer(Scorer scorer) => inner.SetScorer(scorer);

        public void SetNextReader(AtomicReaderContext context)
        {
            (_latitudes, _longitudes) = coordinates[context.AtomicReader.CoreCacheKey];
            inner.SetNextReader(context);
        }

        public void Collect(int doc)
        {
            var lat = _latitudes[doc];
            if (double.IsNaN(lat)
                || (!_box.SurelyBeyond(latitude, longitude, lat, _longitudes[doc])
                    && Matching.Engine.Scoring.MatchScorer.DistanceKm(lat, _longitudes[doc], latitude, longitude) <= radiusKm))
            {
                inner.Collect(doc);
            }
        }
    }
}
