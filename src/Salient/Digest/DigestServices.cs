using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Salient.Cli;

namespace Salient.Digest;

internal sealed class DigestServices : IServiceModule
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<DigestOptions>(DigestOptions.Section)
            .PostConfigure(o => o.SmtpUrl = Environment.GetEnvironmentVariable("SALIENT_SMTP_URL") is { Length: > 0 } env ? env : o.SmtpUrl);
        services.AddSingleton<DigestSections>();
        services.AddSingleton<DigestFormLimiter>();
        services.AddSingleton<DigestService>();
        services.AddHostedService<DigestScheduler>();
        services.AddSingleton<FollowService>();
        services.AddHostedService<FollowScheduler>();
    }
}
