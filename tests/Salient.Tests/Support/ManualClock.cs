namespace Salient.Tests.Support;

/// <summary>
/// A clock the test moves by hand: it stands still until told, so two steps of a test happen in the same tick, or
/// hours apart, exactly as the test says. Timers (<c>Task.Delay(d, clock)</c>) still run on real time.
/// </summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    /// <summary>A fixed, ordinary instant to start from.</summary>
    public static DateTimeOffset DefaultStart { get; } = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public ManualClock() : this(DefaultStart)
    {
    }

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
}
