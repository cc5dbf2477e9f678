using Microsoft.Extensions.AI;
using Salient.Llm;
using Salient.Tests.Support;

namespace Salient.Tests.Llm;

public sealed class LlmClientFactoryTests
{
    private static readonly ChatMessage[] Hello = [new(ChatRole.User, "hello")];

    [Fact]
    public void Factory_without_a_base_url_is_disabled_and_refuses_to_create_a_client()
    {
        var factory = new LlmClientFactory(new LlmOptions(), TimeProvider.System);
        Assert.False(factory.IsEnabled);
        Assert.Throws<SalientException>(() => factory.Create());
    }

    [Fact]
    public async Task Good_answer_is_returned_and_its_tokens_are_counted()
    {
        await using var server = await ChatCompletionsServer.StartAsync();
        server.Reply("hi there", promptTokens: 12, completionTokens: 3);
        var factory = new LlmClientFactory(server.Options(), TimeProvider.System);

        var response = await factory.Create().GetResponseAsync(Hello);

        Assert.Equal("hi there", response.Text);
        Assert.Equal(12, factory.Usage.InputTokens);
        Assert.Equal(3, factory.Usage.OutputTokens);
        var body = Assert.Single(server.Bodies);
        Assert.Equal("test-model", (string?)body["model"]);
    }

    [Fact]
    public async Task Too_many_requests_is_retried_after_the_delay_the_server_asks_for()
    {
        await using var server = await ChatCompletionsServer.StartAsync();
        server.Status(429, retryAfter: "0").Reply("done");
        var factory = new LlmClientFactory(server.Options(), TimeProvider.System);

        var response = await factory.Create().GetResponseAsync(Hello);

        Assert.Equal("done", response.Text);
        Assert.Equal(2, server.RequestCount);
        Assert.Equal(1, factory.Usage.Retries);
    }

    [Fact]
    public async Task Server_error_that_persists_fails_after_the_configured_retries_with_a_retryable_error()
    {
        await using var server = await ChatCompletionsServer.StartAsync();
        server.Status(500);
        var factory = new LlmClientFactory(server.Options(maxRetries: 1), TimeProvider.System);

        var e = await Assert.ThrowsAsync<LlmException>(() => factory.Create().GetResponseAsync(Hello));

        Assert.True(e.Retryable);
        Assert.Contains("HTTP 500", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task Client_error_is_not_retried()
    {
        await using var server = await ChatCompletionsServer.StartAsync();
        server.Status(400);
        var factory = new LlmClientFactory(server.Options(), TimeProvider.System);

        var e = await Assert.ThrowsAsync<LlmException>(() => factory.Create().GetResponseAsync(Hello));

        Assert.False(e.Retryable);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task Slow_answer_times_out_and_the_retry_gets_the_next_answer()
    {
        await using var server = await ChatCompletionsServer.StartAsync();
        server.Slow(TimeSpan.FromSeconds(30), "too late").Reply("on time");
        var factory = new LlmClientFactory(server.Options(timeoutSeconds: 1), TimeProvider.System);

        var response = await factory.Create().GetResponseAsync(Hello);

        Assert.Equal("on time", response.Text);
        Assert.Equal(2, server.RequestCount);
    }

    [Theory]
    [InlineData("ftp://example/v1")]
    [InlineData("not a url")]
    public void Unusable_base_url_is_reported_by_name(string url)
    {
        var e = Assert.Throws<SalientException>(() => new LlmOptions { BaseUrl = url }.Validate());
        Assert.Contains("Llm:BaseUrl", e.Message, StringComparison.Ordinal);
    }
}
