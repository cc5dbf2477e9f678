using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Salient.Pipeline;
using Salient.Storage;

namespace Salient.Cli;

/// <summary><c>salient migrate</c>, <c>salient stats</c> and <c>salient export articles</c>.</summary>
internal sealed class CoreCommands : ICommandModule
{
    public IEnumerable<(string? Parent, Command Command)> Commands()
    {
        yield return (null, Migrate());
        yield return (null, Stats());
        yield return ("export", ExportArticles());
    }

    private static Command Migrate()
    {
        var cmd = new Command("migrate", "Apply every pending schema migration and exit.");
        cmd.SetAction(async (parse, ct) =>
        {
            await using var app = await SalientApp.OpenAsync(parse, ct, migrate: false).ConfigureAwait(false);
            var applied = await app.Database.MigrateAsync(ct).ConfigureAwait(false);
            Console.WriteLine(applied.Count == 0
                ? $"{app.Database.Display}: schema is up to date"
                : $"{app.Database.Display}: applied {string.Join(", ", applied)}");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Stats()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var cmd = new Command("stats", "Print counts of sources, articles, stories and pending work.") { json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var app = await SalientApp.OpenAsync(parse, ct).ConfigureAwait(false);
            var counts = await app.Get<StatsStore>().CountAsync(ct).ConfigureAwait(false);
            // Across all workers sharing the database: items leased by a worker but not finished count as pending.
            var pending = await app.Get<PipelineRunner>().CountPendingAsync(ct).ConfigureAwait(false)
                + await app.Get<StatsStore>().UnpolledSourcesAsync(ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { sources = counts.Sources, articles = counts.Articles, stories = counts.Stories, pending }));
            }
            else
            {
                Console.WriteLine($"sources   {counts.Sources}");
                Console.WriteLine($"articles  {counts.Articles}");
                Console.WriteLine($"stories   {counts.Stories}");
                Console.WriteLine($"pending   {pending}");
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command ExportArticles()
    {
        var cmd = new Command("articles", "Write every stored article as JSON Lines: {id, url, canonical_url, title, source, published, story}.");
        cmd.SetAction(async (parse, ct) =>
        {
            await using var app = await SalientApp.OpenAsync(parse, ct).ConfigureAwait(false);
            var stdout = Console.Out;
            await foreach (var a in app.Get<ArticleStore>().ExportAsync(ct).ConfigureAwait(false))
            {
                var line = new ExportedArticle(a.Id, a.Url, a.CanonicalUrl, a.Title, a.Source,
                    a.Published?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), a.StoryId);
                await stdout.WriteLineAsync(JsonSerializer.Serialize(line, CliJson.Options)).ConfigureAwait(false);
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private sealed record ExportedArticle(long Id, string Url, string CanonicalUrl, string Title, string? Source, string? Published, long? Story);
}

/// <summary>JSON settings for JSON Lines written by the command line: snake_case names, nulls kept, no HTML escaping of text.</summary>
internal static class CliJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
