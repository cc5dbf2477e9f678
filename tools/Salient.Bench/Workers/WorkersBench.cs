using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Salient.Cli;
using Salient.Ingest;
using Salient.Pipeline;
using Salient.Storage;
using Salient.Workers;

namespace Salient.Bench.Workers;

/// <summary>
/// <c>salient bench workers</c>: throughput with 1, 2 and 4 workers over a local feed site on PostgreSQL, and where the time
/// goes; with <c>--headlines</c>, the multi-process check: real headlines as local feeds, worker processes, SIGKILLs.
/// </summary>
internal static class WorkersBench
{
    public static Command Command()
    {
        var workers = new Option<int[]>("--workers") { Description = "Worker counts to measure, one run each.", DefaultValueFactory = _ => [1, 2, 4], AllowMultipleArgumentsPerToken = true };
        var feeds = new Option<int>("--feeds") { Description = "Synthetic feeds on the local site.", DefaultValueFactory = _ => 40 };
        var items = new Option<int>("--items") { Description = "Items per synthetic feed.", DefaultValueFactory = _ => 25 };
        var headlines = new Option<string?>("--headlines")
        {
            Description = "JSON Lines of headlines {id, title, domain, timestamp_utc}: serve them as one local feed per domain, import the OPML, run worker " +
                          "processes against --db, kill one with SIGKILL --kills times (replacing it), wait until nothing is pending and check the store.",
        };
        var processes = new Option<int>("--processes") { Description = "Worker processes for --headlines.", DefaultValueFactory = _ => 3 };
        var kills = new Option<int>("--kills") { Description = "SIGKILLs for --headlines.", DefaultValueFactory = _ => 2 };
        var lease = new Option<int>("--lease-seconds") { Description = "Workers:LeaseSeconds for the worker processes.", DefaultValueFactory = _ => 20 };
        var fresh = new Option<bool>("--fresh") { Description = "With --headlines: drop the --db database first (PostgreSQL)." };
        var cmd = new Command("workers", "Workers on PostgreSQL: items/s with 1, 2 and 4 workers over a local feed site and time per stage; or the --headlines check.")
        {
            workers, feeds, items, headlines, processes, kills, lease, fresh,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var db = parse.GetValue(GlobalOptions.Db) ?? throw new UsageException("give the PostgreSQL database with --db \"Host=127.0.0.1;Username=...;Database=...\"");
            if (!Database.LooksLikePostgres(db))
            {
                throw new UsageException("bench workers needs PostgreSQL: give --db \"Host=...;Database=...\"");
            }
            if (parse.GetValue(headlines) is { } file)
            {
                return await HeadlinesAsync(db, file, parse.GetValue(processes), parse.GetValue(kills), parse.GetValue(lease), parse.GetValue(fresh), ct).ConfigureAwait(false);
            }
            return await ThroughputAsync(db, parse.GetValue(workers) ?? [1, 2, 4], parse.GetValue(feeds), parse.GetValue(items), ct).ConfigureAwait(false);
        });
        return cmd;
    }

    private static async Task<int> ThroughputAsync(string db, int[] counts, int feeds, int items, CancellationToken ct)
    {
        await using var site = await LoopbackSite.StartAsync(recordRequests: false).ConfigureAwait(false);
        site.Add(new SyntheticNewsSite(site.BaseUri, feeds, items, seed: 11).Files);
        var total = feeds * items;
        Console.WriteLine($"local feed site {site.BaseUri}: {feeds} feeds, {total} items, {Environment.ProcessorCount} cores");
        Console.WriteLine("workers  seconds  items/s   time per stage (worker-seconds: poll, extract, embed, group, score, ...)");
        foreach (var n in counts)
        {
            var target = WithDatabase(db, $"_w{n}");
            await DropAsync(target, ct).ConfigureAwait(false);
            await using (var setup = await SalientApp.OpenAsync(target, null, ct).ConfigureAwait(false))
            {
                var list = Enumerable.Range(0, feeds).Select(f => new NewSource(new Uri(site.BaseUri, SyntheticNewsSite.FeedPath(f).TrimStart('/')).AbsoluteUri, $"Outlet {f}")).ToList();
                await setup.Get<SourceStore>().AddAsync(list, byUser: true, 900, ct).ConfigureAwait(false);
            }
            var timings = new WorkerTimings();
            var clock = Stopwatch.StartNew();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var run = WorkerPool.RunAsync(target, null, n, stop.Token, timings);
            await using (var watch = await SalientApp.OpenAsync(target, null, ct).ConfigureAwait(false))
            {
                await WaitDrainedAsync(watch, run, ct).ConfigureAwait(false);
            }
            var elapsed = clock.Elapsed;
            await stop.CancelAsync().ConfigureAwait(false);
            await run.ConfigureAwait(false);
            var parts = timings.Snapshot().OrderBy(kv => Rank(kv.Key)).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value.Seconds:0.0} s/{kv.Value.Items}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n,7}  {elapsed.TotalSeconds,7:0.0}  {total / elapsed.TotalSeconds,7:0.0}   {string.Join(", ", parts)}"));
            await DropAsync(target, ct).ConfigureAwait(false);
        }
        return ExitCodes.Ok;
    }

    private static int Rank(string stage) => stage switch { "poll" => 0, "extract" => 1, "embed" => 2, "group" => 3, "score" => 4, _ => 5 };

    /// <summary>Waits until nothing is pending three checks in a row (or the workers end).</summary>
    private static async Task WaitDrainedAsync(SalientApp app, Task workers, CancellationToken ct)
    {
        var runner = app.Get<PipelineRunner>();
        var stats = app.Get<StatsStore>();
        var zeroes = 0;
        while (!workers.IsCompleted)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct).ConfigureAwait(false);
            var pending = await runner.CountPendingAsync(ct).ConfigureAwait(false) + await stats.UnpolledSourcesAsync(ct).ConfigureAwait(false);
            zeroes = pending == 0 ? zeroes + 1 : 0;
            if (zeroes >= 3)
            {
                return;
            }
        }
        await workers.ConfigureAwait(false);
    }

    private static async Task<int> HeadlinesAsync(string db, string file, int processes, int kills, int leaseSeconds, bool fresh, CancellationToken ct)
    {
        if (!File.Exists(file))
        {
            throw new UsageException($"headlines file '{file}' does not exist");
        }
        var headlines = HeadlineFeeds.Read(file);
        await using var site = await LoopbackSite.StartAsync(recordRequests: false).ConfigureAwait(false);
        var (files, feedList) = HeadlineFeeds.Build(site.BaseUri, headlines);
        site.Add(files);
        if (fresh)
        {
            await DropAsync(db, ct).ConfigureAwait(false);
        }
        var opml = Path.Combine(Path.GetTempPath(), $"salient-headlines-{Environment.ProcessId}.opml");
        await File.WriteAllTextAsync(opml, HeadlineFeeds.Opml(feedList), ct).ConfigureAwait(false);
        Console.WriteLine($"local feed site {site.BaseUri}: {headlines.Count} headlines as {feedList.Count} feeds; OPML {opml}");
        try
        {
            var result = await WorkersCheck.RunAsync(new WorkersCheckOptions(db, opml, processes, kills, leaseSeconds,
                KillAfterMinSeconds: 5, KillAfterMaxSeconds: 40, Seed: Environment.TickCount, Timeout: TimeSpan.FromMinutes(60),
                Log: line => Console.WriteLine(line)), ct).ConfigureAwait(false);
            foreach (var r in result.WorkerReports)
            {
                Console.WriteLine(r);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"drained {result.Drained} after {result.Elapsed.TotalSeconds:0.0} s with {result.Kills} SIGKILLs; sources {result.Sources}; articles {result.Articles} " +
                $"(distinct URLs {result.DistinctUrls}); export articles: {result.ExportedLines} lines, {result.ExportedDistinctUrls} distinct URLs; " +
                $"articles without a story {result.WithoutStory}; on a missing or merged story {result.StoriesReferencedMissing}; stories {result.Stories}"));
            var ok = result.Drained && result.ExportedLines == result.ExportedDistinctUrls && result.WithoutStory == 0 && result.StoriesReferencedMissing == 0;
            Console.WriteLine(ok ? "check passed" : "check FAILED");
            return ok ? ExitCodes.Ok : ExitCodes.Failure;
        }
        finally
        {
            File.Delete(opml);
        }
    }

    private static string WithDatabase(string db, string suffix)
    {
        var b = new NpgsqlConnectionStringBuilder(db);
        b.Database = (b.Database ?? "salient") + suffix;
        return b.ConnectionString;
    }

    private static async Task DropAsync(string db, CancellationToken ct)
    {
        var b = new NpgsqlConnectionStringBuilder(db);
        var name = b.Database ?? throw new UsageException("the connection string names no Database");
        b.Database = "postgres";
        b.Pooling = false;
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(b.ConnectionString);
        await conn.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"DROP DATABASE IF EXISTS \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WITH (FORCE)";
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
