using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Salient.Digest;

/// <summary>Looks at followed stories every <see cref="FollowService.CheckEvery"/> while <c>salient run</c> runs, and mails their followers.</summary>
internal sealed partial class FollowScheduler(FollowService service, DigestOptions options, TimeProvider time, ILogger<FollowScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.SmtpUrl))
        {
            return;
        }
        var endpoint = SmtpEndpoint.Parse(options.SmtpUrl);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(FollowService.CheckEvery, time, stoppingToken).ConfigureAwait(false);
                var report = await service.CheckAsync(endpoint, stoppingToken).ConfigureAwait(false);
                foreach (var error in report.Errors)
                {
                    LogFailed(logger, error);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                LogCheckFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Following: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking followed stories failed; tried again at the next check")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
