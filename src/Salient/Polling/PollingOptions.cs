using Salient.Cli;

namespace Salient.Polling;

/// <summary>How Salient fetches feeds and pages: the configuration section <c>Polling</c>.</summary>
internal sealed class PollingOptions : ISettings
{
    public const string Section = "Polling";

    /// <summary>Minutes between two polls of a source, unless its feed (ttl) or server (Cache-Control max-age) asks for longer.</summary>
    public int IntervalMinutes { get; set; } = 15;

    /// <summary>No poll interval, backoff or Retry-After wait grows beyond this.</summary>
    public int MaxIntervalMinutes { get; set; } = 24 * 60;

    public int ConnectTimeoutSeconds { get; set; } = 10;

    /// <summary>Longest wait for the response headers, and for each further piece of the body.</summary>
    public int ReadTimeoutSeconds { get; set; } = 30;

    /// <summary>Longest time one request may take in all, however steadily its body trickles in.</summary>
    public int TotalTimeoutSeconds { get; set; } = 90;

    public long MaxBodyBytes { get; set; } = 10L * 1024 * 1024;

    public int MaxRedirects { get; set; } = 5;

    public int MaxConcurrentPerHost { get; set; } = 2;

    /// <summary>Requests in flight across all hosts.</summary>
    public int MaxConcurrentRequests { get; set; } = 32;

    /// <summary>Sources polled at the same time (each still obeys the per-host limit).</summary>
    public int MaxConcurrentPolls { get; set; } = 16;

    /// <summary>A host that asked to be left alone (Retry-After) for at most this long is waited for; longer waits fail the request.</summary>
    public int MaxHostWaitSeconds { get; set; } = 10;

    /// <summary>
    /// Lets every fetch reach loopback, private and link-local addresses (an intranet of feeds). Off: only a source whose
    /// own feed is on such an address reaches it (see <see cref="NetworkPolicy"/>).
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    public string UserAgent { get; set; } = "Salient/0.1 (+https://github.com/salient-news/salient; self-hosted news reader)";

    public TimeSpan Interval => TimeSpan.FromMinutes(IntervalMinutes);

    public TimeSpan MaxInterval => TimeSpan.FromMinutes(MaxIntervalMinutes);

    public void Validate()
    {
        Require(IntervalMinutes >= 1, "Polling:IntervalMinutes must be at least 1");
        Require(MaxIntervalMinutes >= IntervalMinutes, "Polling:MaxIntervalMinutes must be at least Polling:IntervalMinutes");
        Require(ConnectTimeoutSeconds >= 1 && ReadTimeoutSeconds >= 1 && TotalTimeoutSeconds >= 1, "Polling timeouts must be at least 1 second");
        Require(MaxBodyBytes >= 1024, "Polling:MaxBodyBytes must be at least 1024");
        Require(MaxRedirects is >= 0 and <= 20, "Polling:MaxRedirects must be between 0 and 20");
        Require(MaxConcurrentPerHost >= 1 && MaxConcurrentRequests >= 1 && MaxConcurrentPolls >= 1, "Polling concurrency limits must be at least 1");
        Require(!string.IsNullOrWhiteSpace(UserAgent), "Polling:UserAgent must not be empty");
        // A line break in a header value would start a header (or a request) of the value's choosing.
        Require(UserAgent.All(c => c >= ' ' && c != '\u007f'), "Polling:UserAgent holds a control character (a line break, tab or the like); give it on one line of plain text");
    }

    private static void Require(bool ok, string message)
    {
        if (!ok)
        {
            throw new SalientException(message);
        }
    }
}
