using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Engine.Data;

namespace Matching.Elasticsearch.Tests;

/// <summary>
/// A small validator of JSON bodies against Elastic's own OpenAPI documents (../shared/elasticsearch): the
/// operation is found by method and path template, then the body is checked against the operation's request (or
/// response) schema, following <c>$ref</c>, <c>allOf</c>, <c>oneOf</c>/<c>anyOf</c> (as "one of them fits"),
/// <c>discriminator</c>, types, <c>enum</c>, <c>required</c>, <c>properties</c>, <c>additionalProperties</c>,
/// <c>items</c> and <c>min/maxProperties</c>.
/// </summary>
/// <remarks>
/// Unknown keys: Elastic's schemas leave out the field-name keys of field-keyed objects (<c>{"term": {"skill_ids": …}}</c>),
/// so an unknown key is accepted in an ordinary object. It is an error in two places where it can only be a mistake:
/// the root of a request body, and a tagged container (exactly one key among named properties, such as a query
/// or an aggregation: a misspelt query type). <c>SortOptions</c> is such a container whose other keys are field
/// names (<c>{"_shard_doc": {"order": "asc"}}</c>), so it is the one container left open.
/// </remarks>
public sealed class OpenApiSpec
{
    private static readonly HashSet<string> s_openContainers = ["_types.SortOptions"];

    private static readonly Lazy<OpenApiSpec> s_serverless = new(() => Load("elasticsearch-serverless-openapi-2026-08.json"));
    private static readonly Lazy<OpenApiSpec> s_es817 = new(() => Load("elasticsearch-openapi-8.17.json"));

    private readonly JsonElement _root;

    private OpenApiSpec(JsonElement root, string name)
    {
        _root = root;
        Name = name;
    }

    public string Name { get; }

    /// <summary>The newest document (serverless, 2026-08).</summary>
    public static OpenApiSpec Serverless => s_serverless.Value;

    /// <summary>The full 8.17 document, for the endpoints serverless lacks (<c>_cluster/health</c>).</summary>
    public static OpenApiSpec Es817 => s_es817.Value;

    /// <summary>The serverless document when it has the operation, else 8.17.</summary>
    public static OpenApiSpec For(string method, string path) =>
        Serverless.FindOperation(method, path) is not null ? Serverless : Es817;

    private static OpenApiSpec Load(string file)
    {
        var data = DataFolder.Resolve(Environment.GetEnvironmentVariable("COACH_DATA"), AppContext.BaseDirectory);
        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(data))!, "elasticsearch", file);
        using var stream = File.OpenRead(path);
        return new OpenApiSpec(JsonDocument.Parse(stream).RootElement.Clone(), file);
    }

    /// <summary>The path template and operation for a concrete request path (most literal segments win).</summary>
    public (string Template, JsonElement Operation)? FindOperation(string method, string path)
    {
        var segments = path.Trim('/').Split('/');
        (string, JsonElement)? best = null;
        var bestLiterals = -1;
        foreach (var p in _root.GetProperty("paths").EnumerateObject())
        {
            var template = p.Name.Trim('/').Split('/');
            if (template.Length != segments.Length || (p.Name == "/" && path != "/"))
            {
                continue;
            }
            var literals = 0;
            var fits = true;
            for (var i = 0; i < template.Length && fits; i++)
            {
                if (template[i].StartsWith('{'))
                {
                    fits = segments[i].Length > 0 && !segments[i].StartsWith('_');
                }
                else
                {
                    fits = template[i] == segments[i];
                    literals++;
                }
            }
            if (fits && literals > bestLiterals && p.Value.TryGetProperty(method.ToLowerInvariant(), out var operation))
            {
                best = (p.Name, operation);
                bestLiterals = literals;
            }
        }
        return best;
    }

    /// <summary>Errors of a request: its query-string parameters and its JSON body (null for none).</summary>
    public List<string> ValidateRequest(string method, string path, IReadOnlyDictionary<string, string> query, JsonNode? body)
    {
        var errors = new List<string>();
        if (FindOperation(method, path) is not var (template, operation))
        {
            errors.Add($"{Name}: no operation {method} {path}");
            return errors;
        }
        var parameters = Parameters(operation).Where(p => p.GetProperty("in").GetString() == "query").ToDictionary(p => p.GetProperty("name").GetString()!);
        foreach (var (name, value) in query)
        {
            if (!parameters.TryGetValue(name, out var parameter))
            {
                errors.Add($"{method} {template}: unknown query parameter '{name}'");
                continue;
            }
            if (parameter.TryGetProperty("schema", out var schema))
            {
                Validate(QueryValue(value, Resolve(schema)), schema, $"?{name}", errors, strictRoot: false);
            }
        }
        if (body is not null)
        {
            if (!operation.TryGetProperty("requestBody", out var requestBody))
            {
                errors.Add($"{method} {template}: takes no body");
                return errors;
            }
            var schema = BodySchema(Resolve(requestBody));
            Validate(body, schema, "$", errors, strictRoot: true);
        }
        return errors;
    }

    /// <summary>Errors of a response body the tests serve, against the operation's response schema for <paramref name="status"/>.</summary>
    public List<string> ValidateResponse(string method, string path, int status, JsonNode body)
    {
        var errors = new List<string>();
        if (FindOperation(method, path) is not var (template, operation))
        {
            return [$"{Name}: no operation {method} {path}"];
        }
        if (!operation.GetProperty("responses").TryGetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response))
        {
            return [$"{method} {template}: no response {status}"];
        }
        Validate(body, BodySchema(Resolve(response)), "$", errors, strictRoot: true);
        return errors;
    }

    /// <summary>Errors of a value against a named component schema (e.g. <c>_global.bulk.OperationContainer</c>).</summary>
    public List<string> ValidateSchema(string component, JsonNode? value, bool strictRoot = true)
    {
        var errors = new List<string>();
        Validate(value, _root.GetProperty("components").GetProperty("schemas").GetProperty(component), "$", errors, strictRoot);
        return errors;
    }

    private IEnumerable<JsonElement> Parameters(JsonElement operation) =>
        operation.TryGetProperty("parameters", out var list) ? list.EnumerateArray().Select(Resolve) : [];

    private static JsonElement BodySchema(JsonElement requestOrResponse)
    {
        var content = requestOrResponse.GetProperty("content");
        foreach (var type in content.EnumerateObject())
        {
            return type.Value.GetProperty("schema");
        }
        throw new InvalidOperationException("No content.");
    }

    private static JsonNode? QueryValue(string value, JsonElement schema)
    {
        var type = schema.TryGetProperty("type", out var t) ? t.GetString() : null;
        return type switch
        {
            "boolean" when value is "true" or "false" => JsonValue.Create(value == "true"),
            "number" when double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
            _ => JsonValue.Create(value),
        };
    }

    private JsonElement Resolve(JsonElement schema)
    {
        var hops = 0;
        while (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            var parts = reference.GetString()!.TrimStart('#', '/').Split('/');
            var target = _root;
            foreach (var part in parts)
            {
                target = target.GetProperty(part);
            }
            schema = target;
            if (++hops > 50)
            {
                throw new InvalidOperationException("$ref loop");
            }
        }
        return schema;
    }

    private static string? RefName(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var r) ? r.GetString()!.Split('/')[^1] : null;

    private void Validate(JsonNode? value, JsonElement schemaOrRef, string at, List<string> errors, bool strictRoot)
    {
        var refName = RefName(schemaOrRef);
        var schema = Resolve(schemaOrRef);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        if (value is null)
        {
            if (!(schema.TryGetProperty("nullable", out var nullable) && nullable.GetBoolean()) && HasType(schema))
            {
                errors.Add($"{at}: null where {Describe(schema)} is expected");
            }
            return;
        }
        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var part in allOf.EnumerateArray())
            {
                Validate(value, part, at, errors, strictRoot: false);
            }
            if (strictRoot && value is JsonObject rootObject)
            {
                var known = KnownProperties(schema);
                foreach (var key in rootObject.Select(kv => kv.Key).Where(k => !known.Contains(k)))
                {
                    errors.Add($"{at}: unknown property '{key}'");
                }
            }
        }
        if (schema.TryGetProperty("discriminator", out var discriminator) && value is JsonObject tagged)
        {
            var property = discriminator.GetProperty("propertyName").GetString()!;
            var tag = tagged[property]?.GetValue<string>();
            if (tag is null || !discriminator.GetProperty("mapping").TryGetProperty(tag, out var target))
            {
                errors.Add($"{at}: '{property}' is '{tag}', not one of the mapping's types");
                return;
            }
            var parts = target.GetString()!.TrimStart('#', '/').Split('/');
            var component = _root;
            foreach (var part in parts)
            {
                component = component.GetProperty(part);
            }
            Validate(value, component, at, errors, strictRoot: true);
            return;
        }
        foreach (var keyword in (string[])["oneOf", "anyOf"])
        {
            if (schema.TryGetProperty(keyword, out var options))
            {
                List<string>? bestErrors = null;
                foreach (var option in options.EnumerateArray())
                {
                    var optionErrors = new List<string>();
                    Validate(value, option, at, optionErrors, strictRoot);
                    if (optionErrors.Count == 0)
                    {
                        bestErrors = null;
                        break;
                    }
                    // The nearest option is one of the value's own kind (an array for an array), then the one with fewest errors.
                    if (bestErrors is null || Rank(optionErrors, at) < Rank(bestErrors, at))
                    {
                        bestErrors = optionErrors;
                    }
                }
                if (bestErrors is not null)
                {
                    errors.Add($"{at}: fits none of the {keyword} options; nearest: {string.Join("; ", bestErrors.Take(3))}");
                }
            }
        }
        if (schema.TryGetProperty("enum", out var values))
        {
            var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString();
            if (!values.EnumerateArray().Any(e => (e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()) == text))
            {
                errors.Add($"{at}: '{text}' is not one of {string.Join(", ", values.EnumerateArray().Select(e => e.ToString()))}");
            }
        }
        if (!schema.TryGetProperty("type", out var typeElement))
        {
            return;
        }
        var type = typeElement.GetString();
        switch (type)
        {
            case "object":
                if (value is not JsonObject obj)
                {
                    errors.Add($"{at}: {Kind(value)} where an object is expected");
                    return;
                }
                ValidateObject(obj, schema, refName, at, errors, strictRoot);
                break;
            case "array":
                if (value is not JsonArray array)
                {
                    errors.Add($"{at}: {Kind(value)} where an array is expected");
                    return;
                }
                if (schema.TryGetProperty("items", out var items))
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        Validate(array[i], items, $"{at}[{i}]", errors, strictRoot: false);
                    }
                }
                break;
            case "string":
                if (value is not JsonValue sv || sv.GetValueKind() != JsonValueKind.String)
                {
                    errors.Add($"{at}: {Kind(value)} where a string is expected");
                }
                break;
            case "number" or "integer":
                if (value is not JsonValue nv || nv.GetValueKind() != JsonValueKind.Number)
                {
                    errors.Add($"{at}: {Kind(value)} where a number is expected");
                }
                break;
            case "boolean":
                if (value is not JsonValue bv || bv.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add($"{at}: {Kind(value)} where a boolean is expected");
                }
                break;
        }
    }

    private void ValidateObject(JsonObject obj, JsonElement schema, string? refName, string at, List<string> errors, bool strictRoot)
    {
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : default;
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!obj.ContainsKey(name))
                {
                    errors.Add($"{at}: required property '{name}' is missing");
                }
            }
        }
        var min = schema.TryGetProperty("minProperties", out var mn) ? mn.GetInt32() : 0;
        var max = schema.TryGetProperty("maxProperties", out var mx) ? mx.GetInt32() : int.MaxValue;
        if (obj.Count < min || obj.Count > max)
        {
            errors.Add($"{at}: has {obj.Count} properties ({string.Join(", ", obj.Select(kv => kv.Key))}); {min}..{(max == int.MaxValue ? "∞" : max.ToString(System.Globalization.CultureInfo.InvariantCulture))} expected");
        }
        var closedContainer = properties.ValueKind == JsonValueKind.Object && min == 1 && max == 1 && additional.ValueKind == JsonValueKind.Undefined
            && (refName is null || !s_openContainers.Contains(refName));
        foreach (var (key, child) in obj)
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(key, out var propertySchema))
            {
                Validate(child, propertySchema, $"{at}.{key}", errors, strictRoot: false);
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Validate(child, additional, $"{at}.{key}", errors, strictRoot: false);
            }
            else if (additional.ValueKind == JsonValueKind.False || closedContainer || (strictRoot && properties.ValueKind == JsonValueKind.Object))
            {
                errors.Add($"{at}: unknown property '{key}'");
            }
        }
    }

    private HashSet<string> KnownProperties(JsonElement schema)
    {
        var known = new HashSet<string>();
        schema = Resolve(schema);
        if (schema.TryGetProperty("properties", out var properties))
        {
            known.UnionWith(properties.EnumerateObject().Select(p => p.Name));
        }
        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var part in allOf.EnumerateArray())
            {
                known.UnionWith(KnownProperties(part));
            }
        }
        return known;
    }

    private static int Rank(List<string> errors, string at) =>
        errors.Count + (errors.Any(e => e.StartsWith(at + ":", StringComparison.Ordinal) && e.Contains(" expected", StringComparison.Ordinal) && e.Contains(" where ", StringComparison.Ordinal)) ? 1000 : 0);

    private static bool HasType(JsonElement schema) => schema.TryGetProperty("type", out _);

    private static string Describe(JsonElement schema) => schema.TryGetProperty("type", out var t) ? t.GetString()! : "a value";

    private static string Kind(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v => v.GetValueKind().ToString().ToLowerInvariant(),
        _ => "a value",
    };
}
