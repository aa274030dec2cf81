namespace Coach.Web;

/// <summary>
/// Endpoint metadata: what serving one request costs, in units of the rate limits' budgets (README, "Limits"). A page
/// states it with <c>@attribute [RequestCost(RequestCost.Assessment)]</c>, an API endpoint with
/// <c>.WithCost(RequestCost.Search)</c>; one that states nothing costs <see cref="Lookup"/>. The budget is per person
/// and per minute, whatever the route: a person reading their results page and one calling the diagnosis API spend
/// the same units for the same work.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequestCostAttribute : Attribute
{
    /// <summary>Not counted: health checks, static files, the favicon.</summary>
    public const int Free = 0;

    /// <summary>An autocomplete, one stored document, a light page.</summary>
    public const int Lookup = 1;

    /// <summary>A match or search query over the index (matches, candidates, supply and demand).</summary>
    public const int Search = 5;

    /// <summary>A full assessment: diagnosis, strategy, skills gap, close jobs and matching offers.</summary>
    public const int Assessment = 10;

    public RequestCostAttribute(int units)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(units, Assessment);
        Units = units;
    }

    public int Units { get; }
}
