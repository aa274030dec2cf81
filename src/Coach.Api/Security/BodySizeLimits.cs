using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Coach.Api.Security;

/// <summary>Configuration section <c>Coach:BodyLimits</c>: request body sizes in bytes.</summary>
public sealed class BodyLimitOptions
{
    public const string Section = "Coach:BodyLimits";

    /// <summary>Any endpoint that does not say otherwise.</summary>
    [Range(1, long.MaxValue)]
    public long DefaultBytes { get; set; } = 1024 * 1024;

    /// <summary>Bulk ingest endpoints (<see cref="BodySizeLimit.Ingest"/>).</summary>
    [Range(1, long.MaxValue)]
    public long IngestBytes { get; set; } = 50L * 1024 * 1024;
}

/// <summary>Endpoint metadata: the body size an endpoint accepts. <c>group.WithMetadata(BodySizeLimit.Ingest)</c>.</summary>
public sealed record BodySizeLimit(long? Bytes, bool IsIngest = false)
{
    /// <summary>The configured ingest limit (<c>Coach:BodyLimits:IngestBytes</c>, 50 MB by default).</summary>
    public static BodySizeLimit Ingest { get; } = new(null, IsIngest: true);

    public static BodySizeLimit OfBytes(long bytes) => new(bytes);
}

public static class BodySizeLimitExtensions
{
    /// <summary>Accepts bodies up to the ingest limit on these endpoints (the default is 1 MB).</summary>
    public static TBuilder WithIngestBodyLimit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(BodySizeLimit.Ingest);
}

/// <summary>
/// Applies the endpoint's body limit: a declared Content-Length over it is a 413 ProblemDetails at
/// once; a chunked body is cut by the server at the limit (413 too, via the status code pages).
/// </summary>
internal sealed class BodySizeLimitMiddleware(RequestDelegate next, IOptionsMonitor<BodyLimitOptions> options, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = Limit(context.GetEndpoint());
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }
        if (limit is { } max && context.Request.ContentLength > max)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "Request body too large",
                    Detail = string.Create(CultureInfo.InvariantCulture,
                        $"The body is {context.Request.ContentLength} bytes; this endpoint accepts at most {max} bytes."),
                },
            });
            return;
        }
        await next(context);
    }

    private long? Limit(Endpoint? endpoint)
    {
        var current = options.CurrentValue;
        if (endpoint?.Metadata.GetMetadata<BodySizeLimit>() is { } declared)
        {
            return declared.IsIngest ? current.IngestBytes : declared.Bytes;
        }
        // [RequestSizeLimit] / [DisableRequestSizeLimit] set by other code are honoured too.
        if (endpoint?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } standard)
        {
            return standard.MaxRequestBodySize;
        }
        return current.DefaultBytes;
    }
}
