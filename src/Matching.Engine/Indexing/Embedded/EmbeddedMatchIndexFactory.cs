using Matching.Engine.Hosting;
using Matching.Engine.Storage;

namespace Matching.Engine.Indexing.Embedded;

/// <summary>
/// <c>Coach:Index:Kind = Embedded</c> (the default): the SQLite store at <c>Coach:StorePath</c> and its in-memory
/// postings, through the connection factory the other stores of that file share.
/// </summary>
public sealed class EmbeddedMatchIndexFactory(SqliteConnectionFactory database) : IMatchIndexFactory
{
    public const string KindName = "Embedded";

    public string Kind => KindName;

    public Task<IMatchIndex> OpenAsync(ReferenceData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        // Loading every document's projection is CPU-bound: off the caller's thread.
        return Task.Run<IMatchIndex>(() => EmbeddedMatchIndex.Open(
            database,
            data.Taxonomy,
            commune => data.Geography.EmploymentAreaOf(commune)?.Code,
            area => data.Geography.EmploymentArea(area)?.Name,
            data.PlaceAreas), cancellationToken);
    }
}
