using Matching.Engine.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coach.Api.Infrastructure;

/// <summary>A use case's <see cref="Outcome{T}"/> as an HTTP result: 200/201, 400 naming the fields, 403, 404 (ProblemDetails).</summary>
public static class OutcomeResults
{
    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> ToHttp<T>(this Outcome<T> outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.IsSuccess)
        {
            return TypedResults.Ok(outcome.Value);
        }
        return outcome.Status == OutcomeStatus.Invalid ? Invalid(outcome) : Problem(outcome);
    }

    /// <summary>As <see cref="ToHttp{T}(Outcome{T})"/>, the body written in one pass (<see cref="BufferedJson{T}"/>): for large pages.</summary>
    public static Results<BufferedJson<T>, ValidationProblem, ProblemHttpResult> ToBufferedHttp<T>(this Outcome<T> outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.IsSuccess)
        {
            return new BufferedJson<T>(outcome.Value!);
        }
        return outcome.Status == OutcomeStatus.Invalid ? Invalid(outcome) : Problem(outcome);
    }

    /// <summary>201 with <paramref name="location"/> when the call created the resource, else 200.</summary>
    public static Results<Created<T>, Ok<T>, ValidationProblem, ProblemHttpResult> ToHttp<T>(this Outcome<T> outcome, string location)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Status switch
        {
            OutcomeStatus.Created => TypedResults.Created(location, outcome.Value),
            OutcomeStatus.Ok => TypedResults.Ok(outcome.Value),
            OutcomeStatus.Invalid => Invalid(outcome),
            _ => Problem(outcome),
        };
    }

    /// <summary>The value mapped (e.g. one part of a view) when the use case gave one.</summary>
    public static Results<Ok<TView>, ValidationProblem, ProblemHttpResult> ToHttp<T, TView>(this Outcome<T> outcome, Func<T, TView> view)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(view);
        if (outcome.IsSuccess)
        {
            return TypedResults.Ok(view(outcome.Value!));
        }
        return outcome.Status == OutcomeStatus.Invalid ? Invalid(outcome) : Problem(outcome);
    }

    /// <summary>204 when the use case succeeded.</summary>
    public static Results<NoContent, ValidationProblem, ProblemHttpResult> ToNoContent<T>(this Outcome<T> outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.IsSuccess)
        {
            return TypedResults.NoContent();
        }
        return outcome.Status == OutcomeStatus.Invalid ? Invalid(outcome) : Problem(outcome);
    }

    private static ValidationProblem Invalid<T>(Outcome<T> outcome) => TypedResults.ValidationProblem(outcome.Errors);

    /// <summary>403 for a role that may not do this; 404 for anything else refused (not found, or not the caller's to see).</summary>
    private static ProblemHttpResult Problem<T>(Outcome<T> outcome) => outcome.Status == OutcomeStatus.Forbidden
        ? TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: outcome.Refusal?.Detail)
        : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: outcome.Refusal?.Detail);
}
