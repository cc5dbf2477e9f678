using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Salient.Cli;
using Salient.Pipeline;

namespace Salient.Workers;

/// <summary>Reads <c>Workers:LeaseSeconds</c> into <see cref="WorkLeases"/>.</summary>
internal sealed class WorkerServices : IServiceModule
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        if (configuration["Workers:LeaseSeconds"] is { Length: > 0 } text)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 1 || seconds > 86_400)
            {
                throw new UsageException($"Workers:LeaseSeconds is '{text}'; give a number of seconds between 1 and 86400");
            }
            WorkLeases.Duration = TimeSpan.FromSeconds(seconds);
        }
    }
}
