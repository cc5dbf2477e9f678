using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Salient.Digest;

/// <summary>Sends the daily and weekly digests at the configured local time while <c>salient run</c> runs.</summary>
internal sealed partial class DigestScheduler(DigestService service, DigestOptions options, TimeProvider time, ILogger<DigestScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.SmtpUrl))
        {
            LogNoSmtp(logger);
            return;
        }
        // Both were checked when the options were loaded (DigestOptions.Validate).
        var endpoint = SmtpEndpoint.Parse(options.SmtpUrl);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = NextSend(now, zone, options.SendAt);
            try
            {
                await Task.Delay(next - now, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var local = TimeZoneInfo.ConvertTime(next, zone);
            try
            {
                await service.SendAsync("daily", endpoint, stoppingToken).ConfigureAwait(false);
                if (local.DayOfWeek == options.WeeklyDay)
                {
                    await service.SendAsync("weekly", endpoint, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSendFailed(logger, e);
            }
        }
    }

    /// <summary>The next instant at local time <paramref name="sendAt"/> (HH:mm) in <paramref name="zone"/> after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextSend(DateTimeOffset now, TimeZoneInfo zone, string sendAt)
    {
        if (!DigestOptions.TryParseSendAt(sendAt, out var at))
        {
            throw new ArgumentException($"'{sendAt}' is not a time of day (HH:mm)", nameof(sendAt));
        }
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var candidate = local.Date + at.ToTimeSpan();
        if (candidate <= local.DateTime)
        {
            candidate = candidate.AddDays(1);
        }
        return new DateTimeOffset(candidate, zone.GetUtcOffset(candidate));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No SMTP server configured (SALIENT_SMTP_URL or Digest:SmtpUrl): digests are not sent")]
    private static partial void LogNoSmtp(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending digests failed; they are retried at the next run")]
    private static partial void LogSendFailed(ILogger logger, Exception exception);
}
