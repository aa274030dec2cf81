namespace Matching.Engine.Indexing;

/// <summary>
/// The match index cannot answer now: not open yet (Coach is starting, or still loading the
/// reference data the index needs), or not reachable. Nothing was read or written; the same call
/// may succeed after <see cref="RetryAfter"/>. The host answers 503 with a Retry-After header.
/// </summary>
public sealed class IndexUnavailableException : Exception
{
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    public IndexUnavailableException(string message, TimeSpan retryAfter, Exception? innerException = null)
        : base(message, innerException)
    {
        RetryAfter = retryAfter > TimeSpan.Zero ? retryAfter : DefaultRetryAfter;
    }

    public IndexUnavailableException()
        : this("The match index is not available.", DefaultRetryAfter)
    {
    }

    public IndexUnavailableException(string message)
        : this(message, DefaultRetryAfter)
    {
    }

    public IndexUnavailableException(string message, Exception innerException)
        : this(message, DefaultRetryAfter, innerException)
    {
    }

    /// <summary>How long to wait before trying again.</summary>
    public TimeSpan RetryAfter { get; }
}
