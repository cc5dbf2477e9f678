using System.CommandLine;
using System.Globalization;
using Salient.Cli;
using Salient.Significance;
using Salient.Storage;

namespace Salient.Bench.Significance;

/// <summary><c>eval lifecycle</c>: did the first scores of a store's stories hold three days later (what <c>/calibration</c> shows).</summary>
internal static class LifecycleTools
{
    public static Command Eval()
    {
        var days = new Option<int>("--days") { Description = "Stories first scored in this many days before the check.", DefaultValueFactory = _ => 30 };
        var threshold = new Option<double>("--threshold") { Description = "The score whose crossing counts.", DefaultValueFactory = _ => 5.5 };
        var cmd = new Command("lifecycle", "Each story's first score against its score 72 hours later: mean change, share that crossed the threshold, by day.") { days, threshold };
        cmd.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(days);
            if (n is < 1 or > 3650)
            {
                throw new UsageException($"--days is {n}; give a number of days from 1 to 3650");
            }
            await using var app = await SalientApp.OpenAsync(parse, ct).ConfigureAwait(false);
            var now = DateTimeOffset.UtcNow;
            var scores = await app.Get<SiteStore>().ScoresSinceAsync(now.AddDays(-(n + 3)), ct).ConfigureAwait(false);
            var r = FirstImpressions.Compute(scores, now, parse.GetValue(threshold));
            var ic = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(ic, $"{r.Stories} stories first scored at least {r.After.TotalHours:0} h ago in {app.Database.Display}"));
            if (r.Stories == 0)
            {
                return ExitCodes.Ok;
            }
            Console.WriteLine(string.Create(ic, $"mean change {r.MeanChange:+0.00;-0.00}, mean absolute change {r.MeanAbsoluteChange:0.00}; crossed {r.Threshold:0.0} upwards {r.CrossedUp} ({100.0 * r.CrossedUp / r.Stories:0.0}%), downwards {r.CrossedDown} ({100.0 * r.CrossedDown / r.Stories:0.0}%)"));
            Console.WriteLine("day          stories  |change|  change  up  down");
            foreach (var d in r.Days)
            {
                Console.WriteLine(string.Create(ic, $"{d.Day:yyyy-MM-dd}  {d.Stories,7}  {d.MeanAbsoluteChange,8:0.00}  {d.MeanChange,6:+0.00;-0.00}  {d.CrossedUp,2}  {d.CrossedDown,4}"));
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
