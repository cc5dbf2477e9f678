using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Salient.Cli;
using Salient.Pipeline;
using Salient.Polling;
using Salient.Sources;
using Salient.Storage;
using Salient.Web;
using Spectre.Console;

namespace Salient.Ingest;

/// <summary><c>salient ingest [--once]</c> and <c>salient run</c>.</summary>
internal sealed class IngestCommands : ICommandModule
{
    private static Option<bool> NoDefaults() => new("--no-default-sources")
    {
        Description = "Do not seed a new, empty store with the default list of outlets (same as Sources:SeedDefaults=false).",
    };

    public IEnumerable<(string? Parent, Command Command)> Commands()
    {
        yield return (null, Ingest());
        yield return (null, Run());
    }

    private static Command Ingest()
    {
        var once = new Option<bool>("--once") { Description = "Poll every source once, run every stage until nothing is pending, print a summary and exit." };
        var noDefaults = NoDefaults();
        var cmd = new Command("ingest", "Poll sources and run the pipeline (continuously, or one pass with --once).") { once, noDefaults };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var app = await SalientApp.OpenAsync(parse, ct, longRunning: true).ConfigureAwait(false);
            await SeedAsync(app, parse.GetValue(noDefaults), ct).ConfigureAwait(false);
            if (!parse.GetValue(once))
            {
                using var stopping = StopOnSignals(ct);
                ct = stopping.Token;
                Console.Error.WriteLine($"salient: ingesting continuously into {app.Database.Display}; Ctrl+C stops");
                await app.Get<PipelineRunner>().RunAsync(ct).ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            var runner = app.Get<PipelineRunner>();
            IngestSummary summary;
            if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
            {
                var sources = await app.Get<SourceStore>().CountAsync(ct).ConfigureAwait(false);
                summary = await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .StartAsync(async ctx => await runner.RunOnceAsync(ct, new SpectreProgress(ctx, sources)).ConfigureAwait(false)).ConfigureAwait(false);
            }
            else
            {
                // Not a terminal (a log, a pipe): a plain line now and then, on standard error.
                summary = await runner.RunOnceAsync(ct, new PlainProgress(Console.Error, app.Get<TimeProvider>(), TimeSpan.FromSeconds(15))).ConfigureAwait(false);
            }
            Print(summary);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Run()
    {
        var urls = new Option<string>("--urls") { Description = "Where the site listens.", DefaultValueFactory = _ => "http://localhost:5080" };
        var noDefaults = NoDefaults();
        var workers = new Option<int>("--workers")
        {
            Description = "Worker loops to run in this process besides the site, each claiming its own work (see 'salient worker').",
            DefaultValueFactory = _ => 1,
        };
        var cmd = new Command("run", "Poll every source continuously, run the pipeline and serve the site, feeds and API (Ctrl+C stops).") { urls, noDefaults, workers };
        cmd.SetAction(async (parse, ct) =>
        {
            using var stopping = StopOnSignals(ct);
            ct = stopping.Token;
            // Arguments first: a wrong one must not leave a store seeded or a site started.
            var n = parse.GetValue(workers);
            if (n < 1 || n > 64)
            {
                throw new UsageException($"--workers is {n}; give a number from 1 to 64");
            }
            var address = parse.GetValue(urls)!;
            Web.ListenAddresses.Parse(address);
            await using var app = await SalientApp.OpenAsync(parse, ct, logLevel: LogLevel.Information, longRunning: true).ConfigureAwait(false);
            await SeedAsync(app, parse.GetValue(noDefaults), ct).ConfigureAwait(false);
            await using var site = await SiteHost.StartAsync(app, address, ct, logLevel: LogLevel.Information).ConfigureAwait(false);
            Console.Error.WriteLine($"salient: polling into {app.Database.Display}; site on {string.Join(", ", site.Urls)}; Ctrl+C stops");
            if (n == 1)
            {
                await app.Get<PipelineRunner>().RunAsync(ct).ConfigureAwait(false);
            }
            else
            {
                await Workers.WorkerPool.RunAsync(parse, n, ct).ConfigureAwait(false);
            }
            Console.Error.WriteLine("salient: stopped");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>A token cancelled by Ctrl+C (SIGINT), SIGTERM or SIGQUIT, so a long-running command stops gracefully however it is asked to.</summary>
    private static SignalStop StopOnSignals(CancellationToken ct) => new(ct);

    private sealed class SignalStop : IDisposable
    {
        private readonly CancellationTokenSource _cts;
        private readonly List<System.Runtime.InteropServices.PosixSignalRegistration> _registrations = [];

        public SignalStop(CancellationToken ct)
        {
            _cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            foreach (var signal in new[] { System.Runtime.InteropServices.PosixSignal.SIGINT, System.Runtime.InteropServices.PosixSignal.SIGTERM, System.Runtime.InteropServices.PosixSignal.SIGQUIT })
            {
                _registrations.Add(System.Runtime.InteropServices.PosixSignalRegistration.Create(signal, context =>
                {
                    // The first signal asks for a graceful stop; a second one ends the process at once.
                    if (_cts.IsCancellationRequested)
                    {
                        return;
                    }
                    context.Cancel = true;
                    _cts.Cancel();
                }));
            }
        }

        public CancellationToken Token => _cts.Token;

        public void Dispose()
        {
            foreach (var r in _registrations)
            {
                r.Dispose();
            }
            _cts.Dispose();
        }
    }

    private static async Task SeedAsync(SalientApp app, bool skip, CancellationToken ct)
    {
        var added = await app.Get<SourceSeeder>().SeedIfNewAsync(skip, ct).ConfigureAwait(false);
        if (added > 0)
        {
            Console.Error.WriteLine($"salient: new store seeded with {added} default sources (see 'salient sources list')");
        }
    }

    private static void Print(IngestSummary s)
    {
        var stages = s.ProcessedByStage.Count == 0 ? "no stage had work" : string.Join(", ", s.ProcessedByStage.Select(kv => string.Create(CultureInfo.InvariantCulture,
            $"{kv.Key} {kv.Value} ({s.TimeByStage.GetValueOrDefault(kv.Key).TotalSeconds:0.0} s)")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"polled {s.Sources} sources in {s.PollTime.TotalSeconds:0.0} s: {s.Ok} ok, {s.NotModified} not modified, {s.Failed} failed"));
        Console.WriteLine($"articles: {s.NewArticles} new, {s.UpdatedArticles} updated; processed: {stages}; pending: {s.Pending}");
        foreach (var f in s.Failures)
        {
            Console.WriteLine($"failed source {f.Source.Id} {f.Source.Name} <{f.Source.Url}>: {f.Error}");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"took {s.Elapsed.TotalSeconds:0.0} s"));
    }

    /// <summary>Progress bars on a terminal: one for polling, one per pipeline stage.</summary>
    /// <summary>Progress as plain lines: at most one per <c>every</c>, saying what each stage has done and has waiting.</summary>
    internal sealed class PlainProgress(TextWriter output, TimeProvider clock, TimeSpan every) : IIngestProgress
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, (long Done, long Pending)> _stages = new(StringComparer.Ordinal);
        private readonly List<string> _order = [];
        private int _sources;
        private int _polled;
        private DateTimeOffset _last = clock.GetUtcNow();

        public void Polling(int sources)
        {
            lock (_lock)
            {
                _sources = sources;
            }
        }

        public void Polled(PollOutcome outcome)
        {
            lock (_lock)
            {
                _polled++;
                MaybePrint();
            }
        }

        public void Stage(IPipelineStage stage, long pending)
        {
            lock (_lock)
            {
                if (!_stages.ContainsKey(stage.Name))
                {
                    _order.Add(stage.Name);
                }
                _stages[stage.Name] = (0, pending);
            }
        }

        public void Processed(IPipelineStage stage, int count)
        {
            lock (_lock)
            {
                var (done, pending) = _stages.GetValueOrDefault(stage.Name);
                if (!_stages.ContainsKey(stage.Name))
                {
                    _order.Add(stage.Name);
                }
                _stages[stage.Name] = (done + count, Math.Max(0, pending - count));
                MaybePrint();
            }
        }

        private void MaybePrint()
        {
            var now = clock.GetUtcNow();
            if (now - _last < every)
            {
                return;
            }
            _last = now;
            var stages = string.Join(" · ", _order.Select(n => string.Create(CultureInfo.InvariantCulture, $"{n} {_stages[n].Done:N0}")));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest: polled {_polled:N0}/{Math.Max(_sources, _polled):N0} sources{(stages.Length > 0 ? " · " + stages : "")}"));
        }
    }

    private sealed class SpectreProgress : IIngestProgress
    {
        private readonly ProgressContext _ctx;
        private readonly ProgressTask _poll;
        private readonly Dictionary<string, ProgressTask> _stages = new(StringComparer.Ordinal);
        private readonly Lock _lock = new();

        public SpectreProgress(ProgressContext ctx, long sources)
        {
            _ctx = ctx;
            _poll = ctx.AddTask("poll sources", maxValue: Math.Max(sources, 1));
        }

        public void Polling(int sources) => _poll.MaxValue = Math.Max(sources, 1);

        public void Polled(PollOutcome outcome)
        {
            lock (_lock)
            {
                _poll.Increment(1);
            }
        }

        public void Stage(IPipelineStage stage, long pending)
        {
            lock (_lock)
            {
                _poll.Value = _poll.MaxValue;
                _stages[stage.Name] = _ctx.AddTask(stage.Name, maxValue: Math.Max(pending, 1));
            }
        }

        public void Processed(IPipelineStage stage, int count)
        {
            lock (_lock)
            {
                if (_stages.TryGetValue(stage.Name, out var task))
                {
                    if (task.Value + count > task.MaxValue)
                    {
                        // Earlier stages hand later ones more work as they go.
                        task.MaxValue = task.Value + count;
                    }
                    task.Increment(count);
                }
            }
        }
    }
}
