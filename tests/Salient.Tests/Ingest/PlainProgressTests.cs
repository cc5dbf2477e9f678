using Salient.Ingest;
using Salient.Pipeline;
using Salient.Tests.Support;

namespace Salient.Tests.Ingest;

public sealed class PlainProgressTests
{
    private sealed class NamedStage(string name) : IPipelineStage
    {
        public string Name => name;

        public int Order => 0;

        public Task<long> CountPendingAsync(CancellationToken ct) => Task.FromResult(0L);

        public Task<int> RunBatchAsync(CancellationToken ct) => Task.FromResult(0);
    }

    [Fact]
    public void Without_a_terminal_ingest_prints_one_plain_line_per_interval_with_what_each_stage_has_done()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        using var output = new StringWriter();
        var progress = new IngestCommands.PlainProgress(output, clock, TimeSpan.FromSeconds(15));
        var extract = new NamedStage("extract");
        var embed = new NamedStage("embed");
        progress.Stage(extract, 100);
        progress.Stage(embed, 0);

        progress.Processed(extract, 40);
        clock.Advance(TimeSpan.FromSeconds(10));
        progress.Processed(extract, 10);
        Assert.Equal("", output.ToString());

        clock.Advance(TimeSpan.FromSeconds(6));
        progress.Processed(embed, 1_250);
        clock.Advance(TimeSpan.FromSeconds(1));
        progress.Processed(embed, 5);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("ingest: polled 0/0 sources · extract 50 · embed 1,250", Assert.Single(lines).TrimEnd('\r'));
    }
}
