namespace Salient.Pipeline;

/// <summary>
/// How long a worker may hold a claimed work item (a source to poll, articles to extract or embed, stories to score
/// or write) before another worker may take it over. A live worker renews its claims every third of that time
/// (<see cref="PipelineRunner"/>), however long a batch takes; a worker that dies mid-task stops renewing, and its
/// items are free for the others within one lease. Set by <c>Workers:LeaseSeconds</c> (default 45).
/// </summary>
internal static class WorkLeases
{
    public static TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>How often a live process renews its claims.</summary>
    public static TimeSpan RenewEvery => Duration / 3;

    /// <summary>This process among all that share a database: machine, process id and a random part.</summary>
    public static readonly string ProcessTag = Tag($"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");

    /// <summary>Letters, digits, dots and dashes only, so the tag can be matched with SQL <c>LIKE</c> as it is.</summary>
    private static string Tag(string raw) => new(raw.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-').ToArray());

    /// <summary>A name for one claimer's claims (a stage of a runner), carrying <see cref="ProcessTag"/> so the process can renew them.</summary>
    public static string Owner(string what) => $"{what}:{ProcessTag}:{Guid.NewGuid():N}";
}
