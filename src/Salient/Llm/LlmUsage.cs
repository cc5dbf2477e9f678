namespace Salient.Llm;

/// <summary>Running totals of what the LLM endpoint was asked and answered, for cost reporting. Thread-safe.</summary>
internal sealed class LlmUsage
{
    private long _requests;
    private long _failures;
    private long _retries;
    private long _inputTokens;
    private long _outputTokens;

    public long Requests => Interlocked.Read(ref _requests);
    public long Failures => Interlocked.Read(ref _failures);
    public long Retries => Interlocked.Read(ref _retries);
    public long InputTokens => Interlocked.Read(ref _inputTokens);
    public long OutputTokens => Interlocked.Read(ref _outputTokens);

    public void AddRequest()
    {
        Interlocked.Increment(ref _requests);
        Monitoring.SalientMetrics.LlmRequest("sent");
    }

    public void AddFailure()
    {
        Interlocked.Increment(ref _failures);
        Monitoring.SalientMetrics.LlmRequest("failed");
    }

    public void AddRetry()
    {
        Interlocked.Increment(ref _retries);
        Monitoring.SalientMetrics.LlmRequest("retried");
    }

    public void AddTokens(long? input, long? output)
    {
        Monitoring.SalientMetrics.LlmTokensUsed(input, output);
        Interlocked.Add(ref _inputTokens, input ?? 0);
        Interlocked.Add(ref _outputTokens, output ?? 0);
    }

    public override string ToString() =>
        $"{Requests} requests ({Retries} retries, {Failures} failed), {InputTokens} input + {OutputTokens} output tokens";
}
