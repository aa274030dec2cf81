using System.ComponentModel.DataAnnotations;

namespace Matching.Elasticsearch;

/// <summary>Configuration section <c>Coach:Index:Elasticsearch</c> (selected by <c>Coach:Index:Kind=Elasticsearch</c>).</summary>
public sealed class ElasticsearchIndexOptions : IValidatableObject
{
    public const string Section = "Coach:Index:Elasticsearch";

    /// <summary>Node URL(s), comma-separated: <c>http://localhost:9200</c>. Or <see cref="CloudId"/>.</summary>
    public string? Url { get; set; }

    /// <summary>Elastic Cloud deployment id (instead of <see cref="Url"/>).</summary>
    public string? CloudId { get; set; }

    /// <summary>API key (the base64 "encoded" value Elasticsearch returns), sent as <c>Authorization: ApiKey</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Basic authentication, when there is no API key.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>SHA-256 fingerprint of the cluster's CA certificate (self-signed clusters: what <c>elasticsearch</c> prints at first start).</summary>
    public string? CertificateFingerprint { get; set; }

    /// <summary>Prefix of the aliases, indices and templates (<c>coach-offers</c>, <c>coach-profiles-v1</c>...).</summary>
    [RegularExpression("^[a-z0-9][a-z0-9_-]{0,40}$")]
    public string IndexPrefix { get; set; } = "coach";

    /// <summary>
    /// When an acknowledged write is searchable: <c>WaitFor</c> (default: the bulk answers once a refresh made it
    /// visible, about 1 s, as <see cref="Engine.Indexing.IMatchIndex"/> promises) or <c>False</c> (answers as soon as it is
    /// durable; visible within <c>index.refresh_interval</c>). See docs/scaling.md.
    /// </summary>
    [RegularExpression("^(WaitFor|False|True)$")]
    public string Refresh { get; set; } = "WaitFor";

    /// <summary>
    /// The most candidates re-scored by Coach for one page. The walk stops earlier as soon as the Elasticsearch
    /// bound proves no later candidate can enter the page (exact); past this many it stops and the page is the best
    /// of those seen (logged).
    /// </summary>
    [Range(100, 1_000_000)]
    public int MaxCandidates { get; set; } = 20_000;

    /// <summary>Candidates fetched per search request of the walk.</summary>
    [Range(10, 10_000)]
    public int ChunkSize { get; set; } = 1_000;

    [Range(1, 600)]
    public int RequestTimeoutSeconds { get; set; } = 30;

    [Range(1, 1024)]
    public int NumberOfShards { get; set; } = 1;

    [Range(0, 16)]
    public int NumberOfReplicas { get; set; } = 1;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Url) == string.IsNullOrWhiteSpace(CloudId))
        {
            yield return new ValidationResult("Give exactly one of Coach:Index:Elasticsearch:Url and Coach:Index:Elasticsearch:CloudId.", [nameof(Url)]);
        }
        if (Url is not null)
        {
            foreach (var url in Url.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                {
                    yield return new ValidationResult($"'{url}' is not an http(s) URL.", [nameof(Url)]);
                }
            }
        }
        if (CloudId is not null && ApiKey is null && Username is null)
        {
            yield return new ValidationResult("An Elastic Cloud deployment needs ApiKey or Username/Password.", [nameof(ApiKey)]);
        }
        if ((Username is null) != (Password is null))
        {
            yield return new ValidationResult("Username and Password go together.", [nameof(Username)]);
        }
    }
}
