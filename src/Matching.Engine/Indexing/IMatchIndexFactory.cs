using Matching.Engine.Hosting;

namespace Matching.Engine.Indexing;

/// <summary>
/// One implementation of <see cref="IMatchIndex"/> that configuration can choose with
/// <c>Coach:Index:Kind</c>. Register it beside the engine, e.g.
/// <c>services.AddSingleton&lt;IMatchIndexFactory, ElasticsearchMatchIndexFactory&gt;()</c>: no caller changes.
/// </summary>
public interface IMatchIndexFactory
{
    /// <summary>The value of <c>Coach:Index:Kind</c> that selects this implementation ("Embedded", "Elasticsearch").</summary>
    string Kind { get; }

    /// <summary>Opens the index (creating what is missing) once the reference data is loaded.</summary>
    Task<IMatchIndex> OpenAsync(ReferenceData data, CancellationToken cancellationToken);
}
