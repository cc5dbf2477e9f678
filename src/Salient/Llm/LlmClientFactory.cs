using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Salient.Llm;

/// <summary>
/// Builds the <see cref="IChatClient"/> every LLM feature uses: Microsoft.Extensions.AI over the OpenAI wire
/// format, with this process's concurrency and rate limits, retries that honour <c>Retry-After</c>, a per-request
/// timeout and token accounting in <see cref="Usage"/>. One factory per process so the limits are shared.
/// </summary>
internal sealed class LlmClientFactory
{
    private readonly LlmOptions _options;
    private readonly TimeProvider _time;
    private readonly Lazy<LlmThrottle> _throttle;

    public LlmClientFactory(LlmOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _throttle = new Lazy<LlmThrottle>(() => new LlmThrottle(_options.MaxConcurrency, _options.RequestsPerMinute, _time));
    }

    public bool IsEnabled => _options.IsEnabled;

    public LlmOptions Options => _options;

    public LlmUsage Usage { get; } = new();

    /// <summary>A client for the configured endpoint; throws when no endpoint is configured.</summary>
    public IChatClient Create()
    {
        if (!IsEnabled)
        {
            throw new SalientException("no LLM endpoint is configured; set Llm:BaseUrl (and Llm:Model, Llm:ApiKey) in the configuration");
        }
        _options.Validate();
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(_options.BaseUrl!),
            // Our own wrapper retries and times out, so the OpenAI pipeline must not do it a second time.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        var key = string.IsNullOrWhiteSpace(_options.ApiKey) ? "none" : _options.ApiKey;
        var inner = new OpenAIClient(new ApiKeyCredential(key), clientOptions).GetChatClient(_options.Model).AsIChatClient();
        return new ResilientChatClient(inner, _throttle.Value, _options, Usage, _time);
    }
}
