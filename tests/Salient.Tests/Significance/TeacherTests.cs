using Microsoft.Extensions.Logging.Abstractions;
using Salient.Llm;
using Salient.Significance;
using Salient.Storage;
using Salient.Tests.Llm;
using Salient.Tests.Support;

namespace Salient.Tests.Significance;

public sealed class TeacherTests : IAsyncLifetime
{
    private const string Good = """{"scale": 8, "impact": 7, "novelty": 6, "potential": 7, "legacy": 6, "positivity": 2, "credibility": 9, "reason": "A war between sizeable states affects millions."}""";

    private readonly TempDir _dir = new();
    private ChatCompletionsServer _server = null!;
    private Database _db = null!;

    private static readonly Rubric TestRubric = new("# Rubric\nRubric version: **test-1**\nRate carefully.", "test-1");
    private static readonly TeacherItem Item = new("Russia invades Ukraine", "Troops crossed the border at dawn.", "Reuters", ["AP", "BBC News"]);

    public async Task InitializeAsync()
    {
        _server = await ChatCompletionsServer.StartAsync();
        _db = Database.Create(_dir.File("t.db"));
        await _db.MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    private (Teacher Teacher, LlmClientFactory Factory) Make(int timeoutSeconds = 10, int maxRetries = 2)
    {
        var factory = new LlmClientFactory(_server.Options(timeoutSeconds, maxRetries), TimeProvider.System);
        return (new Teacher(factory, new TeacherCache(_db), TimeProvider.System, NullLogger<Teacher>.Instance), factory);
    }

    [Fact]
    public async Task Good_answer_becomes_a_label_and_the_request_carries_rubric_schema_and_story()
    {
        _server.Reply(Good);
        var (teacher, factory) = Make();

        var label = await teacher.RateAsync(factory.Create(), TestRubric, Item, CancellationToken.None);

        Assert.NotNull(label);
        Assert.Equal(new Factors(8, 7, 6, 7, 6, 2, 9), label.Factors);
        Assert.Equal("A war between sizeable states affects millions.", label.Reason);
        var body = Assert.Single(_server.Bodies);
        var messages = body["messages"]!.AsArray();
        Assert.Equal("system", (string?)messages[0]!["role"]);
        Assert.Contains("Rate carefully.", (string?)messages[0]!["content"], StringComparison.Ordinal);
        Assert.Contains("Russia invades Ukraine", (string?)messages[1]!["content"], StringComparison.Ordinal);
        Assert.Contains("Also reported by: AP, BBC News", (string?)messages[1]!["content"], StringComparison.Ordinal);
        Assert.Equal("json_schema", (string?)body["response_format"]!["type"]);
        var schema = body["response_format"]!["json_schema"]!["schema"]!;
        Assert.Equal(9, schema["required"]!.AsArray().Count); // seven factors, the holistic score and the reason
        Assert.NotNull(schema["properties"]!["score"]);
        Assert.Equal(100, factory.Usage.InputTokens);
    }

    [Fact]
    public async Task Same_story_is_answered_from_the_cache_without_a_second_request()
    {
        _server.Reply(Good);
        var (teacher, factory) = Make();
        await teacher.RateAsync(factory.Create(), TestRubric, Item, CancellationToken.None);

        var again = await teacher.RateAsync(factory.Create(), TestRubric, Item with { Outlets = ["BBC News", "AP"] }, CancellationToken.None);

        Assert.NotNull(again);
        Assert.True(again.Cached);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task Changed_story_text_misses_the_cache()
    {
        _server.Reply(Good);
        var (teacher, factory) = Make();
        await teacher.RateAsync(factory.Create(), TestRubric, Item, CancellationToken.None);

        await teacher.RateAsync(factory.Create(), TestRubric, Item with { Text = "Troops crossed the border at noon." }, CancellationToken.None);

        Assert.Equal(2, _server.RequestCount);
    }

    [Fact]
    public async Task Malformed_answer_is_repaired_by_one_retry_that_says_what_was_wrong()
    {
        _server.Reply("""Sure! {"scale": 8, "impact": 7, "novelty": 6""").Reply(Good);
        var (teacher, factory) = Make();

        var label = await teacher.RateAsync(factory.Create(), TestRubric, Item, CancellationToken.None);

        Assert.NotNull(label);
        Assert.Equal(2, _server.RequestCount);
        var repair = _server.Bodies.Last()["messages"]!.AsArray();
        Assert.Equal(4, repair.Count);
        Assert.Contains("not valid", (string?)repair[3]!["content"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_invalid_twice_gives_no_label_and_is_not_cached()
    {
        _server.Reply("""{"scale": 11, "impact": 7, "novelty": 6, "potential": 7, "legacy": 6, "positivity": 2, "credibility": 9, "reason": "x"}""");
        var (teacher, factory) = Make();

        Assert.Null(await teacher.RateAsync(factory.Create(), TestRubric, Item, CancellationToken.None));
        Assert.Null(await teacher.RateAsync(factory.Create(), TestRubric, Item, CancellationToken.None));
        Assert.Equal(4, _server.RequestCount);
    }

    [Fact]
    public async Task Too_many_requests_then_a_good_answer_gives_a_label()
    {
        _server.Status(429, retryAfter: "0").Reply(Good);
        var (teacher, factory) = Make();

        Assert.NotNull(await teacher.RateAsync(factory.Create(), TestRubric, Item, CancellationToken.None));
        Assert.Equal(2, _server.RequestCount);
    }

    [Fact]
    public async Task Persistent_server_error_surfaces_as_a_retryable_llm_failure()
    {
        _server.Status(500);
        var (teacher, factory) = Make(maxRetries: 1);

        var e = await Assert.ThrowsAsync<LlmException>(() => teacher.RateAsync(factory.Create(), TestRubric, Item, CancellationToken.None));
        Assert.True(e.Retryable);
    }

    [Fact]
    public async Task Slow_answer_is_abandoned_and_retried()
    {
        _server.Slow(TimeSpan.FromSeconds(30), Good).Reply(Good);
        var (teacher, factory) = Make(timeoutSeconds: 1);

        Assert.NotNull(await teacher.RateAsync(factory.Create(), TestRubric, Item, CancellationToken.None));
        Assert.Equal(2, _server.RequestCount);
    }

    [Theory]
    [InlineData("```json\n{\"scale\": 3, \"impact\": 2, \"novelty\": 2, \"potential\": 2, \"legacy\": 1, \"positivity\": 5, \"credibility\": 6, \"reason\": \"Routine.\"}\n```", null)]
    [InlineData("{\"scale\": \"3\", \"impact\": 2, \"novelty\": 2, \"potential\": 2, \"legacy\": 1, \"positivity\": 5, \"credibility\": 6, \"reason\": \"Routine.\"}", null)]
    [InlineData("no json here", "no JSON object")]
    [InlineData("[1, 2, 3]", "no JSON object")]
    [InlineData("{\"scale\": 3}", "'impact' is missing")]
    [InlineData("{\"scale\": -1, \"impact\": 2, \"novelty\": 2, \"potential\": 2, \"legacy\": 1, \"positivity\": 5, \"credibility\": 6, \"reason\": \"x\"}", "outside 0 to 10")]
    [InlineData("{\"scale\": 3, \"impact\": true, \"novelty\": 2, \"potential\": 2, \"legacy\": 1, \"positivity\": 5, \"credibility\": 6, \"reason\": \"x\"}", "not a number")]
    [InlineData("{\"scale\": 3, \"impact\": 2, \"novelty\": 2, \"potential\": 2, \"legacy\": 1, \"positivity\": 5, \"credibility\": 6, \"reason\": \"  \"}", "'reason'")]
    [InlineData("{\"scale\": 3, \"impact\": 2, \"novelty\": 2, \"potential\": 2, \"legacy\": 1, \"positivity\": 5, \"credibility\": 6, \"reason\": \"x\"", "no JSON object")]
    public void Answers_are_validated_strictly(string answer, string? problem)
    {
        var (label, found) = Teacher.Parse(answer);
        if (problem is null)
        {
            Assert.NotNull(label);
            Assert.Null(found);
        }
        else
        {
            Assert.Null(label);
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Shipped_rubric_is_built_in_with_its_version()
    {
        var rubric = Rubric.Load(null);
        Assert.Contains("credibility", rubric.Text, StringComparison.Ordinal);
        Assert.NotEqual("unversioned", rubric.Version);
    }

    [Fact]
    public void A_holistic_score_is_read_when_given_and_one_outside_0_to_10_is_refused_by_name()
    {
        const string factors = "\"scale\": 6, \"impact\": 5, \"novelty\": 4, \"potential\": 6, \"legacy\": 5, \"positivity\": 4, \"credibility\": 8";
        var (label, problem) = Teacher.Parse("{" + factors + ", \"score\": 5.74, \"reason\": \"A national law.\"}");
        Assert.Null(problem);
        Assert.Equal(5.7, label!.Holistic);
        var (old, _) = Teacher.Parse("{" + factors + ", \"reason\": \"A national law.\"}");
        Assert.Null(old!.Holistic);
        var (none, why) = Teacher.Parse("{" + factors + ", \"score\": 12, \"reason\": \"A national law.\"}");
        Assert.Null(none);
        Assert.Contains("'score'", why, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_rubric_is_version_2_and_asks_for_a_holistic_score()
    {
        var rubric = Rubric.Load(null);
        Assert.Equal("2", rubric.Version);
        Assert.Contains("holistic", Teacher.SystemPrompt(rubric), StringComparison.Ordinal);
    }
}
