using Matching.Engine.Indexing;
using Microsoft.Extensions.Options;

namespace Matching.Engine.Hosting;

/// <summary>Configuration section <c>Coach:Index</c>.</summary>
public sealed class MatchIndexOptions
{
    public const string Section = "Coach:Index";

    /// <summary>Which implementation of the index: <c>Embedded</c> (default) or another registered <see cref="IMatchIndexFactory"/>.</summary>
    public string Kind { get; set; } = Indexing.Embedded.EmbeddedMatchIndexFactory.KindName;
}

/// <summary>An unknown <c>Coach:Index:Kind</c> stops the start with the kinds that exist.</summary>
internal sealed class MatchIndexOptionsValidation(IEnumerable<IMatchIndexFactory> factories) : IValidateOptions<MatchIndexOptions>
{
    public ValidateOptionsResult Validate(string? name, MatchIndexOptions options)
    {
        var kinds = factories.Select(f => f.Kind).ToList();
        return kinds.Contains(options.Kind, StringComparer.OrdinalIgnoreCase)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Coach:Index:Kind is '{options.Kind}', which is not an index Coach knows: use one of {string.Join(", ", kinds)}.");
    }
}
