using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coach.Api.Tests.Assistant;

/// <summary>One scripted reply of the model: tool calls to make, or the final text.</summary>
public sealed record ScriptedReply(string? Text = null, IReadOnlyList<(string Name, string Arguments)>? ToolCalls = null)
{
    public static ScriptedReply Call(string name, string arguments = "{}") => new(ToolCalls: [(name, arguments)]);

    public static ScriptedReply Say(string text) => new(Text: text);
}

/// <summary>
/// A local OpenAI-compatible chat server (<c>POST /v1/chat/completions</c>, JSON or server-sent events) that answers
/// from a script, on a free loopback port: the one fake of the test suite (an LLM cannot run here). It keeps every
/// request body, so a test can read what the model was given (the tool results).
/// </summary>
public sealed class ScriptedChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedReply> _script = new();

    private ScriptedChatServer(WebApplication app) => _app = app;

    public List<JsonObject> Requests { get; } = [];

    /// <summary>The base URL to configure as Coach:Assistant:Endpoint (ends with /v1).</summary>
    public string Endpoint { get; private set; } = "";

    public static async Task<ScriptedChatServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ScriptedChatServer(app);
        app.MapPost("/v1/chat/completions", server.CompleteAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = address.TrimEnd('/') + "/v1";
        return server;
    }

    public void Enqueue(params ScriptedReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    /// <summary>The tool results the model was sent in the last request, in order.</summary>
    public IReadOnlyList<string> ToolResultsOfLastRequest()
    {
        lock (Requests)
        {
            return [.. Requests[^1]["messages"]!.AsArray()
                .Where(m => (string?)m!["role"] == "tool")
                .Select(m => (string?)m!["content"] ?? "")];
        }
    }

    private async Task CompleteAsync(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        lock (Requests)
        {
            Requests.Add(body);
        }
        if (!_script.TryDequeue(out var reply))
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("""{"error":{"message":"the script is exhausted","type":"server_error"}}""");
            return;
        }
        var model = (string?)body["model"] ?? "scripted";
        var calls = (reply.ToolCalls ?? []).Select((c, i) => new JsonObject
        {
            ["index"] = i,
            ["id"] = $"call_{Requests.Count}_{i}",
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.Arguments },
        }).ToList();
        var finish = calls.Count > 0 ? "tool_calls" : "stop";

        if ((bool?)body["stream"] == true)
        {
            context.Response.ContentType = "text/event-stream";
            if (calls.Count > 0)
            {
                await ChunkAsync(context, model, new JsonObject { ["role"] = "assistant", ["tool_calls"] = new JsonArray([.. calls]) }, null);
            }
            else
            {
                // The text in a few pieces, as a real server streams it.
                var text = reply.Text ?? "";
                await ChunkAsync(context, model, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null);
                for (var i = 0; i < text.Length; i += 12)
                {
                    await ChunkAsync(context, model, new JsonObject { ["content"] = text.Substring(i, Math.Min(12, text.Length - i)) }, null);
                }
            }
            await ChunkAsync(context, model, new JsonObject(), finish);
            await context.Response.WriteAsync("data: [DONE]\n\n");
            return;
        }

        var message = new JsonObject { ["role"] = "assistant", ["content"] = calls.Count > 0 ? null : reply.Text };
        if (calls.Count > 0)
        {
            foreach (var call in calls)
            {
                call.Remove("index");
            }
            message["tool_calls"] = new JsonArray([.. calls]);
        }
        var response = new JsonObject
        {
            ["id"] = $"chatcmpl-{Requests.Count}",
            ["object"] = "chat.completion",
            ["created"] = 1_764_547_200,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finish }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 10, ["total_tokens"] = 20 },
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.ToJsonString());
    }

    private async Task ChunkAsync(HttpContext context, string model, JsonObject delta, string? finish)
    {
        var chunk = new JsonObject
        {
            ["id"] = $"chatcmpl-{Requests.Count}",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1_764_547_200,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
        };
        await context.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n", Encoding.UTF8);
        await context.Response.Body.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
