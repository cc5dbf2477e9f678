using System.Diagnostics.Metrics;
using Salient.Polling;

namespace Salient.Monitoring;

/// <summary>
/// Salient's own instruments, one meter for the whole process (every worker loop of <c>run --workers N</c> and the site
/// report into it), exported at <c>/metrics</c> with every name starting <c>salient_</c>. Counters and histograms are
/// recorded where the work happens; the queue gauges read the latest <see cref="QueueSnapshot"/>, which the site
/// refreshes from the store just before each scrape.
/// </summary>
internal static class SalientMetrics
{
    public const string MeterName = "Salient";

    private static readonly Meter Meter = new(MeterName, typeof(SalientMetrics).Assembly.GetName().Version?.ToString(3));

    private static readonly Counter<long> Polls = Meter.CreateCounter<long>("salient_polls", description: "Feed polls, by outcome (ok, not-modified, error, throttled).");
    private static readonly Counter<long> PollFailures = Meter.CreateCounter<long>("salient_poll_failures", description: "Feed polls that failed (error or throttled), by outcome.");
    private static readonly Histogram<double> PollDuration = Meter.CreateHistogram<double>("salient_poll_duration", "s", "Time one feed poll took, fetch to stored items.");
    private static readonly Counter<long> ArticlesDiscovered = Meter.CreateCounter<long>("salient_articles_discovered", description: "New articles stored from feeds.");
    private static readonly Counter<long> StageItems = Meter.CreateCounter<long>("salient_stage_items", description: "Items a pipeline stage finished (articles for extract, embed, group; stories for score, write), by stage.");
    private static readonly Counter<long> StageFailures = Meter.CreateCounter<long>("salient_stage_failures", description: "Pipeline stage batches that failed (their items stay pending), by stage.");
    private static readonly Histogram<double> StageDuration = Meter.CreateHistogram<double>("salient_stage_batch_duration", "s", "Time one batch of a pipeline stage took, by stage.");
    private static readonly Counter<long> StoriesScored = Meter.CreateCounter<long>("salient_stories_scored", description: "Stories given a significance score (new or rescored).");
    private static readonly Counter<long> DigestsSent = Meter.CreateCounter<long>("salient_digests_sent", description: "Digest messages the SMTP server accepted.");
    private static readonly Counter<long> DigestsFailed = Meter.CreateCounter<long>("salient_digests_failed", description: "Digest messages refused for good or given up after retries.");
    private static readonly Counter<long> DigestsDeferred = Meter.CreateCounter<long>("salient_digests_deferred", description: "Digest messages deferred after a temporary failure, to be retried.");
    private static readonly Counter<long> LlmRequests = Meter.CreateCounter<long>("salient_llm_requests", description: "Requests to the LLM endpoint, by outcome (ok, failed, retried).");
    private static readonly Counter<long> LlmTokens = Meter.CreateCounter<long>("salient_llm_tokens", description: "Tokens the LLM endpoint reported, by direction (input, output).");

    static SalientMetrics()
    {
        Meter.CreateObservableGauge("salient_queue_depth", () => QueueSnapshot.Current.Measure(q => q.Depth), description: "Items waiting for a pipeline stage, by stage.");
        Meter.CreateObservableGauge("salient_queue_oldest_age", () => QueueSnapshot.Current.Measure(q => q.OldestAge?.TotalSeconds ?? 0), "s",
            "How long the oldest item waiting for a stage has waited (0 when none waits), by stage.");
        Meter.CreateObservableGauge("salient_articles", () => QueueSnapshot.Current.ArticlesByStage(), description: "Stored articles, by how far they got (discovered, extracted, embedded, grouped).");
    }

    /// <summary>
    /// Creates the instruments, queue gauges included, if nothing has yet. They are made when the class is first used,
    /// and a site that never polls or runs a stage (<c>salient serve</c>) would otherwise export no gauge at all: the
    /// meter's name is a constant, and reading it does not make the class.
    /// </summary>
    public static void Register()
    {
        // Reaching a static field runs the static constructor, once.
        _ = Meter.Name;
    }

    public static void Polled(PollOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var tag = new KeyValuePair<string, object?>("outcome", outcome.Status);
        Polls.Add(1, tag);
        if (outcome.Failed)
        {
            PollFailures.Add(1, tag);
        }
        PollDuration.Record(outcome.Duration.TotalSeconds);
        if (outcome.NewArticles > 0)
        {
            ArticlesDiscovered.Add(outcome.NewArticles);
        }
    }

    public static void StageBatch(string stage, int items, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("stage", stage);
        StageItems.Add(items, tag);
        StageDuration.Record(elapsed.TotalSeconds, tag);
    }

    public static void StageFailed(string stage) => StageFailures.Add(1, new KeyValuePair<string, object?>("stage", stage));

    public static void Scored(int stories) => StoriesScored.Add(stories);

    public static void DigestSent() => DigestsSent.Add(1);

    public static void DigestFailed() => DigestsFailed.Add(1);

    public static void DigestDeferred() => DigestsDeferred.Add(1);

    public static void LlmRequest(string outcome) => LlmRequests.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public static void LlmTokensUsed(long? input, long? output)
    {
        if (input is > 0)
        {
            LlmTokens.Add(input.Value, new KeyValuePair<string, object?>("direction", "input"));
        }
        if (output is > 0)
        {
            LlmTokens.Add(output.Value, new KeyValuePair<string, object?>("direction", "output"));
        }
    }
}
