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
        services.AddSettings<WorkerOptions>(WorkerOptions.Section).PostConfigure(o =>
        {
            if (o.IsValid)
            {
                WorkLeases.Duration = TimeSpan.FromSeconds(o.LeaseSeconds);
            }
        });
    }
}

/// <summary>How workers share work: the configuration section <c>Workers</c>.</summary>
internal sealed class WorkerOptions : ISettings
{
    public const string Section = "Workers";

    /// <summary>How long a claim on a source or a batch lasts before another worker may take it over (see <see cref="WorkLeases"/>).</summary>
    public double LeaseSeconds { get; set; } = 45;

    public bool IsValid => LeaseSeconds is >= 1 and <= 86_400;

    public void Validate()
    {
        if (!IsValid)
        {
            throw new SalientException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Workers:LeaseSeconds is '{LeaseSeconds}'; give a number of seconds between 1 and 86400"));
        }
    }
}
