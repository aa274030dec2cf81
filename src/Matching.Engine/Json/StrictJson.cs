using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Matching.Engine.Json;

/// <summary>
/// What Coach's JSON inputs refuse beyond their syntax, as a contract modifier any <see cref="JsonSerializerOptions"/>
/// can carry (the host's request bodies, the questionnaire store): a null element in a list whose elements are
/// declared non-nullable (<c>{"targetJobs":[null]}</c>), and a number that is not finite (<c>"NaN"</c>,
/// <c>"Infinity"</c>, which the web defaults read from strings). Both fail the read with a <see cref="JsonFieldException"/>
/// naming the field, so whichever adapter reads the body answers 400 naming it, and no code downstream meets a null
/// it did not expect or a NaN that passes every range check.
/// </summary>
public static class StrictJson
{
    /// <summary>Adds the checks to <paramref name="options"/> (its resolver, or the reflection one when it has none).</summary>
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(Modifier);
        return options;
    }

    /// <summary>The contract modifier: objects check their list and number properties once read.</summary>
    public static void Modifier(JsonTypeInfo typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }
        var context = new NullabilityInfoContext();
        var checks = new List<(string Name, Func<object, object?> Get, bool Numbers)>();
        foreach (var property in typeInfo.Properties)
        {
            if (property.Get is not { } get)
            {
                continue;
            }
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type == typeof(double) || type == typeof(float))
            {
                checks.Add((property.Name, get, true));
            }
            else if (ElementsAreNonNullable(property, context))
            {
                checks.Add((property.Name, get, false));
            }
        }
        if (checks.Count == 0)
        {
            return;
        }
        var previous = typeInfo.OnDeserialized;
        typeInfo.OnDeserialized = value =>
        {
            previous?.Invoke(value);
            foreach (var (name, get, numbers) in checks)
            {
                switch (get(value))
                {
                    case double d when numbers && !double.IsFinite(d):
                    case float f when numbers && !float.IsFinite(f):
                        throw new JsonFieldException(name, "Expected a finite number (NaN and Infinity are not numbers here).");
                    case IEnumerable list when !numbers:
                        var i = 0;
                        foreach (var element in list)
                        {
                            if (element is null)
                            {
                                throw new JsonFieldException($"{name}[{i}]", "This list takes no null element.");
                            }
                            i++;
                        }
                        break;
                }
            }
        };
    }

    /// <summary>A list (not a string) of reference-type elements that its declaration says are never null.</summary>
    private static bool ElementsAreNonNullable(JsonPropertyInfo property, NullabilityInfoContext context)
    {
        var type = property.PropertyType;
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type) || property.AttributeProvider is not PropertyInfo member)
        {
            return false;
        }
        var nullability = context.Create(member);
        var element = nullability.ElementType ?? (nullability.GenericTypeArguments is [var only] ? only : null);
        return element is { ReadState: NullabilityState.NotNull } && !element.Type.IsValueType;
    }
}

/// <summary>A JSON value that reads but breaks a rule of <see cref="StrictJson"/>; <see cref="Field"/> is relative to the exception's <see cref="JsonException.Path"/>.</summary>
public sealed class JsonFieldException : JsonException
{
    public JsonFieldException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    public JsonFieldException()
        : this("", "Invalid value.")
    {
    }

    public JsonFieldException(string message)
        : this("", message)
    {
    }

    public JsonFieldException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "";
    }

    /// <summary>The property (and index) at fault inside the object at <see cref="JsonException.Path"/>, e.g. <c>targetJobs[0]</c>.</summary>
    public string Field { get; }

    /// <summary>The full field path, "targetJobs[0]" or "advice[2].score", from the object's path and <see cref="Field"/>.</summary>
    public string FullField => Path is null or "$" ? Field : Path.StartsWith("$.", StringComparison.Ordinal) ? $"{Path[2..]}.{Field}" : $"{Path.TrimStart('$')}.{Field}";
}
