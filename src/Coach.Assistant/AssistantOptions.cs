namespace Coach.Assistant;

/// <summary>
/// Configuration section <c>Coach:Assistant</c>: any OpenAI-compatible chat endpoint (Ollama, vLLM, Azure OpenAI,
/// OpenAI). Without an endpoint and a model the assistant is absent: the API answers 503, the page shows no panel.
/// </summary>
public sealed class AssistantOptions
{
    public const string Section = "Coach:Assistant";

    /// <summary>Base URL of the OpenAI-compatible API, e.g. <c>http://localhost:11434/v1</c> (Ollama) or <c>https://api.openai.com/v1</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The model name the endpoint serves (e.g. <c>llama3.1</c>, <c>gpt-4o-mini</c>).</summary>
    public string? Model { get; set; }

    /// <summary>The endpoint's key; local servers usually need none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Seconds to wait for the endpoint before giving up on a turn.</summary>
    public int TimeoutSeconds { get; set; } = 120;

    public bool IsConfigured =>
        Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !string.IsNullOrWhiteSpace(Model);
}
