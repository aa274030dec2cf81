namespace Matching.Engine.Indexing;

public enum IndexHealthStatus
{
    /// <summary>Answers every query.</summary>
    Healthy,
    /// <summary>Answers, with a warning an operator should read (an Elasticsearch cluster in yellow).</summary>
    Degraded,
    /// <summary>Cannot answer: queries throw <see cref="IndexUnavailableException"/>.</summary>
    Unavailable,
}

/// <summary>What /health says about the index.</summary>
/// <param name="Backend">"embedded" or "elasticsearch".</param>
/// <param name="Detail">What an operator needs to read (the cluster's URL and status, the last error).</param>
public sealed record IndexHealth(string Backend, IndexHealthStatus Status, string? Detail);

/// <summary>An index whose availability can change while Coach runs (a remote server).</summary>
public interface IIndexHealth
{
    IndexHealth Health { get; }
}
