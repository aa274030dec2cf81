using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Coach.Assistant;

/// <summary>One message of the conversation so far: "user" or "assistant".</summary>
public sealed record ChatTurn(string Role, string Content);

/// <summary>The assistant's answer, the tool results it cites, and every tool call of the turn.</summary>
public sealed record ChatAnswer(string Answer, IReadOnlyList<ToolCitation> Citations, IReadOnlyList<ToolCitation> ToolCalls);

/// <summary>A piece of a streamed answer: text as it comes, then the whole answer with its citations.</summary>
public sealed record ChatStreamEvent(string? Delta, ChatAnswer? Done);

/// <summary>The endpoint could not be reached or answered with an error.</summary>
public sealed class AssistantUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The optional conversational coach: Semantic Kernel over any OpenAI-compatible chat endpoint, whose only tools are
/// Coach's use cases called as the user (<see cref="IAssistantTools"/>). It can say nothing Coach does not know: the
/// system prompt forbids facts without a tool result and asks a citation ("[T1]") for each; the answer comes back with
/// the tool results it cites. Stateless: the client sends the conversation so far.
/// </summary>
public sealed class CoachAssistant(IOptions<AssistantOptions> options) : IDisposable
{
    public const int MaxTurns = 20;
    public const int MaxMessageLength = 4000;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // One client for the process (pooled connections, DNS refreshed), as HttpClient wants.
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(Math.Clamp(options.Value.TimeoutSeconds, 5, 600)),
    };

    public bool IsConfigured => options.Value.IsConfigured;

    public void Dispose() => _http.Dispose();

    /// <summary>Validation of a conversation; field → messages, empty when fine.</summary>
    public static Dictionary<string, string[]> Validate(IReadOnlyList<ChatTurn>? turns)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (turns is null || turns.Count == 0)
        {
            errors["messages"] = ["Send at least one message."];
            return errors;
        }
        if (turns.Count > MaxTurns)
        {
            errors["messages"] = [$"At most {MaxTurns} messages ({turns.Count} given): start a new conversation."];
        }
        for (var i = 0; i < turns.Count; i++)
        {
            var turn = turns[i];
            if (turn is null)
            {
                errors[$"messages[{i}]"] = ["A message is missing."];
                continue;
            }
            if (turn.Role is not ("user" or "assistant"))
            {
                errors[$"messages[{i}].role"] = ["The role is \"user\" or \"assistant\"."];
            }
            if (string.IsNullOrWhiteSpace(turn.Content))
            {
                errors[$"messages[{i}].content"] = ["The message is empty."];
            }
            else if (turn.Content.Length > MaxMessageLength)
            {
                errors[$"messages[{i}].content"] = [$"At most {MaxMessageLength} characters ({turn.Content.Length} given)."];
            }
        }
        if (errors.Count == 0 && turns[^1].Role != "user")
        {
            errors[$"messages[{turns.Count - 1}].role"] = ["The last message is the user's question."];
        }
        return errors;
    }

    public async Task<ChatAnswer> AskAsync(IAssistantTools tools, AssistantCaller caller, IReadOnlyList<ChatTurn> turns, string language, CancellationToken cancellationToken = default)
    {
        var (kernel, chat, history, settings, log) = Prepare(tools, caller, turns, language);
        ChatMessageContent reply;
        try
        {
            reply = await chat.GetChatMessageContentAsync(history, settings, kernel, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or HttpOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new AssistantUnavailableException("The assistant's endpoint did not answer.", e);
        }
        var answer = reply.Content ?? "";
        return new ChatAnswer(answer, log.CitedBy(answer), log.All);
    }

    public async IAsyncEnumerable<ChatStreamEvent> StreamAsync(
        IAssistantTools tools, AssistantCaller caller, IReadOnlyList<ChatTurn> turns, string language,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (kernel, chat, history, settings, log) = Prepare(tools, caller, turns, language);
        var text = new StringBuilder();
        var stream = chat.GetStreamingChatMessageContentsAsync(history, settings, kernel, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await stream.MoveNextAsync())
                    {
                        break;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or HttpOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    throw new AssistantUnavailableException("The assistant's endpoint did not answer.", e);
                }
                if (stream.Current.Content is { Length: > 0 } delta)
                {
                    text.Append(delta);
                    yield return new ChatStreamEvent(delta, null);
                }
            }
        }
        finally
        {
            await stream.DisposeAsync();
        }
        var answer = text.ToString();
        yield return new ChatStreamEvent(null, new ChatAnswer(answer, log.CitedBy(answer), log.All));
    }

    private (Kernel Kernel, IChatCompletionService Chat, ChatHistory History, OpenAIPromptExecutionSettings Settings, ToolCallLog Log) Prepare(
        IAssistantTools tools, AssistantCaller caller, IReadOnlyList<ChatTurn> turns, string language)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(caller);
        var o = options.Value;
        if (!o.IsConfigured)
        {
            throw new InvalidOperationException("The assistant is not configured (Coach:Assistant:Endpoint and Model).");
        }
        var builder = Kernel.CreateBuilder();
        builder.AddOpenAIChatCompletion(o.Model!, new Uri(o.Endpoint!), string.IsNullOrWhiteSpace(o.ApiKey) ? "none" : o.ApiKey, httpClient: _http);
        var log = new ToolCallLog();
        builder.Plugins.AddFromObject(new CoachToolsPlugin(tools, caller, language, log), "coach");
        var kernel = builder.Build();

        var history = new ChatHistory(SystemPrompt(caller, language));
        foreach (var turn in turns)
        {
            history.AddMessage(turn.Role == "assistant" ? AuthorRole.Assistant : AuthorRole.User, turn.Content);
        }
        var settings = new OpenAIPromptExecutionSettings
        {
            FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(),
            Temperature = 0,
        };
        return (kernel, kernel.GetRequiredService<IChatCompletionService>(), history, settings, log);
    }

    internal static string SystemPrompt(AssistantCaller caller, string language)
    {
        var who = caller.Role switch
        {
            "seeker" => "The user is a job seeker asking about themself: call the tools without a seeker id.",
            "adviser" => "The user is an employment adviser: pass the id of the seeker they ask about; the tools refuse seekers outside their caseload.",
            _ => "The user is an administrator: pass the id of the seeker they ask about.",
        };
        var answerIn = language == "en" ? "Answer in English." : "Answer in French (réponds en français).";
        return $"""
            You are Coach's assistant. Coach helps people find work in France: it matches seekers' skills with job offers,
            diagnoses what holds a seeker back and proposes advice.
            You know only what Coach's tools return. Call them for any fact about the seeker, their offers, skills, close
            jobs or the market; never state such a fact unless a tool result gives it, and never invent offers, figures
            or skills. Each tool result carries a citation id (T1, T2, ...): put it in square brackets after every
            sentence that relies on it, e.g. "Your main challenge is the local market [T1]."
            When a tool refuses, say plainly that you cannot see that data; do not guess and do not retry with another id.
            {who}
            {answerIn} Be brief and concrete.
            """;
    }
}
