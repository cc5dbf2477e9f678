using System.ClientModel;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using OpenAI;
using Salient.Bench;
using Salient.Tests.Support;
using Salient.Writing;

namespace Salient.Tests.Writing;

/// <summary>The LLM path against a real HTTP server on loopback that speaks the OpenAI chat-completions format.</summary>
public sealed class LlmWriterTests
{
    private static async Task<(LoopbackSite Site, IChatClient Client)> ServerAnswering(Func<string> content, int status = 200)
    {
        var site = await LoopbackSite.StartAsync();
        site.Map("/v1/chat/completions", async ctx =>
        {
            using var body = await JsonDocument.ParseAsync(ctx.Request.Body);
            Assert.Equal("test-model", body.RootElement.GetProperty("model").GetString());
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = "application/json";
            if (status != 200)
            {
                await ctx.Response.WriteAsync("{\"error\":{\"message\":\"model overloaded\",\"type\":\"server_error\"}}");
                return;
            }
            var reply = new
            {
                id = "chatcmpl-test",
                @object = "chat.completion",
                created = 1_700_000_000,
                model = "test-model",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = content() }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 100, completion_tokens = 50, total_tokens = 150 },
            };
            await ctx.Response.WriteAsync(JsonSerializer.Serialize(reply));
        });
        return (site, ClientOf(site));
    }

    /// <summary>A chat client for the site's OpenAI-compatible endpoint, without retries.</summary>
    private static IChatClient ClientOf(LoopbackSite site) =>
        new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions
        {
            Endpoint = new Uri(site.Url("v1/")),
            RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(maxRetries: 0),
        }).GetChatClient("test-model").AsIChatClient();

    private static string Reply(string title, string summary) => JsonSerializer.Serialize(new { title, summary });

    private static StoryWriter Writer(IChatClient client, WritingOptions? options = null)
    {
        options ??= new WritingOptions { MinWords = 15, TargetWords = 40, MaxWords = 90 };
        return new StoryWriter(WritingFixtures.Extractive(options), new LlmWriter(client, options));
    }

    [Fact]
    public async Task The_model_reads_the_newest_reports_with_their_times_oldest_first_and_is_told_the_newest_wins()
    {
        // Ten reports in the writer's order (best sources first); the two newest come last in it, past the eight the
        // model reads.
        var start = new DateTimeOffset(2021, 8, 9, 9, 0, 0, TimeSpan.Zero);
        var articles = Enumerable.Range(0, 10).Select(i => new SourceArticle(
            i < 8 ? $"Senate to vote on infrastructure bill, report {i}" : $"Senate passes infrastructure bill, report {i}",
            i < 8 ? "The Senate will vote on the $1 trillion infrastructure bill on Tuesday." : "The Senate passed the $1 trillion infrastructure bill on Tuesday by 69 votes to 30.",
            $"Outlet {i}", Published: start.AddHours(i < 8 ? i : 24 + i))).ToList();
        string? system = null, user = null;
        var site = await LoopbackSite.StartAsync();
        await using (site)
        {
            site.Map("/v1/chat/completions", async ctx =>
            {
                using var body = await JsonDocument.ParseAsync(ctx.Request.Body);
                var messages = body.RootElement.GetProperty("messages").EnumerateArray().ToList();
                system = messages[0].GetProperty("content").GetString();
                user = messages[1].GetProperty("content").GetString();
                ctx.Response.StatusCode = 500;
                await ctx.Response.WriteAsync("{\"error\":{\"message\":\"not needed\"}}");
            });
            await Writer(ClientOf(site)).WriteAsync(articles, CancellationToken.None);
        }

        Assert.NotNull(user);
        Assert.Contains("report 8", user, StringComparison.Ordinal);
        Assert.Contains("report 9", user, StringComparison.Ordinal);
        Assert.Equal(8, user.Split('\n').Count(l => l.StartsWith('[')));
        // Oldest first, each with its time: the last one the model reads is the newest.
        Assert.Contains("(2021-08-10 18:00 UTC) Outlet 9: Senate passes infrastructure bill, report 9", user, StringComparison.Ordinal);
        Assert.True(user.IndexOf("report 0", StringComparison.Ordinal) < user.IndexOf("report 9", StringComparison.Ordinal));
        Assert.Contains("write what the newest one says", system, StringComparison.Ordinal);
    }

    [Fact]
    public void Undated_articles_are_read_in_the_given_order_after_the_dated_ones()
    {
        var dated = new SourceArticle("Dated", "Text.", Published: new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero));
        List<SourceArticle> articles = [new("Undated one", "Text."), dated, new("Undated two", "Text.")];

        Assert.Equal([1, 0, 2], LlmWriter.PromptArticles(articles));
        Assert.Equal([0, 1, 2], LlmWriter.PromptArticles([new("A", "t"), new("B", "t"), new("C", "t")]));
    }

    [Fact]
    public async Task A_rewrite_that_invents_a_number_falls_back_to_the_extractive_title_and_summary()
    {
        var (site, client) = await ServerAnswering(() => Reply(
            "Cyclone kills 40 in Bangladesh",
            "A cyclone killed 40 people in Bangladesh on Monday. More than 500,000 residents were evacuated from coastal districts."));
        await using (site)
        {
            var articles = WritingFixtures.Storm();
            var offline = WritingFixtures.Extractive(new WritingOptions { MinWords = 15, TargetWords = 40, MaxWords = 90 }).Write(articles);
            var written = await Writer(client).WriteAsync(articles, CancellationToken.None);

            Assert.Equal(1, site.Count("/v1/chat/completions"));
            Assert.Equal(offline.Title, written.Title);
            Assert.Equal(offline.Summary, written.Summary);
            Assert.Equal(WrittenStory.Extractive, written.Method);
            Assert.DoesNotContain("40", written.Title + written.Summary, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_faithful_rewrite_is_used_and_each_sentence_links_to_an_article()
    {
        var (site, client) = await ServerAnswering(() => Reply(
            "Cyclone kills 12 people in Bangladesh",
            "A cyclone killed 12 people in Bangladesh on Monday, officials said. More than 200,000 residents were evacuated from coastal districts before the storm made landfall near Chittagong. Rescue teams were searching for fishermen missing at sea."));
        await using (site)
        {
            var written = await Writer(client).WriteAsync(WritingFixtures.Storm(), CancellationToken.None);
            Assert.Equal(WrittenStory.Llm, written.Method);
            Assert.Equal("Cyclone kills 12 people in Bangladesh", written.Title);
            Assert.Equal(3, written.Sentences.Count);
            Assert.All(written.Sentences, s => Assert.InRange(s.Article, 0, 2));
        }
    }

    [Fact]
    public async Task Only_the_sentence_with_an_invented_quotation_is_dropped()
    {
        var (site, client) = await ServerAnswering(() => Reply(
            "Cyclone kills 12 people in Bangladesh",
            "A cyclone killed 12 people in Bangladesh on Monday, officials said. The ministry called it \"a national catastrophe\". More than 200,000 residents were evacuated from coastal districts before the storm made landfall near Chittagong."));
        await using (site)
        {
            var written = await Writer(client).WriteAsync(WritingFixtures.Storm(), CancellationToken.None);
            Assert.Equal(WrittenStory.Llm, written.Method);
            Assert.Equal(2, written.Sentences.Count);
            Assert.DoesNotContain("catastrophe", written.Summary, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Sure! Here is a neutral summary of the story.")]
    [InlineData("{\"title\": 12}")]
    [InlineData("")]
    public async Task A_reply_that_is_not_the_json_asked_for_falls_back(string content)
    {
        var (site, client) = await ServerAnswering(() => content);
        await using (site)
        {
            var written = await Writer(client).WriteAsync(WritingFixtures.Storm(), CancellationToken.None);
            Assert.Equal(WrittenStory.Extractive, written.Method);
        }
    }

    [Fact]
    public async Task A_failing_endpoint_falls_back_to_the_extractive_text()
    {
        var (site, client) = await ServerAnswering(() => "", status: 500);
        await using (site)
        {
            var written = await Writer(client).WriteAsync(WritingFixtures.Storm(), CancellationToken.None);
            Assert.Equal(WrittenStory.Extractive, written.Method);
            Assert.NotEmpty(written.Summary);
        }
    }
}
