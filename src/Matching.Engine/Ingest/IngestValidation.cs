using Matching.Engine.Indexing;

namespace Matching.Engine.Ingest;

/// <summary>Errors and warnings of one item, errors keyed by field.</summary>
internal sealed class ItemReport
{
    public const int MaxIdLength = 200;

    private Dictionary<string, List<string>>? _errors;

    public List<string> Warnings { get; } = [];

    public bool HasErrors => _errors is not null;

    public void Error(string field, string message) =>
        ((_errors ??= new(StringComparer.Ordinal)).TryGetValue(field, out var list) ? list : _errors[field] = []).Add(message);

    public IReadOnlyDictionary<string, string[]> Errors() =>
        _errors?.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal) ?? [];

    public string? Id(string? id, string field)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            Error(field, "Required.");
            return null;
        }
        if (id.Length > MaxIdLength)
        {
            Error(field, $"At most {MaxIdLength} characters.");
            return null;
        }
        // Ids end up in URLs and logs, where a control character would be invisible or harmful.
        if (id.AsSpan().ContainsAnyInRange('\u0000', '\u001F') || id.Contains('\u007F', StringComparison.Ordinal))
        {
            Error(field, "Must not contain control characters.");
            return null;
        }
        return id;
    }

    /// <summary>Trimmed text within <paramref name="maxLength"/>; null when absent and optional.</summary>
    public string? Text(string? value, string field, int maxLength, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Error(field, "Required.");
            }
            return null;
        }
        value = value.Trim();
        if (value.Length > maxLength)
        {
            Error(field, $"At most {maxLength} characters.");
        }
        return value;
    }

    public double? Range(double? value, string field, double min, double max)
    {
        if (value is { } v && (double.IsNaN(v) || v < min || v > max))
        {
            Error(field, $"Must be between {min} and {max}.");
            return null;
        }
        return value;
    }

    /// <summary>
    /// A place from a commune code, a postcode and/or coordinates. <paramref name="lenient"/> (external
    /// feeds) turns an unknown code into a warning when coordinates locate the place anyway.
    /// </summary>
    public Place? Place(PlaceFields fields, Func<PlaceCode, Place?> resolve, bool lenient)
    {
        var (commune, postcode, latitude, longitude, label) = (fields.Commune?.Trim(), fields.Postcode?.Trim(), fields.Latitude, fields.Longitude, fields.Label?.Trim());
        if (string.IsNullOrEmpty(commune) && string.IsNullOrEmpty(postcode) && latitude is null && longitude is null)
        {
            if (!string.IsNullOrEmpty(label))
            {
                Warnings.Add($"{fields.Prefix}: no commune, postcode or coordinates, the place is ignored.");
            }
            return null;
        }

        var errorsBefore = _errors?.Count ?? 0;
        var hasCoordinates = false;
        if (latitude is not null || longitude is not null)
        {
            if (latitude is null)
            {
                Error(fields.LatitudeField, "Required with the longitude.");
            }
            if (longitude is null)
            {
                Error(fields.LongitudeField, "Required with the latitude.");
            }
            latitude = Range(latitude, fields.LatitudeField, -90, 90);
            longitude = Range(longitude, fields.LongitudeField, -180, 180);
            hasCoordinates = latitude is not null && longitude is not null;
        }

        Place? resolved = null;
        var (code, field, what) = !string.IsNullOrEmpty(commune)
            ? (new PlaceCode(PlaceCodeKind.Commune, commune), fields.CommuneField, "commune INSEE code")
            : !string.IsNullOrEmpty(postcode) ? (new PlaceCode(PlaceCodeKind.Postcode, postcode), fields.PostcodeField, "postcode")
            : (default(PlaceCode?), "", "");
        if (code is { } c)
        {
            resolved = resolve(c);
            if (resolved is null)
            {
                if (lenient && hasCoordinates)
                {
                    Warnings.Add($"{field}: unknown {what} '{c.Code}', the coordinates were used.");
                }
                else
                {
                    Error(field, $"Unknown {what} '{c.Code}'.");
                }
            }
        }
        if ((_errors?.Count ?? 0) > errorsBefore)
        {
            return null;
        }
        if (hasCoordinates)
        {
            return new Place(latitude!.Value, longitude!.Value, resolved?.CommuneCode, label ?? resolved?.Label);
        }
        return resolved is null ? null : resolved with { Label = label ?? resolved.Label };
    }
}

/// <summary>A place's fields and their names in the client's schema, for error keys.</summary>
internal sealed record PlaceFields(
    string Prefix,
    string? Commune,
    string? Postcode,
    double? Latitude,
    double? Longitude,
    string? Label,
    string CommuneName = "commune",
    string PostcodeName = "postcode")
{
    public string CommuneField => $"{Prefix}.{CommuneName}";
    public string PostcodeField => $"{Prefix}.{PostcodeName}";
    public string LatitudeField => $"{Prefix}.latitude";
    public string LongitudeField => $"{Prefix}.longitude";
}
