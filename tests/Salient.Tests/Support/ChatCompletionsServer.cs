using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Salient.Bench;
using Salient.Llm;

namespace Salient.Tests.Support;

/// <summary>
/// A real chat-completions endpoint on 127.0.0.1 whose answers a test scripts: each request takes the next
/// scripted answer (the last one repeats). Records the request bodies.
/// </summary>
internal sealed class ChatCompletionsServer : IAsyncDisposable
{
    private readonly LoopbackSite _site;
    private readonly ConcurrentQueue<Func<HttpContext, JsonNode, Task>> _script = new();
    private Func<HttpContext, JsonNode, Task>? _last;
    private readonly Lock _gate = new();

    private ChatCompletionsServer(LoopbackSite site)
    {
        _site = site;
        site.Map("/v1/chat/completions", HandleAsync);
    }

    public ConcurrentQueue<JsonNode> Bodies { get; } = new();

    public string BaseUrl => _site.Url("v1");

    public static async Task<ChatCompletionsServer> StartAsync() => new(await LoopbackSite.StartAsync());

    public LlmOptions Options(int timeoutSeconds = 10, int maxRetries = 2) => new()
    {
        BaseUrl = BaseUrl,
        Model = "test-model",
        ApiKey = "secret",
        MaxConcurrency = 2,
        TimeoutSeconds = timeoutSeconds,
        MaxRetries = maxRetries,
    };

    /// <summary>Answers with an assistant message of <paramref name="content"/>.</summary>
    public ChatCompletionsServer Reply(string content, int promptTokens = 100, int completionTokens = 20) =>
        Then((ctx, _) => WriteCompletion(ctx, content, promptTokens, completionTokens));

    /// <summary>Answers with an assistant message computed from the request body.</summary>
    public ChatCompletionsServer Reply(Func<JsonNode, string> content) =>
        Then((ctx, body) => WriteCompletion(ctx, content(body), 100, 20));

    public ChatCompletionsServer Status(int status, string? retryAfter = null) =>
        Then(async (ctx, _) =>
        {
            ctx.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                ctx.Response.Headers.RetryAfter = retryAfter;
            }
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync("""{"error":{"message":"scripted failure","type":"server_error"}}""");
        });

    public ChatCompletionsServer Slow(TimeSpan delay, string content) =>
        Then(async (ctx, _) =>
        {
            try
            {
                await Task.Delay(delay, ctx.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await WriteCompletion(ctx, content, 100, 20);
        });

    public ChatCompletionsServer Then(Func<HttpContext, JsonNode, Task> answer)
    {
        _script.Enqueue(answer);
        return this;
    }

    public int RequestCount => Bodies.Count;

    private async Task HandleAsync(HttpContext ctx)
    {
        var body = await JsonNode.ParseAsync(ctx.Request.Body) ?? new JsonObject();
        Bodies.Enqueue(body);
        Func<HttpContext, JsonNode, Task>? answer;
        lock (_gate)
        {
            if (_script.TryDequeue(out answer))
            {
                _last = answer;
            }
            else
            {
                answer = _last;
            }
        }
        if (answer is null)
        {
            ctx.Response.StatusCode = 500;
            return;
        }
        await answer(ctx, body);
    }

    private static async Task WriteCompletion(HttpContext ctx, string content, int promptTokens, int completionTokens)
    {
        var json = new JsonObject
        {
            ["id"] = "chatcmpl-test",
            ["object"] = "chat.completion",
            ["created"] = 1700000000,
            ["model"] = "test-model",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = promptTokens,
                ["completion_tokens"] = completionTokens,
                ["total_tokens"] = promptTokens + completionTokens,
            },
        };
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(json.ToJsonString(JsonSerializerOptions.Default));
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();
}
