using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Salient.Llm;
using Salient.Storage;
using Salient.Tests.Support;
using Salient.Translation;
using Salient.Web;

namespace Salient.Tests.Translation;

/// <summary>
/// The translation stage against a real chat-completions server on 127.0.0.1 and a real store of both engines: what it
/// translates, what it leaves alone, what a bad answer or a failing endpoint leaves stored, and when it tries again.
/// </summary>
public sealed class TranslationStageTests
{
    private const string GermanTitle = "Bundestag beschließt Haushalt mit 480 Milliarden Euro";
    private const string GermanSummary = "Der Bundestag hat am Freitag den Haushalt für 2027 beschlossen. Drei Ministerien müssen sparen.";
    private const string EnglishTitle = "Bundestag passes budget of 480 billion euros";
    private const string EnglishSummary = "The Bundestag passed the budget for 2027 on Friday. Three ministries must save.";

    private static string Reply(string title, string summary) => JsonSerializer.Serialize(new { title, summary });

    private sealed class Rig(TestDatabase db, ChatCompletionsServer llm, SteppedClock clock, TranslationStore store, TranslationStage stage, TranslationOptions options) : IAsyncDisposable
    {
        public TestDatabase Db => db;
        public ChatCompletionsServer Llm => llm;
        public SteppedClock Clock => clock;
        public TranslationStore Store => store;
        public TranslationStage Stage => stage;
        public TranslationOptions Options => options;

        public async ValueTask DisposeAsync()
        {
            await llm.DisposeAsync();
            await db.DisposeAsync();
        }

        /// <summary>A written story whose articles are in <paramref name="language"/>.</summary>
        public async Task<long> AddStoryAsync(string title, string summary, string language, int articles = 2)
        {
            var now = Salient.Storage.Clock.ToUnixMs(clock.GetUtcNow().AddHours(-1));
            await using var conn = await db.Database.OpenAsync(CancellationToken.None);
            var id = await Sql.LongAsync(conn, null,
                "INSERT INTO stories (status, first_seen, last_updated, first_published, last_published, article_count, outlet_count, title, summary, version, written_version, written_at) " +
                "VALUES ('open', @t, @t, @t, @t, @n, 1, @title, @summary, 1, 1, @t) RETURNING id",
                CancellationToken.None, ("t", now), ("n", articles), ("title", title), ("summary", summary));
            for (var i = 0; i < articles; i++)
            {
                await Sql.ExecuteAsync(conn, null,
                    "INSERT INTO articles (url, canonical_url, title, published_at, discovered_at, stage, story_id, language) VALUES (@u, @u, @title, @t, @t, 30, @id, @lang)",
                    CancellationToken.None, ("u", $"https://news.example/{id}/{i}"), ("title", title), ("t", now), ("id", id), ("lang", language));
            }
            return id;
        }

        /// <summary>The story is written again: a new version, with <paramref name="title"/> and <paramref name="summary"/>.</summary>
        public async Task RewriteAsync(long id, string title, string summary)
        {
            await using var conn = await db.Database.OpenAsync(CancellationToken.None);
            await Sql.ExecuteAsync(conn, null,
                "UPDATE stories SET version = version + 1, written_version = version + 1, title = @title, summary = @summary WHERE id = @id",
                CancellationToken.None, ("title", title), ("summary", summary), ("id", id));
        }

        public Task<int> PassAsync() => stage.RunBatchAsync(CancellationToken.None);
    }

    private static async Task<Rig> RigAsync(string engine, Action<TranslationOptions>? configure = null)
    {
        var db = await TestDatabase.CreateAsync(engine);
        var llm = await ChatCompletionsServer.StartAsync();
        var clock = new SteppedClock();
        var options = new TranslationOptions { BatchSize = 8, RetryMinutes = 15, MaxAttempts = 3, TimeoutSeconds = 60 };
        configure?.Invoke(options);
        var llmOptions = llm.Options(timeoutSeconds: 30, maxRetries: 0);
        var client = new LlmClientFactory(llmOptions, clock).Create();
        var translator = new StoryTranslator(client, llmOptions.Model, options, clock);
        var store = new TranslationStore(db.Database, clock);
        var stage = new TranslationStage(store, translator, options, new SiteOptions { Language = "en" }, clock, NullLogger<TranslationStage>.Instance);
        return new Rig(db, llm, clock, store, stage, options);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_story_in_another_language_is_translated_into_the_readers_and_stored_beside_its_untouched_original(string engine)
    {
        await using var rig = await RigAsync(engine);
        var german = await rig.AddStoryAsync(GermanTitle, GermanSummary, "de");
        var english = await rig.AddStoryAsync("Parliament passes the budget", "Parliament passed the budget on Friday.", "en");
        rig.Llm.Reply(Reply(EnglishTitle, EnglishSummary));

        Assert.Equal(1, await rig.Stage.CountPendingAsync(CancellationToken.None));
        Assert.Equal(1, await rig.PassAsync());

        var stored = await rig.Store.GetAsync(german, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(("translated", "en", EnglishTitle, EnglishSummary, "test-model"), (stored.Status, stored.Language, stored.Title, stored.Summary, stored.Model));
        Assert.Null(await rig.Store.GetAsync(english, CancellationToken.None));
        Assert.Equal(0, await rig.Stage.CountPendingAsync(CancellationToken.None));
        var card = (await new SiteStore(rig.Db.Database).StoriesAsync(new StoryQuery(), CancellationToken.None)).Single(s => s.Id == german);
        Assert.Equal(GermanTitle, card.Title);
        Assert.Equal(GermanSummary, card.Summary);
        Assert.Equal(EnglishTitle, card.TranslationFor("en")?.Title);

        // What the endpoint was asked: the chat-completions format, the configured model, the text as JSON, source and target named.
        var body = Assert.Single(rig.Llm.Bodies);
        Assert.Equal("test-model", body["model"]!.GetValue<string>());
        var messages = body["messages"]!.AsArray();
        Assert.Contains("from German into English", messages[0]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        var asked = JsonNode.Parse(messages[1]!["content"]!.GetValue<string>())!;
        Assert.Equal(GermanTitle, asked["title"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_story_is_translated_again_only_when_its_title_or_summary_changes(string engine)
    {
        await using var rig = await RigAsync(engine);
        var id = await rig.AddStoryAsync(GermanTitle, GermanSummary, "de");
        rig.Llm.Reply(Reply(EnglishTitle, EnglishSummary));
        await rig.PassAsync();
        Assert.Equal(1, rig.Llm.RequestCount);

        Assert.Equal(0, await rig.PassAsync());
        await rig.RewriteAsync(id, GermanTitle, GermanSummary);
        await rig.PassAsync();
        Assert.Equal(1, rig.Llm.RequestCount);
        Assert.Equal(("translated", 2), ((await rig.Store.GetAsync(id, CancellationToken.None))!.Status, (await rig.Store.GetAsync(id, CancellationToken.None))!.SourceVersion));

        const string newTitle = "Bundestag beschließt Haushalt mit 481 Milliarden Euro";
        await rig.RewriteAsync(id, newTitle, GermanSummary);
        var stale = (await new SiteStore(rig.Db.Database).StoryAsync(id, CancellationToken.None))!.Card;
        Assert.Null(stale.Translation);
        rig.Llm.Reply(Reply("Bundestag passes budget of 481 billion euros", EnglishSummary));
        await rig.PassAsync();

        Assert.Equal(2, rig.Llm.RequestCount);
        var fresh = (await new SiteStore(rig.Db.Database).StoryAsync(id, CancellationToken.None))!.Card;
        Assert.Equal("Bundestag passes budget of 481 billion euros", fresh.Translation?.Title);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_rejected_translation_is_never_shown_keeps_the_earlier_one_stored_and_is_tried_again_after_a_backoff(string engine)
    {
        await using var rig = await RigAsync(engine);
        var id = await rig.AddStoryAsync(GermanTitle, GermanSummary, "de");
        rig.Llm.Reply(Reply(EnglishTitle, EnglishSummary));
        await rig.PassAsync();
        await rig.RewriteAsync(id, "Bundestag beschließt Haushalt mit 480 Milliarden Euro für 2027", GermanSummary);
        rig.Llm.Reply(Reply("<script>alert(1)</script>Bundestag passes budget of 999 billion euros", EnglishSummary));

        await rig.PassAsync();

        var stored = (await rig.Store.GetAsync(id, CancellationToken.None))!;
        Assert.Equal("rejected", stored.Status);
        Assert.Equal(1, stored.Attempts);
        Assert.Contains("markup", stored.LastError, StringComparison.Ordinal);
        Assert.Contains("number 999", stored.LastError, StringComparison.Ordinal);
        Assert.Equal(EnglishTitle, stored.Title);
        Assert.Equal(rig.Clock.GetUtcNow().AddMinutes(15), stored.NextAttemptAt);
        var card = (await new SiteStore(rig.Db.Database).StoryAsync(id, CancellationToken.None))!.Card;
        Assert.Null(card.Translation);
        Assert.Equal("Bundestag beschließt Haushalt mit 480 Milliarden Euro für 2027", card.Title);

        Assert.Equal(0, await rig.PassAsync());
        rig.Clock.Advance(TimeSpan.FromMinutes(16));
        rig.Llm.Reply(Reply("Bundestag passes budget of 480 billion euros for 2027", EnglishSummary));
        Assert.Equal(1, await rig.PassAsync());

        Assert.Equal("Bundestag passes budget of 480 billion euros for 2027", (await new SiteStore(rig.Db.Database).StoryAsync(id, CancellationToken.None))!.Card.Translation?.Title);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_failing_endpoint_is_recorded_and_retried_with_a_doubling_backoff_until_the_attempts_run_out(string engine)
    {
        await using var rig = await RigAsync(engine);
        var id = await rig.AddStoryAsync(GermanTitle, GermanSummary, "de");
        rig.Llm.Status(500);

        await rig.PassAsync();
        var first = (await rig.Store.GetAsync(id, CancellationToken.None))!;
        Assert.Equal(("failed", 1), (first.Status, first.Attempts));
        Assert.Contains("HTTP 500", first.LastError, StringComparison.Ordinal);
        Assert.Equal(rig.Clock.GetUtcNow().AddMinutes(15), first.NextAttemptAt);

        rig.Clock.Advance(TimeSpan.FromMinutes(15));
        await rig.PassAsync();
        var second = (await rig.Store.GetAsync(id, CancellationToken.None))!;
        Assert.Equal(2, second.Attempts);
        Assert.Equal(rig.Clock.GetUtcNow().AddMinutes(30), second.NextAttemptAt);

        rig.Clock.Advance(TimeSpan.FromMinutes(30));
        await rig.PassAsync();
        var third = (await rig.Store.GetAsync(id, CancellationToken.None))!;
        Assert.Equal(3, third.Attempts);
        Assert.Null(third.NextAttemptAt);

        rig.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, await rig.Stage.CountPendingAsync(CancellationToken.None));
        Assert.Equal(3, rig.Llm.RequestCount);
        var card = (await new SiteStore(rig.Db.Database).StoryAsync(id, CancellationToken.None))!.Card;
        Assert.Equal((GermanTitle, GermanSummary), (card.Title, card.Summary));

        // A new text starts afresh.
        await rig.RewriteAsync(id, GermanTitle + " für 2027", GermanSummary);
        rig.Llm.Reply(Reply(EnglishTitle + " for 2027", EnglishSummary));
        await rig.PassAsync();
        Assert.Equal("translated", (await rig.Store.GetAsync(id, CancellationToken.None))!.Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task An_endpoint_that_does_not_answer_in_time_is_a_recorded_failure_on_the_stages_clock(string engine)
    {
        await using var rig = await RigAsync(engine);
        var id = await rig.AddStoryAsync(GermanTitle, GermanSummary, "de");
        rig.Llm.Slow(TimeSpan.FromMinutes(10), Reply(EnglishTitle, EnglishSummary));

        var pass = rig.PassAsync();
        await WaitUntil(() => rig.Llm.RequestCount == 1, pass);
        rig.Clock.Advance(TimeSpan.FromSeconds(61));
        await pass;

        var stored = (await rig.Store.GetAsync(id, CancellationToken.None))!;
        Assert.Equal("failed", stored.Status);
        Assert.Contains("no answer within Translation:TimeoutSeconds (60 s)", stored.LastError, StringComparison.Ordinal);
        Assert.Null(stored.Title);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_stopped_pass_gives_its_stories_back_untouched_for_the_next(string engine)
    {
        await using var rig = await RigAsync(engine);
        var id = await rig.AddStoryAsync(GermanTitle, GermanSummary, "de");
        rig.Llm.Slow(TimeSpan.FromMinutes(10), Reply(EnglishTitle, EnglishSummary));
        using var stop = new CancellationTokenSource();

        var pass = rig.Stage.RunBatchAsync(stop.Token);
        await WaitUntil(() => rig.Llm.RequestCount == 1, pass);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pass);
        var stored = (await rig.Store.GetAsync(id, CancellationToken.None))!;
        Assert.Equal(("pending", 0), (stored.Status, stored.Attempts));
        Assert.Equal(1, await rig.Stage.CountPendingAsync(CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_pass_translates_at_most_its_batch_and_leaves_the_rest_waiting(string engine)
    {
        await using var rig = await RigAsync(engine, o => o.BatchSize = 2);
        for (var i = 0; i < 5; i++)
        {
            await rig.AddStoryAsync(GermanTitle, GermanSummary, "de");
        }
        rig.Llm.Reply(Reply(EnglishTitle, EnglishSummary));

        Assert.Equal(2, await rig.PassAsync());
        Assert.Equal(2, rig.Llm.RequestCount);
        Assert.Equal(3, await rig.Stage.CountPendingAsync(CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Hostile_answers_are_refused_one_by_one_and_leave_nothing_shown_and_the_original_whole(string engine)
    {
        await using var rig = await RigAsync(engine);
        var hostile = new (string Reply, string Problem)[]
        {
            (Reply("<script>alert(1)</script>" + EnglishTitle, EnglishSummary), "markup"),
            (Reply(EnglishTitle, "The Bundestag passed the budget for 2028 on Friday. Three ministries must save."), "number 2028"),
            (Reply(GermanTitle, GermanSummary), "untranslated"),
            (Reply(EnglishTitle, string.Concat(Enumerable.Repeat("The Bundestag passed the budget. ", 320))), "more than a translation"),
            (Reply("Here is the translation you asked for", EnglishSummary), "talks about the task"),
            (Reply(EnglishTitle + " https://evil.example/phish", EnglishSummary), "link or address"),
            ("I cannot help with that.", "not the JSON"),
        };
        var ids = new List<long>();
        foreach (var (reply, _) in hostile)
        {
            var id = await rig.AddStoryAsync(GermanTitle, GermanSummary, "de");
            ids.Add(id);
            rig.Llm.Reply(reply);
            Assert.Equal(1, await rig.Stage.RunBatchAsync(CancellationToken.None));
        }

        var site = new SiteStore(rig.Db.Database);
        for (var i = 0; i < hostile.Length; i++)
        {
            var stored = (await rig.Store.GetAsync(ids[i], CancellationToken.None))!;
            Assert.Equal("rejected", stored.Status);
            Assert.Contains(hostile[i].Problem, stored.LastError, StringComparison.Ordinal);
            Assert.Null(stored.Title);
            var card = (await site.StoryAsync(ids[i], CancellationToken.None))!.Card;
            Assert.Null(card.Translation);
            Assert.Equal((GermanTitle, GermanSummary), (card.Title, card.Summary));
        }
    }

    /// <summary>Waits for a condition the test's own request brings about; the limit only guards against a hang.</summary>
    private static async Task WaitUntil(Func<bool> condition, Task work)
    {
        var guard = Task.Delay(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            Assert.False(work.IsCompleted, "the pass ended before the condition held");
            Assert.False(guard.IsCompleted, "the condition never held");
            await Task.Delay(10);
        }
    }
}
