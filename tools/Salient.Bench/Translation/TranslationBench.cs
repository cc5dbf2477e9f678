using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Salient.Llm;
using Salient.Storage;
using Salient.Translation;
using Salient.Web;

namespace Salient.Bench.Translation;

/// <summary>
/// <c>bench translate</c>: what the translation stage costs besides the LLM itself, on a SQLite store of many stories
/// of which a share is in another language: how long counting and claiming the waiting stories take, and the
/// stage's own time per story against an endpoint on loopback that answers at once with a fixed, valid translation.
/// The LLM's own time is not measured here (it depends on the model and the machine that serves it).
/// </summary>
internal static class TranslationBench
{
    public static Command Command()
    {
        var stories = new Option<int>("--stories") { Description = "Stories in the store.", DefaultValueFactory = _ => 10_000 };
        var share = new Option<double>("--foreign-share") { Description = "Share of the stories in German (the rest in English).", DefaultValueFactory = _ => 0.1 };
        var days = new Option<int>("--days") { Description = "Days the stories' activity is spread over.", DefaultValueFactory = _ => 30 };
        var cmd = new Command("translate", "The translation stage's own cost: counting and claiming waiting stories in a large store, and its time per story against an instant loopback endpoint.")
        {
            stories, share, days,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(stories);
            var foreign = parse.GetValue(share);
            var spread = Math.Max(1, parse.GetValue(days));
            var dir = Directory.CreateTempSubdirectory("salient-translate-bench");
            try
            {
                var db = Database.Create(Path.Combine(dir.FullName, "salient.db"));
                await db.MigrateAsync(ct).ConfigureAwait(false);
                var now = DateTimeOffset.UtcNow;
                var fill = Stopwatch.StartNew();
                var german = await FillAsync(db, n, foreign, spread, now, ct).ConfigureAwait(false);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store: {n:N0} stories, {german:N0} in German, 2 articles each, over {spread} days (filled in {fill.Elapsed.TotalSeconds:0.0} s)"));

                await using var llm = await LoopbackSite.StartAsync(recordRequests: false).ConfigureAwait(false);
                var requests = 0;
                llm.Map("/v1/chat/completions", async ctx =>
                {
                    Interlocked.Increment(ref requests);
                    var content = JsonSerializer.Serialize(new { title = "Parliament passes the budget", summary = "Parliament passed the budget on Friday after a long debate." });
                    ctx.Response.ContentType = "application/json";
                    await ctx.Response.WriteAsync(JsonSerializer.Serialize(new
                    {
                        id = "bench", @object = "chat.completion", created = 1_700_000_000, model = "bench",
                        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
                        usage = new { prompt_tokens = 100, completion_tokens = 30, total_tokens = 130 },
                    })).ConfigureAwait(false);
                });
                var llmOptions = new LlmOptions { BaseUrl = llm.Url("v1"), Model = "bench", MaxRetries = 0 };
                var options = new TranslationOptions();
                var translator = new StoryTranslator(new LlmClientFactory(llmOptions, TimeProvider.System).Create(), "bench", options, TimeProvider.System);
                var store = new TranslationStore(db, TimeProvider.System);
                var stage = new TranslationStage(store, translator, options, new SiteOptions { Language = "en" }, TimeProvider.System, NullLogger<TranslationStage>.Instance);

                var counts = new List<double>();
                long pending = 0;
                for (var i = 0; i < 5; i++)
                {
                    var sw = Stopwatch.StartNew();
                    pending = await stage.CountPendingAsync(ct).ConfigureAwait(false);
                    counts.Add(sw.Elapsed.TotalMilliseconds);
                }
                counts.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"waiting (last {options.MaxAgeDays} days): {pending:N0}; counting them: median {counts[2]:0.0} ms of 5"));

                var passes = new List<double>();
                var done = 0;
                var total = Stopwatch.StartNew();
                while (true)
                {
                    var sw = Stopwatch.StartNew();
                    var k = await stage.RunBatchAsync(ct).ConfigureAwait(false);
                    if (k == 0)
                    {
                        break;
                    }
                    passes.Add(sw.Elapsed.TotalMilliseconds);
                    done += k;
                }
                total.Stop();
                passes.Sort();
                var median = passes.Count == 0 ? 0 : passes[passes.Count / 2];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"translated {done:N0} stories in {passes.Count} passes of at most {options.BatchSize}: {total.Elapsed.TotalSeconds:0.00} s, {(done == 0 ? 0 : total.Elapsed.TotalMilliseconds / done):0.0} ms a story (claim, request, checks, save), median pass {median:0} ms; {requests} requests"));
                return 0;
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                dir.Delete(recursive: true);
            }
        });
        return cmd;
    }

    private static async Task<int> FillAsync(Database db, int n, double share, int days, DateTimeOffset now, CancellationToken ct)
    {
        var german = 0;
        var random = new Random(7);
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        for (var i = 0; i < n; i++)
        {
            var isGerman = random.NextDouble() < share;
            german += isGerman ? 1 : 0;
            var at = Clock.ToUnixMs(now.AddMinutes(-random.NextDouble() * days * 24 * 60));
            var (title, summary) = isGerman
                ? ("Bundestag beschließt den Haushalt", "Der Bundestag hat am Freitag nach langer Debatte den Haushalt beschlossen.")
                : ("Parliament passes the budget", "Parliament passed the budget on Friday after a long debate.");
            var id = await Sql.LongAsync(conn, tx,
                "INSERT INTO stories (status, first_seen, last_updated, first_published, last_published, article_count, outlet_count, title, summary, version, written_version, written_at) " +
                "VALUES ('open', @t, @t, @t, @t, 2, 2, @title, @summary, 1, 1, @t) RETURNING id",
                ct, ("t", at), ("title", title), ("summary", summary)).ConfigureAwait(false);
            for (var a = 0; a < 2; a++)
            {
                await Sql.ExecuteAsync(conn, tx,
                    "INSERT INTO articles (url, canonical_url, title, published_at, discovered_at, stage, story_id, language) VALUES (@u, @u, @title, @t, @t, 30, @id, @lang)",
                    ct, ("u", $"https://news.example/{id}/{a}"), ("title", title), ("t", at), ("id", id), ("lang", isGerman ? "de" : "en")).ConfigureAwait(false);
            }
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return german;
    }
}
