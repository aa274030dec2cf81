using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Matching.Engine.Indexing;

namespace Matching.Engine.Tests.Quality;

/// <summary>
/// The search-engine baseline of the quality evaluation, as in the benchmarks: one Lucene document
/// per offer with a <c>skill</c> StringField per ESCO URI, a BooleanQuery of SHOULD TermQuery per
/// profile skill, BM25.
/// </summary>
internal sealed class LuceneBaseline : IDisposable
{
    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    public LuceneBaseline(IEnumerable<OfferDocument> offers)
    {
        using (var analyzer = new KeywordAnalyzer())
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer) { Similarity = new BM25Similarity() }))
        {
            foreach (var offer in offers)
            {
                var document = new Document { new StringField("id", offer.Id, Field.Store.YES) };
                foreach (var skill in offer.Skills)
                {
                    document.Add(new StringField("skill", skill.SkillUri, Field.Store.NO));
                }
                writer.AddDocument(document);
            }
            writer.Commit();
        }
        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    public IReadOnlyList<string> Rank(ProfileDocument profile, int size)
    {
        var query = new BooleanQuery();
        foreach (var skill in profile.Skills)
        {
            query.Add(new TermQuery(new Term("skill", skill.SkillUri)), Occur.SHOULD);
        }
        return [.. _searcher.Search(query, size).ScoreDocs.Select(d => _searcher.Doc(d.Doc).Get("id"))];
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }
}
