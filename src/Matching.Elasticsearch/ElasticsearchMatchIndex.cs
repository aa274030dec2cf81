using System.Text.Json.Serialization;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Elastic.Clients.Elasticsearch.Serialization;
using Elastic.Transport;
using Matching.Engine.Geography;
using Matching.Engine.Indexing;
using Matching.Engine.Scoring;
using Matching.Engine.Taxonomy;
using Microsoft.Extensions.Logging;

namespace Matching.Elasticsearch;

/// <summary>
/// <see cref="IMatchIndex"/> on Elasticsearch, with the official client: Elasticsearch stores the documents and
/// retrieves the candidates of a query (skill terms, must-have skills, radius, consent, contract, experience),
/// Coach scores and explains them with the same <see cref="PairScorer"/> as the embedded index, so both give the
/// same pages (see <see cref="CandidateWalk"/> for how exactness is kept, and docs/scaling.md).
/// </summary>
/// <remarks>
/// Availability: a background monitor asks <c>_cluster/health</c> (every 10 s, and with back-off 1 s … 30 s while the
/// cluster is unreachable or red) and creates the templates, indices and aliases once the cluster answers. Until
/// then, and whenever a call finds no cluster, operations throw <see cref="IndexUnavailableException"/> with a
/// retry-after; a yellow cluster (replicas unassigned) answers and is reported.
/// Writes: <c>_bulk</c> with <c>refresh=wait_for</c> by default: an acknowledged write is durable (translog) and
/// searchable when the call returns, as the port promises.
/// </remarks>
public sealed class ElasticsearchMatchIndex : IMatchIndex, IIndexHealth, IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan HealthyInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly ElasticsearchClient _client;
    private readonly ElasticsearchIndexOptions _options;
    private readonly IndexLayout _layout;
    private readonly PairScorer _scorer;
    private readonly OccupationRelations _relations;
    private readonly IndexValidation _validator;
    private readonly Queries _queries;
    private readonly CandidateWalk _walk;
    private readonly Func<string, string?> _areaOfCommune;
    private readonly Func<string, string?> _areaName;
    private readonly PlaceAreaMap? _places;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Task _monitor;
    private readonly TaskCompletionSource _firstOpen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile IndexHealth _health;
    private volatile bool _layoutReady;
    private TimeSpan _backoff = TimeSpan.FromSeconds(1);
    private int _disposed;

    private ElasticsearchMatchIndex(ElasticsearchClient client, ElasticsearchIndexOptions options, SkillsTaxonomy taxonomy, SkillGraph graph,
        Func<string, string?> areaOfCommune, Func<string, string?> areaName, ILogger logger, PlaceAreaMap? places)
    {
        _client = client;
        _places = places;
        _options = options;
        _layout = new IndexLayout(options.IndexPrefix);
        _scorer = new PairScorer(taxonomy, graph);
        _relations = OccupationRelations.For(taxonomy);
        _validator = new IndexValidation(taxonomy);
        _queries = new Queries(taxonomy, graph);
        _walk = new CandidateWalk(client, options, logger);
        _areaOfCommune = areaOfCommune;
        _areaName = areaName;
        _logger = logger;
        _health = new IndexHealth("elasticsearch", IndexHealthStatus.Unavailable, $"Elasticsearch at {Where(options)}: not contacted yet.");
        _monitor = Task.Run(MonitorAsync);
    }

    /// <summary>
    /// Starts the index: returns at once; the monitor contacts the cluster and creates the layout in the background
    /// (<see cref="WaitUntilOpenAsync"/> to wait for it).
    /// </summary>
    /// <param name="places">The ground of départements and régions: an offer given by one of them is within a radius that reaches it, as in
    /// the embedded index (docs/scoring.md). Without it such an offer passes every radius, as France does.</param>
    public static ElasticsearchMatchIndex Start(ElasticsearchIndexOptions options, SkillsTaxonomy taxonomy, SkillGraph graph,
        Func<string, string?> areaOfCommune, Func<string, string?> areaName, ILogger logger, PlaceAreaMap? places = null) =>
        new(CreateClient(options), options, taxonomy, graph, areaOfCommune, areaName, logger, places);

    /// <summary>The client as Coach configures it: nodes or cloud id, API key or basic authentication, CA fingerprint.</summary>
    public static ElasticsearchClient CreateClient(ElasticsearchIndexOptions options)
    {
        ElasticsearchClientSettings settings;
        ElasticsearchClientSettings.SourceSerializerFactory serializer = (_, s) => new DefaultSourceSerializer(s, json => json.Converters.Add(new JsonStringEnumConverter()));
        if (!string.IsNullOrWhiteSpace(options.CloudId))
        {
            AuthorizationHeader auth = options.ApiKey is { } key ? new ApiKey(key) : new BasicAuthentication(options.Username!, options.Password!);
            settings = new ElasticsearchClientSettings(new CloudNodePool(options.CloudId, auth), serializer);
        }
        else
        {
            var uris = options.Url!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => new Uri(u)).ToList();
            NodePool pool = uris.Count == 1 ? new SingleNodePool(uris[0]) : new StaticNodePool(uris);
            settings = new ElasticsearchClientSettings(pool, serializer);
            if (options.ApiKey is { } key)
            {
                settings.Authentication(new ApiKey(key));
            }
            else if (options.Username is { } user)
            {
                settings.Authentication(new BasicAuthentication(user, options.Password!));
            }
        }
        if (options.CertificateFingerprint is { } fingerprint)
        {
            settings.CertificateFingerprint(fingerprint);
        }
        settings.RequestTimeout(TimeSpan.FromSeconds(options.RequestTimeoutSeconds));
        return new ElasticsearchClient(settings);
    }

    public IndexLayout Layout => _layout;

    public IndexHealth Health => _health;

    /// <summary>Waits until the cluster answered and the layout exists (false on timeout).</summary>
    public async Task<bool> WaitUntilOpenAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            await _firstOpen.Task.WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static string Where(ElasticsearchIndexOptions options) => options.Url ?? $"cloud id {options.CloudId?.Split(':')[0]}";

    // ---------------------------------------------------------------- availability

    private async Task MonitorAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                var health = await _client.Cluster.HealthAsync(timeout.Token);
                if (!health.IsValidResponse)
                {
                    var original = health.ApiCallDetails?.OriginalException;
                    SetUnavailable(health.ApiCallDetails?.HttpStatusCode is null
                        ? $"Elasticsearch at {Where(_options)} is unreachable: {(original?.InnerException ?? original)?.Message ?? "no answer"}"
                        : $"Elasticsearch at {Where(_options)}: {Responses.Failure(health, "GET _cluster/health").Message}");
                }
                else if (health.Status == HealthStatus.Red)
                {
                    SetUnavailable($"Elasticsearch cluster '{health.ClusterName}' at {Where(_options)} is red: {health.UnassignedPrimaryShards} primary shard(s) unassigned.");
                }
                else
                {
                    if (!_layoutReady)
                    {
                        await _layout.EnsureAsync(_client, _options, _logger, timeout.Token);
                        _layoutReady = true;
                    }
                    var yellow = health.Status == HealthStatus.Yellow;
                    SetAvailable(yellow
                        ? new IndexHealth("elasticsearch", IndexHealthStatus.Degraded, $"Elasticsearch cluster '{health.ClusterName}' at {Where(_options)} is yellow: {health.UnassignedShards} replica shard(s) unassigned; queries are answered, a node loss could lose data.")
                        : new IndexHealth("elasticsearch", IndexHealthStatus.Healthy, $"Elasticsearch cluster '{health.ClusterName}' at {Where(_options)} is green."));
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                SetUnavailable($"Elasticsearch at {Where(_options)} is unreachable: {e.Message}");
            }
            wait = _health.Status == IndexHealthStatus.Unavailable ? _backoff : HealthyInterval;
            try
            {
                await _wake.WaitAsync(wait, token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void SetAvailable(IndexHealth health)
    {
        var was = _health;
        _health = health;
        _backoff = TimeSpan.FromSeconds(1);
        _firstOpen.TrySetResult();
        if (was.Status != health.Status)
        {
            _logger.Log(health.Status == IndexHealthStatus.Healthy ? LogLevel.Information : LogLevel.Warning, "{Detail}", health.Detail);
        }
    }

    private void SetUnavailable(string detail)
    {
        var was = _health.Status;
        _health = new IndexHealth("elasticsearch", IndexHealthStatus.Unavailable, detail);
        if (was != IndexHealthStatus.Unavailable)
        {
            _logger.LogError("{Detail}; retrying with back-off", detail);
            _backoff = TimeSpan.FromSeconds(1);
        }
        else
        {
            _backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, _backoff.Ticks * 2));
        }
    }

    private void EnsureAvailable()
    {
        if (_health.Status == IndexHealthStatus.Unavailable || !_layoutReady)
        {
            throw new IndexUnavailableException(_health.Detail ?? "Elasticsearch is not available.", _backoff);
        }
    }

    /// <summary>Runs one call to the cluster; a call that finds no cluster flips the health and wakes the monitor.</summary>
    private async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        EnsureAvailable();
        try
        {
            return await call();
        }
        catch (IndexUnavailableException e)
        {
            SetUnavailable(e.Message);
            _wake.Release();
            throw new IndexUnavailableException(e.Message, _backoff, e);
        }
        catch (TransportException e) when (IsConnectionFailure(e))
        {
            SetUnavailable($"Elasticsearch at {Where(_options)} is unreachable: {(e.InnerException ?? e).Message}");
            _wake.Release();
            throw new IndexUnavailableException(_health.Detail!, _backoff, e);
        }
    }

    /// <summary>No answer (refused, reset, timed out); an answer Coach cannot read is a defect, not an outage.</summary>
    private static bool IsConnectionFailure(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpRequestException or System.Net.Sockets.SocketException or TimeoutException or IOException
                || (inner is TaskCanceledException && inner.InnerException is TimeoutException))
            {
                return true;
            }
        }
        return e is TransportException { ApiCallDetails.HttpStatusCode: null } && e.InnerException is not System.Text.Json.JsonException;
    }

    // ---------------------------------------------------------------- writes

    public Task<BulkResult> UpsertOffersAsync(IReadOnlyList<OfferDocument> offers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offers);
        _validator.CheckOffers(offers);
        return offers.Count == 0
            ? Task.FromResult(new BulkResult(0, 0))
            : CallAsync(() => BulkUpsertAsync(_layout.OffersAlias, offers.Select(o => (o.Id, (object)StoredDocuments.ToStored(o, _areaOfCommune, _places))).ToList(), cancellationToken));
    }

    public Task<BulkResult> UpsertProfilesAsync(IReadOnlyList<ProfileDocument> profiles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        _validator.CheckProfiles(profiles);
        return profiles.Count == 0
            ? Task.FromResult(new BulkResult(0, 0))
            : CallAsync(() => BulkUpsertAsync(_layout.ProfilesAlias, profiles.Select(p => (p.Id, (object)StoredDocuments.ToStored(p, _areaOfCommune, _places))).ToList(), cancellationToken));
    }

    private Refresh RefreshMode => _options.Refresh switch
    {
        "True" => Refresh.True,
        "False" => Refresh.False,
        _ => Refresh.WaitFor,
    };

    private async Task<BulkResult> BulkUpsertAsync(string alias, List<(string Id, object Stored)> items, CancellationToken cancellationToken)
    {
        var operations = new BulkOperationsCollection();
        foreach (var (id, stored) in items)
        {
            operations.Add(stored switch
            {
                StoredOffer o => new BulkIndexOperation<StoredOffer>(o) { Id = StoredDocuments.DocumentId(id) },
                StoredProfile p => new BulkIndexOperation<StoredProfile>(p) { Id = StoredDocuments.DocumentId(id) },
                _ => throw new InvalidOperationException(),
            });
        }
        var response = await _client.BulkAsync(new BulkRequest(alias) { Operations = operations, Refresh = RefreshMode, RequireAlias = true }, cancellationToken);
        return ReadBulk(response, items.Select(i => i.Id).ToList(), $"POST {alias}/_bulk");
    }

    /// <summary>
    /// Reads a bulk answer item by item (items come back in the order sent): created, updated, or refused with the
    /// server's error, which becomes the item's answer rather than failing the batch.
    /// </summary>
    internal static BulkResult ReadBulk(BulkResponse response, IReadOnlyList<string> ids, string operation)
    {
        // A bulk whose items were answered is valid even with item errors; no items at all is a failed call.
        if (response.Items is not { Count: > 0 } items)
        {
            throw Responses.Failure(response, operation);
        }
        var created = new HashSet<string>(StringComparer.Ordinal);
        var updated = 0;
        var failed = new List<BulkItemError>();
        var i = 0;
        foreach (var item in items)
        {
            var id = i < ids.Count ? ids[i] : item.Id ?? $"#{i}";
            i++;
            if (item.Error is { } error)
            {
                failed.Add(new BulkItemError(id, item.Status, error.Type ?? "error", error.Reason ?? error.Type ?? "refused"));
            }
            else if (item.Result == "created" && !created.Contains(id))
            {
                created.Add(id);
            }
            else
            {
                updated++;
            }
        }
        return new BulkResult(created.Count, updated, created, failed);
    }

    public Task<int> DeleteOffersAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default) =>
        DeleteAsync(_layout.OffersAlias, ids, cancellationToken);

    public Task<int> DeleteProfilesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default) =>
        DeleteAsync(_layout.ProfilesAlias, ids, cancellationToken);

    private Task<int> DeleteAsync(string alias, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return Task.FromResult(0);
        }
        return CallAsync(async () =>
        {
            var distinct = ids.Where(id => id is not null).Distinct(StringComparer.Ordinal).ToList();
            var operations = new BulkOperationsCollection();
            foreach (var id in distinct)
            {
                operations.Add(new BulkDeleteOperation(StoredDocuments.DocumentId(id)));
            }
            var response = await _client.BulkAsync(new BulkRequest(alias) { Operations = operations, Refresh = RefreshMode, RequireAlias = true }, cancellationToken);
            return ReadBulkDelete(response, distinct, $"POST {alias}/_bulk (delete)");
        });
    }

    /// <summary>How many existed; a delete the cluster refused fails the call (an erasure must not half succeed silently).</summary>
    internal static int ReadBulkDelete(BulkResponse response, IReadOnlyList<string> ids, string operation)
    {
        if (response.Items is not { Count: > 0 } items)
        {
            throw Responses.Failure(response, operation);
        }
        var deleted = 0;
        var errors = new List<string>();
        var i = 0;
        foreach (var item in items)
        {
            var id = i < ids.Count ? ids[i] : item.Id;
            i++;
            if (item.Result == "deleted")
            {
                deleted++;
            }
            else if (item.Status == 404 || item.Result == "not_found")
            {
                continue;
            }
            else if (item.Error is { } error)
            {
                errors.Add($"{id}: {error.Type}: {error.Reason}");
                if (item.Status is 429 or >= 500)
                {
                    throw new IndexUnavailableException($"Elasticsearch refused to delete {id} ({error.Type}: {error.Reason}).", Responses.DefaultRetryAfter);
                }
            }
        }
        return errors.Count > 0
            ? throw new InvalidOperationException($"Elasticsearch refused {errors.Count} delete(s): {string.Join("; ", errors.Take(5))}")
            : deleted;
    }

    // ---------------------------------------------------------------- reads

    public Task<OfferDocument?> GetOfferAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return CallAsync(async () =>
        {
            var response = await _client.GetAsync<StoredOffer>(new GetRequest(_layout.OffersAlias, StoredDocuments.DocumentId(id)), cancellationToken);
            return Found(response, $"GET {_layout.OffersAlias}/_doc") ? response.Source?.Doc : null;
        });
    }

    public Task<ProfileDocument?> GetProfileAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return CallAsync(async () =>
        {
            var response = await _client.GetAsync<StoredProfile>(new GetRequest(_layout.ProfilesAlias, StoredDocuments.DocumentId(id)), cancellationToken);
            return Found(response, $"GET {_layout.ProfilesAlias}/_doc") ? response.Source?.Doc : null;
        });
    }

    private static bool Found<T>(GetResponse<T> response, string operation)
    {
        if (response.ApiCallDetails?.HttpStatusCode == 404)
        {
            return false;
        }
        Responses.ThrowIfFailed(response, operation);
        return response.Found;
    }

    public Task<IReadOnlyList<string>> OfferIdsOwnedByAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ownerId);
        return CallAsync<IReadOnlyList<string>>(async () =>
        {
            var ids = new List<string>();
            await foreach (var hit in ScanAsync<OwnedId>(_layout.OffersAlias, new TermQuery { Field = "owner", Value = FieldValue.String(ownerId) }, "id", cancellationToken))
            {
                ids.Add(hit.Id);
            }
            ids.Sort(StringComparer.Ordinal);
            return ids;
        });
    }

    private sealed record OwnedId([property: JsonPropertyName("id")] string Id);

    /// <summary>Every document matching a filter, through a point in time in chunks (search_after on _shard_doc).</summary>
    private async IAsyncEnumerable<T> ScanAsync<T>(string alias, Query filter, string sourceField, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var opened = await _client.OpenPointInTimeAsync(new OpenPointInTimeRequest(alias) { KeepAlive = "1m" }, cancellationToken);
        Responses.ThrowIfFailed(opened, $"POST {alias}/_pit");
        var pit = opened.Id;
        try
        {
            ICollection<FieldValue>? after = null;
            while (true)
            {
                var response = await _client.SearchAsync<T>(new SearchRequest<T>
                {
                    Pit = new PointInTimeReference { Id = pit, KeepAlive = "1m" },
                    Query = new BoolQuery { Filter = [filter] },
                    Size = _options.ChunkSize,
                    Sort = [new SortOptions { Field = new FieldSort { Field = "_shard_doc", Order = SortOrder.Asc } }],
                    SearchAfter = after,
                    TrackTotalHits = new TrackHits(false),
                    Source = new SourceConfig(new SourceFilter { Includes = Fields.FromString(sourceField) }),
                }, cancellationToken);
                Responses.ThrowIfFailed(response, $"POST _search (pit of {alias})");
                pit = response.PitId ?? pit;
                foreach (var hit in response.Hits)
                {
                    if (hit.Source is { } source)
                    {
                        yield return source;
                    }
                }
                if (response.Hits.Count < _options.ChunkSize)
                {
                    yield break;
                }
                after = [.. response.Hits.Last().Sort ?? []];
            }
        }
        finally
        {
            try
            {
                await _client.ClosePointInTimeAsync(new ClosePointInTimeRequest { Id = pit }, CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The point in time expires by itself after its keep-alive.
                _logger.LogDebug(e, "Closing a point in time failed");
            }
        }
    }

    // ---------------------------------------------------------------- matching

    /// <summary>A side's skills as sorted distinct taxonomy ids (URIs the taxonomy no longer has are left out, as the embedded store does).</summary>
    private int[] SupplyIds(IEnumerable<OfferedSkill> skills) =>
        [.. skills.Select(s => _scorer.Taxonomy.SkillByUri(s.SkillUri)?.Id ?? -1).Where(id => id >= 0).Distinct().Order()];

    private (int[] Ids, bool[] Optional, bool[] MustHave) DemandIds(OfferDocument offer)
    {
        var skills = Demand.Of(offer).Skills
            .Select(s => (Id: _scorer.Taxonomy.SkillByUri(s.Uri)?.Id ?? -1, s.Optional, s.MustHave))
            .Where(s => s.Id >= 0)
            .OrderBy(s => s.Id)
            .ToList();
        return ([.. skills.Select(s => s.Id)], [.. skills.Select(s => s.Optional)], [.. skills.Select(s => s.MustHave)]);
    }

    /// <summary>One side has a place and the other none: the distance is unknown (<see cref="MatchScorer.UnknownDistance"/>).</summary>
    private static bool PlaceUnknown(Place? offer, Place? profile) => (offer is null) != (profile is null);

    private static double? DistanceKm(Place? offer, Place? profile) =>
        offer is not null && profile is not null ? MatchScorer.DistanceKm(offer.Latitude, offer.Longitude, profile.Latitude, profile.Longitude) : null;

    public Task<MatchPage> MatchOffersAsync(ProfileDocument profile, MatchOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(options);
        _validator.CheckProfileProbe(profile, options);
        var radius = options.RadiusKm ?? profile.RadiusKm;
        var cursor = PageCursor.Decode(options.Cursor);
        var supplied = SupplyIds(profile.Skills);
        var wishes = MatchScorer.ContractMask(profile.ContractWishes);
        var excluded = options.ExcludedOccupationUris is { Count: > 0 } e ? e.ToHashSet(StringComparer.Ordinal) : null;
        // A seeker with a target job: the offers of that job pass the floor whatever their bound, so the bound cannot prune by it.
        var targeted = profile.TargetRomeCodes is { Count: > 0 } || profile.TargetOccupationUris is { Count: > 0 };
        return CallAsync(async () =>
        {
            if (supplied.Length == 0)
            {
                return new MatchPage([], 0, null);
            }
            // The départements and régions the seeker's circle reaches: their offers are within the radius (docs/scoring.md).
            var reached = profile.Place is { } centre && _places is not null ? _places.ReachedBy(centre.Latitude, centre.Longitude, radius) : null;
            var query = _queries.OffersFor(supplied, profile.Place, radius, wishes, profile.ExperienceYears, options.AllowRelated, options.ExcludedOccupationUris, reached);
            var result = await _walk.RunAsync<StoredOffer>(_layout.OffersAlias, query, stored =>
            {
                var offer = stored.Doc!;
                var (ids, optional, must) = DemandIds(offer);
                // The query's must_not already leaves excluded occupations out; checked again so that the page never depends on it.
                if ((excluded is not null && offer.OccupationUri is { } occupation && excluded.Contains(occupation))
                    || !_scorer.MeetsAll([.. ids.Where((_, i) => must[i])], supplied, options.AllowRelated))
                {
                    return (0, offer.Id);
                }
                var fit = _relations.Fit(offer, profile);
                var total = _scorer.Total(ids, optional, supplied, options.AllowRelated, DistanceKm(offer.Place, profile.Place), radius,
                    offer.Contract, wishes, offer.Experience, offer.ExperienceYears, profile.ExperienceYears, placeUnknown: PlaceUnknown(offer.Place, profile.Place),
                    occupation: MatchScorer.Occupation(fit));
                // The floor is a hard filter on the fit apart from the job, as in the embedded index (a hit below it is no match), and
                // spares the offers of a target job.
                return (total < options.MinScore * MatchScorer.Occupation(fit) && fit != OccupationFit.Target ? 0 : total, offer.Id);
            }, cursor, options.Size, null, cancellationToken, targeted ? 0 : options.MinScore,
                // With a floor, Elasticsearch counts the candidates whose bound passes it, more than pass Coach's score: its "more than
                // the cap" could be false, so the count stays whole (an upper bound, as before the cap: docs/scaling.md).
                !targeted && options.MinScore > 0 ? null : options.TotalUpTo);
            var hits = result.Page.Select(h =>
            {
                var offer = h.Source.Doc!;
                var (ids, optional, _) = DemandIds(offer);
                var explanation = _scorer.Explain(ids, optional, supplied, options.AllowRelated, DistanceKm(offer.Place, profile.Place), radius,
                    offer.Contract, wishes, offer.Experience, offer.ExperienceYears, profile.ExperienceYears, placeUnknown: PlaceUnknown(offer.Place, profile.Place),
                    occupation: MatchScorer.Occupation(_relations.Fit(offer, profile)));
                return new MatchHit(offer.Id, h.Score, explanation);
            }).ToList();
            return new MatchPage(hits, result.Total, NextCursor(hits, result.More), result.TotalIsLowerBound);
        });
    }

    public Task<MatchPage> MatchProfilesAsync(OfferDocument offer, MatchOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(options);
        _validator.CheckOfferProbe(offer, options);
        var (ids, optional, must) = DemandIds(offer);
        return CallAsync(async () =>
        {
            var page = await MatchProfilesAsync(ids, optional, must, offer, offer.Place, offer.Contract, offer.Experience, offer.ExperienceYears,
                options.AllowRelated, options.RadiusKm, options.SearchableOnly, null, options.Size, options.Cursor, false, options.BandedDistance, cancellationToken, options.TotalUpTo);
            return page.Page;
        });
    }

    public Task<CandidateSearchResult> SearchCandidatesAsync(CandidateQuery query, CancellationToken cancellationToken = default)
    {
        _validator.CheckCandidateQuery(query);
        // Must-have skills are essential and hard filters, nice-to-have ones optional (a skill in both is must-have);
        // unspecified contract, no experience asked.
        var mustIds = (query.MustHave ?? []).Select(u => _scorer.Taxonomy.SkillByUri(u)!.Id).Distinct().ToHashSet();
        var skills = mustIds.Select(id => (Id: id, Optional: false, Must: true))
            .Concat((query.NiceToHave ?? []).Select(u => _scorer.Taxonomy.SkillByUri(u)!.Id).Distinct().Where(id => !mustIds.Contains(id)).Select(id => (Id: id, Optional: true, Must: false)))
            .OrderBy(s => s.Id)
            .ToList();
        return CallAsync(async () =>
        {
            var (page, aggregations, total) = await MatchProfilesAsync([.. skills.Select(s => s.Id)], [.. skills.Select(s => s.Optional)], [.. skills.Select(s => s.Must)],
                null, query.Place, ContractType.Unspecified, ExperienceRequirement.BeginnerAccepted, null, query.AllowRelated, query.RadiusKm, true,
                new Queries.CandidateFilter(query.Contracts, query.MinExperienceYears), query.Size, query.Cursor, true, true, cancellationToken);
            return new CandidateSearchResult(page.Hits, page.Total, page.NextCursor, Facets(aggregations, query.Place, total));
        });
    }

    /// <param name="offer">The offer whose candidates are read (its job weighs each candidate's occupation factor); null for a candidate search.</param>
    private async Task<(MatchPage Page, AggregateDictionary? Aggregations, long Total)> MatchProfilesAsync(int[] ids, bool[] optional, bool[] must, OfferDocument? offer, Place? place,
        ContractType contract, ExperienceRequirement requirement, double? yearsAsked, bool allowRelated, double? radiusOverride, bool searchableOnly,
        Queries.CandidateFilter? filter, int size, string? cursorText, bool facets, bool banded, CancellationToken cancellationToken, int? totalUpTo = null)
    {
        var cursor = PageCursor.Decode(cursorText);
        if (ids.Length == 0)
        {
            return (new MatchPage([], 0, null), null, 0);
        }
        var mustIds = ids.Where((_, i) => must[i]).ToArray();
        // An offer given by a département or a région: a located profile must reach it with its circle (docs/scoring.md).
        var areaKey = place is null && offer?.Place is null && _places is not null ? _places.KeyOf(offer?.PlaceArea) : null;
        var area = areaKey is null ? null : new Queries.AreaFilter(areaKey, radiusOverride is null ? [] : _places!.DiscsOf(areaKey));
        var query = _queries.ProfilesFor(ids, optional, must, place, radiusOverride, searchableOnly, contract, requirement, allowRelated, filter, area);
        var result = await _walk.RunAsync<StoredProfile>(_layout.ProfilesAlias, query, stored =>
        {
            var profile = stored.Doc!;
            var supplied = SupplyIds(profile.Skills);
            var radius = radiusOverride ?? profile.RadiusKm;
            var distance = DistanceKm(place, profile.Place);
            if ((searchableOnly && !profile.Searchable) || distance > radius || !_scorer.MeetsAll(mustIds, supplied, allowRelated) || !Passes(filter, profile))
            {
                return (0, profile.Id);
            }
            // What a recruiter sees is scored by the distance band, never the exact distance (the radius above stays exact).
            return (_scorer.Total(ids, optional, supplied, allowRelated, Scored(distance, banded), radius,
                contract, MatchScorer.ContractMask(profile.ContractWishes), requirement, yearsAsked, profile.ExperienceYears, Evidence(profile, banded), placeUnknown: PlaceUnknown(place, profile.Place),
                Occupation(offer, profile)), profile.Id);
        }, cursor, size, facets ? Queries.CandidateFacets(place) : null, cancellationToken, totalUpTo: totalUpTo);
        var hits = result.Page.Select(h =>
        {
            var profile = h.Source.Doc!;
            var explanation = _scorer.Explain(ids, optional, SupplyIds(profile.Skills), allowRelated, Scored(DistanceKm(place, profile.Place), banded), radiusOverride ?? profile.RadiusKm,
                contract, MatchScorer.ContractMask(profile.ContractWishes), requirement, yearsAsked, profile.ExperienceYears, Evidence(profile, banded), placeUnknown: PlaceUnknown(place, profile.Place),
                Occupation(offer, profile));
            return new MatchHit(profile.Id, h.Score, explanation);
        }).ToList();
        return (new MatchPage(hits, result.Total, NextCursor(hits, result.More), result.TotalIsLowerBound), result.Aggregations, result.Total);
    }

    private static double? Scored(double? distanceKm, bool banded) => banded ? DistanceBands.Floor(distanceKm) : distanceKm;

    /// <summary>How the offer's job stands to the candidate's targets (docs/scoring.md); 1 for a candidate search, which states no job.</summary>
    private double Occupation(OfferDocument? offer, ProfileDocument profile) => offer is null ? 1 : MatchScorer.Occupation(_relations.Fit(offer, profile));

    /// <summary>What a recruiter sees weighs how well the candidate's skills are evidenced (docs/scoring.md); a seeker's own matches do not.</summary>
    private static double Evidence(ProfileDocument profile, bool banded) => banded ? MatchScorer.Evidence(MatchScorer.Attested(profile.Skills)) : 1;

    private static bool Passes(Queries.CandidateFilter? filter, ProfileDocument profile)
    {
        if (filter is null)
        {
            return true;
        }
        if (filter.MinExperienceYears is { } min && profile.ExperienceYears < min)
        {
            return false;
        }
        var wishes = MatchScorer.ContractMask(profile.ContractWishes);
        var asked = filter.Contracts is { Count: > 0 } c ? MatchScorer.ContractMask(c) : 0;
        return asked == 0 || wishes == 0 || (wishes & MatchScorer.ContractMask(ContractType.Unspecified)) != 0 || (wishes & asked) != 0;
    }

    private static string? NextCursor(List<MatchHit> hits, bool more) =>
        more && hits.Count > 0 ? new PageCursor(hits[^1].Score, hits[^1].Id).Encode() : null;

    /// <summary>The facets as the embedded index gives them, from the aggregations of the walk's first search.</summary>
    internal static CandidateFacets Facets(AggregateDictionary? aggregations, Place? place, long total)
    {
        var distance = new List<FacetBucket>();
        var noPlace = aggregations?.GetMissing("no_place")?.DocCount ?? 0;
        if (place is null)
        {
            distance.AddRange(Queries.DistanceBandKeys.Select(k => new FacetBucket(k, 0)));
            noPlace = total;
        }
        else
        {
            var buckets = aggregations?.GetGeoDistance("distance")?.Buckets ?? [];
            foreach (var key in Queries.DistanceBandKeys)
            {
                distance.Add(new FacetBucket(key, buckets.FirstOrDefault(b => b.Key == key)?.DocCount ?? 0));
            }
        }
        if (noPlace > 0)
        {
            distance.Add(new FacetBucket(DistanceBands.Unknown, noPlace));
        }
        var contractCounts = (aggregations?.GetStringTerms("contracts")?.Buckets ?? [])
            .ToDictionary(b => b.Key.ToString(), b => b.DocCount, StringComparer.Ordinal);
        var contracts = Enum.GetValues<ContractType>().Where(c => c != ContractType.Unspecified)
            .Select(c => new FacetBucket(c.ToString(), contractCounts.GetValueOrDefault(c.ToString())))
            .Append(new FacetBucket(StoredDocuments.AnyContract, contractCounts.GetValueOrDefault(StoredDocuments.AnyContract)))
            .Where(b => b.Count > 0)
            .ToList();
        var experienceBuckets = aggregations?.GetRange("experience")?.Buckets ?? [];
        var experience = Queries.ExperienceBandKeys.Select(k => new FacetBucket(k, experienceBuckets.FirstOrDefault(b => b.Key == k)?.DocCount ?? 0)).ToList();
        return new CandidateFacets(distance, contracts, experience);
    }

    // ---------------------------------------------------------------- market

    public Task<SupplyDemandResult> SupplyDemandAsync(SupplyDemandQuery query, CancellationToken cancellationToken = default)
    {
        _validator.CheckSupplyDemand(query);
        var skill = query.SkillUri is { Length: > 0 } uri ? _scorer.Taxonomy.SkillByUri(uri)!.Id : -1;
        var occupation = skill < 0 ? _scorer.Taxonomy.OccupationByUri(query.OccupationUri!)!.Id : -1;
        var radius = query.RadiusKm ?? Engine.Indexing.Embedded.EmbeddedMatchIndex.DefaultSupplyDemandRadiusKm;
        return CallAsync(async () =>
        {
            var offers = await PerAreaAsync(_layout.OffersAlias, _queries.SupplyDemand(true, skill, occupation, query.Place, radius), cancellationToken);
            var profiles = await PerAreaAsync(_layout.ProfilesAlias, _queries.SupplyDemand(false, skill, occupation, query.Place, radius), cancellationToken);
            var areas = offers.Keys.Union(profiles.Keys)
                .Select(code => code == Queries.UnknownArea
                    ? new SupplyDemandArea("unknown", null, offers.GetValueOrDefault(code), profiles.GetValueOrDefault(code))
                    : new SupplyDemandArea(code, _areaName(code), offers.GetValueOrDefault(code), profiles.GetValueOrDefault(code)))
                .OrderByDescending(a => a.Offers + a.Profiles)
                .ThenBy(a => a.AreaCode, StringComparer.Ordinal)
                .ToList();
            return new SupplyDemandResult(areas.Sum(a => a.Offers), areas.Sum(a => a.Profiles), areas);
        });
    }

    private async Task<Dictionary<string, long>> PerAreaAsync(string alias, Query query, CancellationToken cancellationToken)
    {
        var response = await _client.SearchAsync<object>(new SearchRequest(alias)
        {
            Query = query,
            Size = 0,
            TrackTotalHits = new TrackHits(true),
            Aggregations = Queries.PerArea(),
        }, cancellationToken);
        Responses.ThrowIfFailed(response, $"POST {alias}/_search (per area)");
        return ReadPerArea(response.Aggregations);
    }

    internal static Dictionary<string, long> ReadPerArea(AggregateDictionary? aggregations) =>
        (aggregations?.GetStringTerms("areas")?.Buckets ?? []).ToDictionary(b => b.Key.ToString(), b => b.DocCount, StringComparer.Ordinal);

    public Task<IndexCounts> CountAsync(CancellationToken cancellationToken = default) =>
        CallAsync(async () =>
        {
            var offers = await _client.CountAsync(new CountRequest(_layout.OffersAlias), cancellationToken);
            Responses.ThrowIfFailed(offers, $"POST {_layout.OffersAlias}/_count");
            var profiles = await _client.CountAsync(new CountRequest(_layout.ProfilesAlias), cancellationToken);
            Responses.ThrowIfFailed(profiles, $"POST {_layout.ProfilesAlias}/_count");
            return new IndexCounts(offers.Count, profiles.Count);
        });

    /// <summary>Makes every acknowledged write searchable now (after a bulk load with <c>Refresh=False</c>).</summary>
    public Task RefreshAsync(CancellationToken cancellationToken = default) =>
        CallAsync(async () =>
        {
            var response = await _client.Indices.RefreshAsync(Indices.Parse($"{_layout.OffersAlias},{_layout.ProfilesAlias}"), cancellationToken);
            Responses.ThrowIfFailed(response, "POST _refresh");
            return true;
        });

    // ---------------------------------------------------------------- lifetime

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stopping.CancelAsync();
        try
        {
            await _monitor;
        }
        catch (OperationCanceledException)
        {
        }
        _stopping.Dispose();
        _wake.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
