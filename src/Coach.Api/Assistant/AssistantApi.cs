using System.ComponentModel;
using System.Text.Json;
using Coach.Api.Infrastructure;
using Coach.Api.Security;
using Coach.Assistant;
using Coach.Web;
using Matching.Engine.Access;

namespace Coach.Api.Assistant;

/// <summary>A conversation so far; the last message is the user's question.</summary>
/// <param name="Stream">True for a text/event-stream answer: <c>delta</c> events as the text comes, then one <c>done</c> event with the whole answer and its citations.</param>
public sealed record ChatRequest(IReadOnlyList<ChatTurn>? Messages, bool Stream = false);

/// <summary>The optional assistant: absent (503) unless <c>Coach:Assistant:Endpoint</c> and <c>Model</c> are set.</summary>
public static class AssistantApi
{
    public static IEndpointRouteBuilder MapAssistant(this IEndpointRouteBuilder routes)
    {
        // A seeker asks about themself, an adviser about their caseload, an admin about anyone: the tools decide.
        var group = routes.MapGroup("/api/coach").WithTags("Assistant")
            .WithAccess(Access.Roles(Roles.Seeker, Roles.Adviser, Roles.Admin))
            // A turn runs the use cases it calls (an assessment each): the dearest cost a request may have.
            .WithCost(RequestCostAttribute.Assessment);
        group.MapPost("/chat", Chat)
            .Produces<ChatAnswer>()
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithRequestExample("""{"messages":[{"role":"user","content":"Quelles offres me conviennent le mieux, et pourquoi ?"}]}""")
            .WithSummary("Asks Coach's assistant. Its tools are Coach's own use cases called as you (diagnosis, matches with reasons, skills gap, close jobs, one offer explained, market); the answer cites the tool results it relies on ([T1]). 503 when no assistant is configured.");
        return routes;
    }

    public static async Task<IResult> Chat(
        ChatRequest request, HttpContext context, CoachAssistant assistant, IAssistantTools tools,
        [Description("Language of the answer: fr or en (default: Accept-Language, else fr).")] string? lang,
        CancellationToken cancellationToken)
    {
        if (!assistant.IsConfigured)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "assistant not configured",
                detail: "This Coach has no assistant: set Coach:Assistant:Endpoint and Coach:Assistant:Model (any OpenAI-compatible chat endpoint).");
        }
        if (CoachAssistant.Validate(request.Messages) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var user = CurrentUser.Required(context);
        var caller = new AssistantCaller(user.Id, user.Role);
        var language = RequestLanguage.Of(context, lang);
        if (!request.Stream)
        {
            try
            {
                return TypedResults.Ok(await assistant.AskAsync(tools, caller, request.Messages!, language, cancellationToken));
            }
            catch (AssistantUnavailableException e)
            {
                return Unavailable(e);
            }
        }

        var events = assistant.StreamAsync(tools, caller, request.Messages!, language, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            // The first event decides the status: an endpoint that does not answer is a 502, not a broken stream.
            bool any;
            try
            {
                any = await events.MoveNextAsync();
            }
            catch (AssistantUnavailableException e)
            {
                return Unavailable(e);
            }
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            while (any)
            {
                var item = events.Current;
                if (item.Done is { } done)
                {
                    await WriteAsync(context, "done", done, cancellationToken);
                }
                else
                {
                    await WriteAsync(context, "delta", new { text = item.Delta }, cancellationToken);
                }
                try
                {
                    any = await events.MoveNextAsync();
                }
                catch (AssistantUnavailableException e)
                {
                    await WriteAsync(context, "error", new { title = "assistant unavailable", detail = e.Message }, cancellationToken);
                    break;
                }
            }
            return TypedResults.Empty;
        }
        finally
        {
            await events.DisposeAsync();
        }
    }

    private static IResult Unavailable(AssistantUnavailableException e) =>
        TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "assistant unavailable", detail: e.Message);

    private static async Task WriteAsync(HttpContext context, string name, object data, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(data, JsonSerializerOptions.Web);
        await context.Response.WriteAsync($"event: {name}\ndata: {json}\n\n", cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }
}
