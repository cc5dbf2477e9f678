using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Salient.Cli;

namespace Salient.Storage;

/// <summary>
/// What <c>salient run</c> and <c>serve</c> prune by themselves, once a day (<see cref="PruneScheduler"/>): the stories <c>salient db prune
/// --older-than Days --below Below</c> would remove. Off by default: removing is the operator's choice.
/// </summary>
internal sealed class RetentionOptions : ISettings
{
    public const string Section = "Retention";

    /// <summary>Stories whose newest article is older than this many days go (at least 31); 0, the default: nothing is removed.</summary>
    public int Days { get; set; }

    /// <summary>Only stories whose score is below this go (above 0, at most 10).</summary>
    public double Below { get; set; } = 5.5;

    public void Validate()
    {
        if (Days != 0 && !StorePruner.UsableDays(Days))
        {
            throw new ArgumentException($"Retention:Days must be 0 (keep everything) or a number of days from {StorePruner.MinDays} to {StorePruner.MaxDays}, not {Days}: a new story may still join the thread of a story up to 30 days older");
        }
        if (!StorePruner.UsableBar(Below))
        {
            throw new ArgumentException($"Retention:Below must be a score above 0 and at most 10 (5.5 keeps everything the site shows by default), not {Below}");
        }
    }
}

/// <summary>Prunes old closed stories below <see cref="RetentionOptions.Below"/> once a day while <c>salient run</c> or <c>serve</c> runs, when <see cref="RetentionOptions.Days"/> is set.</summary>
internal sealed partial class PruneScheduler(Database db, RetentionOptions options, TimeProvider time, ILogger<PruneScheduler> logger) : BackgroundService
{
    /// <summary>How long after start the first prune runs: not in the start-up rush of the first polls.</summary>
    public static readonly TimeSpan FirstAfter = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan Every = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Days == 0)
        {
            return;
        }
        var wait = FirstAfter;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                await PruneOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(logger, e);
            }
            wait = Every;
        }
    }

    /// <summary>One prune at the clock's present: what the daily run does.</summary>
    public async Task<PruneResult> PruneOnceAsync(CancellationToken ct)
    {
        var r = await StorePruner.PruneAsync(db, time.GetUtcNow().AddDays(-options.Days), options.Below, dryRun: false, ct).ConfigureAwait(false);
        LogPruned(logger, r.Stories, r.Merged, r.Articles, options.Days, options.Below, r.Kept);
        return r;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Stories} stories ({Merged} merged into them) with {Articles} articles: older than {Days} days and scored below {Below}; kept {Kept} that a thread, a follow, a digest or feedback points at")]
    private static partial void LogPruned(ILogger logger, int stories, int merged, int articles, int days, double below, int kept);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pruning old stories failed; it is tried again tomorrow")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
