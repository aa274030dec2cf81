using Microsoft.AspNetCore.Http.HttpResults;

namespace Coach.Api.Infrastructure;

/// <summary>The 413 of a bulk ingest whose body goes past the limit (configuration <c>Coach:BodyLimits:IngestBytes</c>).</summary>
public static class IngestLimits
{
    public static ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Body too large",
        detail: $"The request body is over the limit of {limit / 1024 / 1024} MB: send the items in several requests. Items answered before the limit stay stored; nothing after it was read.");
}

/// <summary>Counts bytes as the body is read and stops past the limit, for bodies without a length.</summary>
public sealed class LimitedStream(Stream inner, long limit) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int n)
    {
        _read += n;
        return _read > limit ? throw new BodyTooLargeException(limit) : n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

public sealed class BodyTooLargeException(long limit) : Exception($"The request body is over {limit} bytes.")
{
    public long Limit { get; } = limit;
}
