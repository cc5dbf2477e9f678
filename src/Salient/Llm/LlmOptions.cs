using Salient.Cli;

namespace Salient.Llm;

/// <summary>
/// How to reach an OpenAI-compatible chat endpoint (llama.cpp's server, Ollama, vLLM or a hosted API);
/// configuration section <c>Llm</c>. Without a <see cref="BaseUrl"/> every LLM feature stays off.
/// </summary>
internal sealed class LlmOptions : ISettings
{
    public const string Section = "Llm";

    /// <summary>Base URL of the API, including the version path, e.g. <c>http://127.0.0.1:8080/v1</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Model name sent with each request.</summary>
    public string Model { get; set; } = "default";

    /// <summary>API key; local servers usually ignore it. Never printed.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Requests in flight at once.</summary>
    public int MaxConcurrency { get; set; } = 2;

    /// <summary>Requests started per minute at most; 0 means no limit.</summary>
    public int RequestsPerMinute { get; set; }

    /// <summary>How long one request may take before it is abandoned and retried.</summary>
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>How many times a request that failed for a reason a retry can help (429, 5xx, timeout) is tried again.</summary>
    public int MaxRetries { get; set; } = 3;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(BaseUrl);

    /// <summary>Throws a <see cref="SalientException"/> naming the setting that is wrong.</summary>
    public void Validate()
    {
        if (!IsEnabled)
        {
            return;
        }
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new SalientException($"Llm:BaseUrl '{BaseUrl}' is not an http(s) URL; give the API's base URL, e.g. http://127.0.0.1:8080/v1");
        }
        if (string.IsNullOrWhiteSpace(Model))
        {
            throw new SalientException("Llm:Model is empty; give the model name the server expects");
        }
        if (MaxConcurrency < 1 || RequestsPerMinute < 0 || TimeoutSeconds < 1 || MaxRetries < 0)
        {
            throw new SalientException("Llm: MaxConcurrency and TimeoutSeconds must be at least 1, RequestsPerMinute and MaxRetries at least 0");
        }
    }
}
