using System.ClientModel;
using System.Globalization;
using Microsoft.Extensions.AI;

namespace Salient.Llm;

/// <summary>
/// Wraps a chat client with the process's throttle, a per-attempt timeout and retries for failures a retry can
/// help (429, 5xx, timeouts, dropped connections), honouring <c>Retry-After</c>; counts requests and tokens.
/// </summary>
internal sealed class ResilientChatClient(IChatClient inner, LlmThrottle throttle, LlmOptions options, LlmUsage usage, TimeProvider time)
    : DelegatingChatClient(inner)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        for (var attempt = 0; ; attempt++)
        {
            TimeSpan? delay;
            string failure;
            using (await throttle.EnterAsync(cancellationToken).ConfigureAwait(false))
            {
                usage.AddRequest();
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
                try
                {
                    var response = await base.GetResponseAsync(list, chatOptions, timeout.Token).ConfigureAwait(false);
                    usage.AddTokens(response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount);
                    return response;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = $"no answer within {options.TimeoutSeconds} s";
                    delay = null;
                }
                catch (ClientResultException e) when (IsTransient(e.Status))
                {
                    failure = e.Status == 0 ? $"no response ({Shorten(e.Message)})" : $"HTTP {e.Status}";
                    delay = RetryAfter(e, time.GetUtcNow());
                }
                catch (ClientResultException e)
                {
                    usage.AddFailure();
                    throw new LlmException($"the LLM endpoint {options.BaseUrl} refused the request (HTTP {e.Status}): {Shorten(e.Message)}", retryable: false, e);
                }
                catch (HttpRequestException e)
                {
                    failure = e.Message;
                    delay = null;
                }
            }
            if (attempt >= options.MaxRetries)
            {
                usage.AddFailure();
                throw new LlmException($"the LLM endpoint {options.BaseUrl} failed {attempt + 1} times, last: {failure}; check the server or lower Llm:MaxConcurrency / Llm:RequestsPerMinute", retryable: true);
            }
            usage.AddRetry();
            var backoff = delay ?? TimeSpan.FromMilliseconds(500 * Math.Pow(2, attempt));
            await Task.Delay(backoff < MaxBackoff ? backoff : MaxBackoff, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsTransient(int status) => status is 0 or 408 or 409 or 429 or 500 or 502 or 503 or 504 or 529;

    private static TimeSpan? RetryAfter(ClientResultException e, DateTimeOffset now)
    {
        var response = e.GetRawResponse();
        if (response is null || !response.Headers.TryGetValue("Retry-After", out var value) || value is null)
        {
            return null;
        }
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            var wait = at - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private static string Shorten(string s) => s.Length <= 300 ? s : s[..300] + "…";
}

/// <summary>The LLM endpoint failed; <see cref="Retryable"/> says whether trying later can help.</summary>
internal sealed class LlmException : SalientException
{
    public LlmException(string message, bool retryable) : base(message)
    {
        Retryable = retryable;
    }

    public LlmException(string message, bool retryable, Exception inner) : base(message, inner)
    {
        Retryable = retryable;
    }

    public bool Retryable { get; }
}
