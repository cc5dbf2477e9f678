using System.CommandLine;
using System.Globalization;
using Salient.Cli;
using Salient.Embeddings;

namespace Salient.Stories;

/// <summary><c>salient cluster</c>.</summary>
internal sealed class StoryCommands : ICommandModule
{
    public IEnumerable<(string? Parent, Command Command)> Commands()
    {
        yield return (null, Cluster());
    }

    internal static readonly Option<string[]> Settings = new("--set")
    {
        Description = "Override a story setting, Name=value (for example JoinThreshold=0.6); may be repeated.",
        AllowMultipleArgumentsPerToken = false,
    };

    private static Command Cluster()
    {
        var input = new Option<string>("--input") { Description = "JSON Lines of {id, title, text, published (ISO 8601), source, url}; '-' reads standard input.", Required = true };
        var cmd = new Command("cluster", "Group articles into stories, all together (by their texts, outlets and times, whatever the order of the lines; above 8,000 articles, or with --set AtOnce=false, as the daemon groups them: one by one in published order, or 256 at a time, each batch together with the stories before it, with --set BatchAtOnce=true); writes {id, story} per article, in input order.") { input, Settings };
        cmd.SetAction(async (parse, ct) =>
        {
            var options = LoadOptions(parse);
            var path = parse.GetValue(input)!;
            var records = ReadRecords(path, requireGold: false);
            if (records.Count == 0)
            {
                await Console.Error.WriteLineAsync($"salient: {InputName(path)} holds no articles; nothing to group").ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            var times = ClusterInput.Times(records);
            var grouped = Enumerable.Range(0, records.Count).Where(i => !records[i].IsEmpty).ToArray();
            // Articles that all stand at one time, with no time given or one and the same for every line, are grouped
            // by their texts alone: the clock tells them nothing.
            if (grouped.Length > 1 && grouped.All(i => times[i] == times[grouped[0]]))
            {
                var batches = options.BatchAtOnce ? $"{StreamClusterer.DaemonBatch} at a time" : "one by one";
                var order = !options.AtOnce ? $"{batches} in the order of the lines (Stories:AtOnce is off)"
                    : grouped.Length <= StoryAssigner.AtOnceMax ? "all together, so the order of the lines plays no part"
                    : $"{batches} in the order of the lines, as more than {StoryAssigner.AtOnceMax.ToString("N0", CultureInfo.InvariantCulture)} are too many to group together";
                var why = records.All(r => r.Published is null)
                    ? "no line gives a 'published' time, so the articles are grouped as if all were published at once"
                    : $"every article stands at one time ({DateTimeOffset.FromUnixTimeMilliseconds(times[grouped[0]]).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}), so the times tell the events nothing and the articles are grouped as if none had one";
                await Console.Error.WriteLineAsync($"salient: warning: {InputName(path)}: {why}: by their texts alone (the weekday each names for its news included), {order}, and stories are never merged: " +
                    "reports of different events on one theme (two monthly jobs reports, two votes on one bill) may be grouped as one story. " +
                    "Give each line its 'published' time (ISO 8601, for example 2024-05-03T10:00:00Z) to tell such events apart by their days as well.").ConfigureAwait(false);
                options = options.Untimed();
            }
            else if (options.AtOnce && grouped.Length > StoryAssigner.AtOnceMax)
            {
                await Console.Error.WriteLineAsync($"salient: note: {InputName(path)} holds {grouped.Length.ToString("N0", CultureInfo.InvariantCulture)} articles, more than the " +
                    $"{StoryAssigner.AtOnceMax.ToString("N0", CultureInfo.InvariantCulture)} grouped together: they are grouped as the daemon groups them, " +
                    (options.BatchAtOnce ? $"{StreamClusterer.DaemonBatch} at a time in published order, each batch together with the stories before it" : "one by one in published order") +
                    " (articles at one time in the order of the lines).").ConfigureAwait(false);
            }
            using var embedder = new TextEmbedder();
            // An article with neither title nor text has nothing to be grouped by: it is a story of its own.
            var articles = Embed(embedder, grouped.Select(i => records[i]).ToList(), grouped.Select(i => times[i]).ToArray(), ct);
            var found = StreamClusterer.Run(options, articles, texts => embedder.Embed(texts, ct), out _);
            var stories = new long[records.Count];
            var next = found.Length == 0 ? 1 : found.Max() + 1;
            for (var i = 0; i < records.Count; i++)
            {
                stories[i] = records[i].IsEmpty ? next++ : 0;
            }
            for (var k = 0; k < grouped.Length; k++)
            {
                stories[grouped[k]] = found[k];
            }
            var stdout = Console.Out;
            for (var i = 0; i < records.Count; i++)
            {
                await stdout.WriteLineAsync($"{{\"id\":{records[i].IdJson},\"story\":{stories[i].ToString(CultureInfo.InvariantCulture)}}}").ConfigureAwait(false);
            }
            await stdout.FlushAsync(ct).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    internal static StoryOptions LoadOptions(ParseResult parse)
    {
        try
        {
            var configuration = SalientApp.LoadConfiguration(parse.GetValue(GlobalOptions.Config));
            return Cli.Settings.Read<StoryOptions>(configuration, StoryOptions.Section).With(parse.GetValue(Settings) ?? []);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>
    /// The articles of <paramref name="path"/> ('-': standard input). An empty input is an empty list for
    /// <c>cluster</c> and an error for the evaluation, which needs articles to measure.
    /// </summary>
    internal static List<ClusterRecord> ReadRecords(string path, bool requireGold)
    {
        static void Warn(string message) => Console.Error.WriteLine($"salient: warning: {message}");
        var records = path == "-" ? ClusterInput.Read(Console.In, InputName(path), requireGold, Warn) : ReadFile(path, requireGold, Warn);
        if (records.Count == 0 && requireGold)
        {
            throw new UsageException($"{InputName(path)} holds no articles");
        }
        return records;
    }

    private static List<ClusterRecord> ReadFile(string path, bool requireGold, Action<string> warn)
    {
        using var reader = JsonLines.OpenInput(path, "one article a line");
        try
        {
            return ClusterInput.Read(reader, path, requireGold, warn);
        }
        catch (IOException e)
        {
            throw new SalientException($"input file '{path}' cannot be read: {e.Message}", e);
        }
    }

    private static string InputName(string path) => JsonLines.InputName(path);

    private static List<StoryArticle> Embed(TextEmbedder embedder, List<ClusterRecord> records, long[] times, CancellationToken ct)
    {
        var vectors = embedder.Embed(records.Select(r => EmbeddingText.Of(r.Title, r.Text)).ToList(), ct);
        return records.Select((r, i) => new StoryArticle(i, r.Title, r.Text, r.Source, r.Url, times[i], vectors[i])).ToList();
    }
}
