namespace Salient.Pipeline;

/// <summary>
/// How long a worker may hold a claimed work item (a source to poll, articles to extract or embed, stories to score)
/// before another worker may take it over. A worker that dies mid-task loses its items only until its leases end.
/// Set by <c>Workers:LeaseSeconds</c> (default 300); the extract stage holds its batches twice as long.
/// </summary>
internal static class WorkLeases
{
    public static TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A name for this process's claims: machine, process id and a random part.</summary>
    public static string Owner(string what) => $"{what}:{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
}
