namespace Matching.Engine.Indexing;

/// <summary>
/// The match index cannot answer now (not open yet, or its server is unreachable or refuses work);
/// the host answers 503 with <c>Retry-After</c> = <see cref="RetryAfter"/>.
/// </summary>
public sealed class IndexUnavailableException : Exception
{
    public IndexUnavailableException(string message, TimeSpan retryAfter, Exception? innerException = null)
        : base(message, innerException)
    {
        RetryAfter = retryAfter;
    }

    public IndexUnavailableException()
        : this("The match index is not available.", TimeSpan.FromSeconds(5))
    {
    }

    public IndexUnavailableException(string message)
        : this(message, TimeSpan.FromSeconds(5))
    {
    }

    public IndexUnavailableException(string message, Exception innerException)
        : this(message, TimeSpan.FromSeconds(5), innerException)
    {
    }

    /// <summary>When a retry may succeed.</summary>
    public TimeSpan RetryAfter { get; }
}
