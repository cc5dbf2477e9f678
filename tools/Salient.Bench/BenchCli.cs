using System.CommandLine;
using Salient.Bench.Extraction;
using Salient.Bench.Feeds;
using Salient.Bench.Ingest;
using Salient.Bench.Significance;
using Salient.Bench.Soak;
using Salient.Bench.Stories;
using Salient.Bench.Web;
using Salient.Bench.Workers;
using Salient.Bench.Writing;
using Salient.Cli;

namespace Salient.Bench;

/// <summary>The <c>salient-bench</c> command line: <c>bench …</c> (throughput and memory) and <c>eval …</c> (quality on labelled data).</summary>
internal static class BenchCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Salient's benchmarks and evaluations (also run as 'salient bench …' and 'salient eval …').");
        root.Options.Add(GlobalOptions.Db);
        root.Options.Add(GlobalOptions.Config);
        root.Subcommands.Add(new Command("bench", "Measure a stage's throughput and memory.")
        {
            ExtractionTools.Bench(),
            FeedBenchmark.Command(),
            IngestBench.Command(),
            ScoreTools.Bench(),
            SoakBench.Command(),
            StoryTools.Bench(),
            RelatedBench.Command(),
            WebBench.Command(),
            DayStore.Command(),
            DayBench.Command(),
            WorkersBench.Command(),
            Translation.TranslationBench.Command(),
        });
        root.Subcommands.Add(new Command("eval", "Measure a stage's quality on labelled data.")
        {
            ExtractionTools.Eval(),
            ScoreTools.Eval(),
            LifecycleTools.Eval(),
            Sections.SectionTools.Eval(),
            StoryTools.Eval(),
            RelatedTools.Eval(),
            ThreadTools.Eval(),
            TimelineTools.Eval(),
            SummaryTools.Eval(),
        });
        return root;
    }
}
