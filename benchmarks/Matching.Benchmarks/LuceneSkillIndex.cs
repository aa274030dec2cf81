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
/// per ESCO skill URI; a query is a BooleanQuery of SHOULD TermQuery per skill, scored by BM25,
/// top k. It knows nothing of related skills, distance or contracts: it is the "plain search
/// engine" the embedded index must beat.
/// </summary>
internal sealed class LuceneSkillIndex : IDisposable
{
    private const string IdField = "id";
    private const string SkillField = "skill";

    private readonly Lucene.Net.Store.Directory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    private LuceneSkillIndex(Lucene.Net.Store.Directory directory)
    {
        _directory = directory;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    public int Count => _reader.NumDocs;

    /// <summary>Opens the index cached in <paramref name="folder"/>, building it from <paramref name="documents"/> first when absent.</summary>
    public static LuceneSkillIndex OpenOrBuild(string folder, Func<IEnumerable<(string Id, IEnumerable<string> Skills)>> documents)
    {
        var directory = FSDirectory.Open(folder);
        if (!BenchData.IsComplete(folder))
        {
            Build(directory, documents());
            BenchData.MarkComplete(folder);
        }
        return new LuceneSkillIndex(directory);
    }

    public static LuceneSkillIndex InMemory(IEnumerable<(string Id, IEnumerable<string> Skills)> documents)
    {
#pragma warning disable CA2000 // The index owns the directory and disposes it.
        var directory = new RAMDirectory();
#pragma warning restore CA2000
        Build(directory, documents);
        return new LuceneSkillIndex(directory);
    }

    public static IEnumerable<(string Id, IEnumerable<string> Skills)> Of(IEnumerable<OfferDocument> offers) =>
        offers.Select(o => (o.Id, o.Skills.Select(s => s.SkillUri)));

    public static IEnumerable<(string Id, IEnumerable<string> Skills)> Of(IEnumerable<ProfileDocument> profiles) =>
        profiles.Select(p => (p.Id, p.Skills.Select(s => s.SkillUri)));

    /// <summary>Ids of the top <paramref name="size"/> documents for a bag of skills.</summary>
    public string[] Search(IEnumerable<string> skills, int size)
    {
        var query = new BooleanQuery();
        foreach (var skill in skills)
        {
            query.Add(new TermQuery(new Term(SkillField, skill)), Occur.SHOULD);
        }
        var top = _searcher.Search(query, size);
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

    private static void Build(Lucene.Net.Store.Directory directory, IEnumerable<(string Id, IEnumerable<string> Skills)> documents)
    {
        using var analyzer = new KeywordAnalyzer();
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer)
        {
            OpenMode = OpenMode.CREATE,
            RAMBufferSizeMB = 256,
            Similarity = new BM25Similarity(),
        };
        using var writer = new IndexWriter(directory, config);
        foreach (var (id, skills) in documents)
        {
            var document = new Document { new StringField(IdField, id, Field.Store.YES) };
            foreach (var skill in skills)
            {
                document.Add(new StringField(SkillField, skill, Field.Store.NO));
            }
            writer.AddDocument(document);
        }
        writer.ForceMerge(1);
        writer.Commit();
    }
}
