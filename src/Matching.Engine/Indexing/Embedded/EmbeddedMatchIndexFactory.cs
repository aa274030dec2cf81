using Matching.Engine.Hosting;
using Microsoft.Extensions.Options;

namespace Matching.Engine.Indexing.Embedded;

/// <summary><c>Coach:Index:Kind = Embedded</c> (the default): the SQLite store at <c>Coach:StorePath</c> and its in-memory postings.</summary>
public sealed class EmbeddedMatchIndexFactory(IOptions<MatchingEngineOptions> options, ReferenceDataProvider paths) : IMatchIndexFactory
{
    public const string KindName = "Embedded";

    public string Kind => KindName;

    public Task<IMatchIndex> OpenAsync(ReferenceData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var storePath = paths.ContentPath(options.Value.StorePath);
        // Loading every document's projection is CPU-bound: off the caller's thread.
        return Task.Run<IMatchIndex>(() => EmbeddedMatchIndex.Open(
            storePath,
            data.Taxonomy,
            commune => data.Geography.EmploymentAreaOf(commune)?.Code,
            area => data.Geography.EmploymentArea(area)?.Name), cancellationToken);
    }
}
