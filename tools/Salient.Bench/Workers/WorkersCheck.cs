using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Salient.Cli;
using Salient.Pipeline;
using Salient.Bench.Stories;
using Salient.Storage;

namespace Salient.Bench.Workers;

/// <summary>What the workers check is asked to do.</summary>
internal sealed record WorkersCheckOptions(
    string Db,
    string OpmlPath,
    int Processes = 3,
    int Kills = 2,
    int LeaseSeconds = 15,
    double KillAfterMinSeconds = 3,
    double KillAfterMaxSeconds = 15,
    int Seed = 1,
    TimeSpan? Timeout = null,
    string? ReferenceDb = null,
    Action<string>? Log = null);

/// <summary>What the workers check found.</summary>
internal sealed record WorkersCheckResult(
    bool Drained,
    TimeSpan Elapsed,
    int Kills,
    long Sources,
    long Articles,
    long DistinctUrls,
    long ExportedLines,
    long ExportedDistinctUrls,
    long WithoutStory,
    long Stories,
    long StoriesReferencedMissing,
    double? BCubedF1VersusSingleProcess,
    TimeSpan? ReferenceElapsed,
    IReadOnlyList<string> WorkerReports,
    IReadOnlyDictionary<string, long> StoryByUrl);

/// <summary>
/// Imports an OPML file, runs several <c>salient worker</c> processes against one database, kills one with SIGKILL at
/// random moments (and starts a replacement each time) and waits until <c>stats</c> reports nothing pending; then checks
/// that every URL was stored once, every article has one story, and (optionally) that the stories match a single-process
/// <c>ingest --once</c> run over the same feeds (B-cubed F1). Used by <c>salient bench workers</c> and the fault test.
/// </summary>
internal static class WorkersCheck
{
    public static async Task<WorkersCheckResult> RunAsync(WorkersCheckOptions o, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(o);
        var log = o.Log ?? (_ => { });
        var timeout = o.Timeout ?? TimeSpan.FromMinutes(30);
        var env = new Dictionary<string, string> { ["SALIENT_Workers__LeaseSeconds"] = o.LeaseSeconds.ToString(CultureInfo.InvariantCulture) };
        await RunChildAsync(["--db", o.Db, "sources", "import", o.OpmlPath], env, ct).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var random = new Random(o.Seed);
        var reports = new ConcurrentQueue<string>();
        var workers = new List<WorkerProcess>();
        for (var i = 0; i < o.Processes; i++)
        {
            workers.Add(WorkerProcess.Start(o.Db, env, reports));
        }
        log($"started {o.Processes} workers: {string.Join(", ", workers.Select(w => w.Process.Id))}");
        var kills = 0;
        var nextKill = clock.Elapsed + Between(random, o.KillAfterMinSeconds, o.KillAfterMaxSeconds);
        await using var app = await SalientApp.OpenAsync(o.Db, null, ct).ConfigureAwait(false);
        var runner = app.Get<PipelineRunner>();
        var stats = app.Get<StatsStore>();
        var drained = false;
        var zeroes = 0;
        try
        {
            while (clock.Elapsed < timeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), ct).ConfigureAwait(false);
                if (kills < o.Kills && clock.Elapsed >= nextKill)
                {
                    var victim = workers[random.Next(workers.Count)];
                    victim.Process.Kill();
                    await victim.Process.WaitForExitAsync(ct).ConfigureAwait(false);
                    workers.Remove(victim);
                    kills++;
                    var replacement = WorkerProcess.Start(o.Db, env, reports);
                    workers.Add(replacement);
                    log($"{clock.Elapsed.TotalSeconds:0.0} s: killed worker {victim.Process.Id} (SIGKILL), started {replacement.Process.Id}");
                    nextKill = clock.Elapsed + Between(random, o.KillAfterMinSeconds, o.KillAfterMaxSeconds);
                    zeroes = 0;
                    continue;
                }
                var pending = await runner.CountPendingAsync(ct).ConfigureAwait(false) + await stats.UnpolledSourcesAsync(ct).ConfigureAwait(false);
                zeroes = pending == 0 ? zeroes + 1 : 0;
                if (zeroes >= 3 && kills >= o.Kills)
                {
                    drained = true;
                    break;
                }
                foreach (var dead in workers.Where(w => w.Process.HasExited).ToList())
                {
                    throw new SalientException($"worker {dead.Process.Id} exited by itself with code {dead.Process.ExitCode}: {dead.Tail()}");
                }
            }
        }
        finally
        {
            await Task.WhenAll(workers.Select(w => w.StopAsync())).ConfigureAwait(false);
        }
        var elapsed = clock.Elapsed;
        log($"{elapsed.TotalSeconds:0.0} s: {(drained ? "nothing pending" : "timed out")}; workers stopped");

        var (lines, distinctExported) = await ExportAsync(o.Db, env, ct).ConfigureAwait(false);
        await using var conn = await app.Database.OpenAsync(ct).ConfigureAwait(false);
        var sources = await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM sources", ct).ConfigureAwait(false);
        var articles = await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM articles", ct).ConfigureAwait(false);
        var urls = await Sql.LongAsync(conn, null, "SELECT COUNT(DISTINCT url) FROM articles", ct).ConfigureAwait(false);
        var orphans = await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM articles WHERE story_id IS NULL", ct).ConfigureAwait(false);
        var stories = await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM stories WHERE status <> 'merged'", ct).ConfigureAwait(false);
        var missing = await Sql.LongAsync(conn, null,
            "SELECT COUNT(*) FROM articles a LEFT JOIN stories s ON s.id = a.story_id WHERE a.story_id IS NOT NULL AND (s.id IS NULL OR s.status = 'merged')", ct).ConfigureAwait(false);
        var storyByUrl = await StoriesByUrlAsync(app.Database, ct).ConfigureAwait(false);

        double? f1 = null;
        TimeSpan? referenceElapsed = null;
        if (o.ReferenceDb is not null)
        {
            var reference = Stopwatch.StartNew();
            await RunChildAsync(["--db", o.ReferenceDb, "sources", "import", o.OpmlPath], env, ct).ConfigureAwait(false);
            await RunChildAsync(["--db", o.ReferenceDb, "ingest", "--once", "--no-default-sources"], env, ct).ConfigureAwait(false);
            referenceElapsed = reference.Elapsed;
            var single = await StoriesByUrlAsync(Database.Create(o.ReferenceDb), ct).ConfigureAwait(false);
            f1 = BCubedF1(storyByUrl, single);
            log($"single-process run took {referenceElapsed.Value.TotalSeconds:0.0} s; B-cubed F1 between the two: {f1:0.0000}");
        }
        return new WorkersCheckResult(drained, elapsed, kills, sources, articles, urls, lines, distinctExported, orphans, stories, missing, f1, referenceElapsed,
            reports.ToList(), storyByUrl);
    }

    private static TimeSpan Between(Random random, double min, double max) => TimeSpan.FromSeconds(min + (random.NextDouble() * Math.Max(0, max - min)));

    public static async Task<Dictionary<string, long>> StoriesByUrlAsync(Database db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var conn = await db.OpenAsync(ct).ConfigureAwait(false);
        var rows = await Sql.QueryAsync(conn, null, "SELECT canonical_url, story_id FROM articles WHERE story_id IS NOT NULL",
            r => (Url: r.Str("canonical_url")!, Story: r.Long("story_id")!.Value), ct).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Url, r => r.Story, StringComparer.Ordinal);
    }

    /// <summary>B-cubed F1 between two clusterings of the same items (items in only one are left out).</summary>
    public static double BCubedF1(IReadOnlyDictionary<string, long> a, IReadOnlyDictionary<string, long> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var items = a.Keys.Where(b.ContainsKey).ToList();
        return ClusterScores.Measure(items.Select(i => a[i]).ToList(), items.Select(i => b[i].ToString(CultureInfo.InvariantCulture)).ToList()).BcubedF1;
    }

    /// <summary>Runs <c>salient export articles</c> on <paramref name="db"/>: how many lines, and how many distinct URLs among them.</summary>
    internal static async Task<(long Lines, long DistinctUrls)> ExportAsync(string db, IReadOnlyDictionary<string, string> env, CancellationToken ct)
    {
        var output = await RunChildAsync(["--db", db, "export", "articles"], env, ct).ConfigureAwait(false);
        var urls = new HashSet<string>(StringComparer.Ordinal);
        long lines = 0;
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            urls.Add(doc.RootElement.GetProperty("url").GetString() ?? "");
            lines++;
        }
        return (lines, urls.Count);
    }

    /// <summary>How to start this build of salient as a child process: <c>dotnet salient.dll</c>.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string> env)
    {
        var dll = typeof(SalientApp).Assembly.Location;
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var psi = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }
        return psi;
    }

    public static async Task<string> RunChildAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env, CancellationToken ct)
    {
        using var p = Process.Start(StartInfo(args, env)) ?? throw new SalientException("cannot start salient");
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct).ConfigureAwait(false);
        if (p.ExitCode != 0)
        {
            throw new SalientException($"salient {string.Join(' ', args)} exited with {p.ExitCode}: {await stderr.ConfigureAwait(false)}");
        }
        return await stdout.ConfigureAwait(false);
    }

    /// <summary>One <c>salient worker</c> child process, its last lines of output kept.</summary>
    private sealed class WorkerProcess
    {
        private readonly ConcurrentQueue<string> _tail = new();
        private readonly ConcurrentQueue<string> _reports;

        private WorkerProcess(Process process, ConcurrentQueue<string> reports)
        {
            Process = process;
            _reports = reports;
        }

        public Process Process { get; }

        public static WorkerProcess Start(string db, IReadOnlyDictionary<string, string> env, ConcurrentQueue<string> reports)
        {
            var p = new Process { StartInfo = StartInfo(["--db", db, "worker", "--quiet"], env), EnableRaisingEvents = true };
            var w = new WorkerProcess(p, reports);
            p.OutputDataReceived += (_, e) => w.Keep(e.Data);
            p.ErrorDataReceived += (_, e) => w.Keep(e.Data);
            p.Start();
            p.StandardInput.Close();
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            return w;
        }

        private void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }
            _tail.Enqueue(line);
            while (_tail.Count > 20)
            {
                _tail.TryDequeue(out _);
            }
            if (line.Contains(" stopped; ", StringComparison.Ordinal))
            {
                _reports.Enqueue(line);
            }
        }

        public string Tail() => string.Join('\n', _tail);

        /// <summary>SIGTERM, so the worker finishes what it holds and reports its timings; SIGKILL after 20 s.</summary>
        public async Task StopAsync()
        {
            if (Process.HasExited)
            {
                return;
            }
            try
            {
                using var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", Process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
                if (term is not null)
                {
                    await term.WaitForExitAsync().ConfigureAwait(false);
                }
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await Process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or System.ComponentModel.Win32Exception)
            {
                Process.Kill(entireProcessTree: true);
            }
            Process.WaitForExit();
            Process.Dispose();
        }
    }
}
