using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.Mapping;
using Microsoft.Extensions.Logging;

namespace Matching.Elasticsearch;

/// <summary>
/// The indices, aliases and templates Coach uses, created at start, idempotently. Each side has an alias
/// (<c>coach-offers</c>, <c>coach-profiles</c>) that Coach reads and writes through, pointing at a versioned index
/// (<c>coach-offers-v1</c>). An index template per side carries the mappings for its versioned indices.
/// A mapping change bumps <see cref="MappingVersion"/>: the next start creates the new index, copies the
/// old one into it (<c>_reindex</c>) and switches the alias in one atomic <c>_aliases</c> call; the old
/// index stays until an operator deletes it.
/// </summary>
public sealed class IndexLayout(string prefix)
{
    /// <summary>Version of the mappings below; bump it with any change to them.</summary>
    public const int MappingVersion = 3;

    public string OffersAlias => $"{prefix}-offers";

    public string ProfilesAlias => $"{prefix}-profiles";

    public string OffersIndex => $"{OffersAlias}-v{MappingVersion}";

    public string ProfilesIndex => $"{ProfilesAlias}-v{MappingVersion}";

    public static TypeMapping OfferMappings() => new()
    {
        Dynamic = DynamicMapping.Strict,
        Meta = Meta(),
        Properties = new Properties
        {
            ["id"] = new KeywordProperty(),
            ["title"] = new TextProperty(),
            ["occupation"] = new KeywordProperty(),
            ["rome_code"] = new KeywordProperty(),
            ["skills"] = new ObjectProperty
            {
                Properties = new Properties
                {
                    ["uri"] = new KeywordProperty(),
                    ["importance"] = new KeywordProperty(),
                    ["must_have"] = new BooleanProperty(),
                    ["source"] = new KeywordProperty(),
                },
            },
            ["skill_ids"] = new KeywordProperty(),
            ["essential_ids"] = new KeywordProperty(),
            ["optional_ids"] = new KeywordProperty(),
            ["must_have_ids"] = new KeywordProperty(),
            ["must_have_count"] = new IntegerNumberProperty(),
            ["essential_weight"] = new DoubleNumberProperty(),
            ["optional_weight"] = new DoubleNumberProperty(),
            ["location"] = new GeoPointProperty(),
            ["commune"] = new KeywordProperty(),
            ["area"] = new KeywordProperty(),
            // Commune, Departement, Region, Country, Remote or Abroad: an offer without "location" of a wider scope has an unknown distance.
            ["place_scope"] = new KeywordProperty(),
            // The département or région ("D74", "R84") of an offer without "location" (version 3): within a radius that reaches it.
            ["place_area"] = new KeywordProperty(),
            ["contract"] = new KeywordProperty(),
            ["experience"] = new KeywordProperty(),
            ["experience_years"] = new DoubleNumberProperty(),
            ["created_at"] = new DateProperty(),
            ["updated_at"] = new DateProperty(),
            ["source"] = new KeywordProperty(),
            ["owner"] = new KeywordProperty(),
            // The document as Coach wrote it: returned by reads and re-scored by Coach, never indexed.
            ["doc"] = new ObjectProperty { Enabled = false },
        },
    };

    public static TypeMapping ProfileMappings() => new()
    {
        Dynamic = DynamicMapping.Strict,
        Meta = Meta(),
        Properties = new Properties
        {
            ["id"] = new KeywordProperty(),
            ["skills"] = new ObjectProperty
            {
                Properties = new Properties
                {
                    ["uri"] = new KeywordProperty(),
                    ["evidence"] = new KeywordProperty(),
                },
            },
            ["skill_ids"] = new KeywordProperty(),
            ["skill_count"] = new IntegerNumberProperty(),
            ["occupations"] = new KeywordProperty(),
            ["rome_codes"] = new KeywordProperty(),
            ["location"] = new GeoPointProperty(),
            ["commune"] = new KeywordProperty(),
            ["area"] = new KeywordProperty(),
            ["radius_km"] = new DoubleNumberProperty(),
            // The départements and régions the profile's own circle reaches (version 3).
            ["reached_areas"] = new KeywordProperty(),
            ["experience_years"] = new DoubleNumberProperty(),
            ["contract_wishes"] = new KeywordProperty(),
            ["consent"] = new BooleanProperty(),
            ["updated_at"] = new DateProperty(),
            ["owner"] = new KeywordProperty(),
            ["doc"] = new ObjectProperty { Enabled = false },
        },
    };

    // The specification types _meta values as objects: one object under "coach".
    private static Dictionary<string, object> Meta() =>
        new() { ["coach"] = new Dictionary<string, object> { ["mapping_version"] = MappingVersion, ["managed_by"] = "coach" } };

    public IndexSettings Settings(ElasticsearchIndexOptions options) => new()
    {
        NumberOfShards = options.NumberOfShards,
        NumberOfReplicas = options.NumberOfReplicas,
    };

    /// <summary>Templates, indices and aliases of both sides; safe to run from several instances at once.</summary>
    public async Task EnsureAsync(ElasticsearchClient client, ElasticsearchIndexOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        await EnsureSideAsync(client, OffersAlias, OffersIndex, OfferMappings(), options, logger, cancellationToken);
        await EnsureSideAsync(client, ProfilesAlias, ProfilesIndex, ProfileMappings(), options, logger, cancellationToken);
    }

    private async Task EnsureSideAsync(ElasticsearchClient client, string alias, string index, TypeMapping mappings, ElasticsearchIndexOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var template = await client.Indices.PutIndexTemplateAsync(new PutIndexTemplateRequest(alias)
        {
            IndexPatterns = $"{alias}-v*",
            Priority = 500,
            Version = MappingVersion,
            Meta = Meta(),
            Template = new IndexTemplateMapping { Mappings = mappings, Settings = Settings(options) },
        }, cancellationToken);
        Responses.ThrowIfFailed(template, $"PUT _index_template/{alias}");

        var exists = await client.Indices.ExistsAsync(index, cancellationToken);
        if (!exists.Exists)
        {
            var created = await client.Indices.CreateAsync(new CreateIndexRequest(index)
            {
                Mappings = mappings,
                Settings = Settings(options),
            }, cancellationToken);
            // Another instance may have created it between the two calls: that is the same index.
            if (!created.IsValidResponse && created.ElasticsearchServerError?.Error?.Type != "resource_already_exists_exception")
            {
                Responses.ThrowIfFailed(created, $"PUT {index}");
            }
            else if (created.IsValidResponse)
            {
                logger.LogInformation("Elasticsearch index {Index} created (mapping version {Version})", index, MappingVersion);
            }
        }

        var current = await client.Indices.GetAliasAsync(new GetAliasRequest(Names.Parse(alias)) { IgnoreUnavailable = true }, cancellationToken);
        var pointsAt = current.IsValidResponse && current.Aliases is { } aliases ? aliases.Keys.ToList() : [];
        if (pointsAt.Contains(index))
        {
            return;
        }
        var older = pointsAt.Where(i => i != index).ToList();
        if (older.Count > 0)
        {
            logger.LogWarning("Elasticsearch alias {Alias} points at {Old}: copying into {Index} (mapping version {Version}) before switching", alias, string.Join(",", older), index, MappingVersion);
            var copy = await client.ReindexAsync(new ReindexRequest
            {
                Source = new Elastic.Clients.Elasticsearch.Core.Reindex.Source { Indices = Indices.Parse(string.Join(",", older)) },
                Dest = new Elastic.Clients.Elasticsearch.Core.Reindex.Destination { Index = index },
                Conflicts = Conflicts.Proceed,
                WaitForCompletion = true,
                Refresh = true,
            }, cancellationToken);
            Responses.ThrowIfFailed(copy, $"POST _reindex {string.Join(",", older)} -> {index}");
        }
        var actions = new List<IndexUpdateAliasesAction>();
        if (older.Count > 0)
        {
            actions.Add(new IndexUpdateAliasesAction { Remove = new RemoveAction { Indices = Indices.Parse(string.Join(",", older)), Alias = alias } });
        }
        actions.Add(new IndexUpdateAliasesAction { Add = new AddAction { Index = index, Alias = alias, IsWriteIndex = true } });
        var switched = await client.Indices.UpdateAliasesAsync(new UpdateAliasesRequest { Actions = actions }, cancellationToken);
        Responses.ThrowIfFailed(switched, $"POST _aliases {alias} -> {index}");
        logger.LogInformation("Elasticsearch alias {Alias} now points at {Index}", alias, index);
    }
}
