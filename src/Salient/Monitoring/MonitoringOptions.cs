using System.Net;
using Salient.Cli;

namespace Salient.Monitoring;

/// <summary>Configuration of health checks and metrics (section <c>Monitoring</c>).</summary>
internal sealed class MonitoringOptions : ISettings
{
    public const string Section = "Monitoring";

    /// <summary><c>/readyz</c> reports the pipeline stalled when an item has waited for a stage longer than this many minutes.</summary>
    public double StalledAfterMinutes { get; set; } = 60;

    /// <summary>Networks besides loopback (CIDR, like <c>10.0.0.0/8</c>, or single addresses) whose requests may read <c>/metrics</c>.</summary>
    public List<string> MetricsNetworks { get; set; } = [];

    /// <summary>
    /// Whether requests from this machine (loopback) may read <c>/metrics</c> without the admin token. Turn it off when
    /// a reverse proxy on the same machine forwards public requests, which would all arrive from loopback.
    /// </summary>
    public bool MetricsAllowLoopback { get; set; } = true;

    public TimeSpan StalledAfter => TimeSpan.FromMinutes(StalledAfterMinutes);

    /// <summary>The parsed <see cref="MetricsNetworks"/> (valid once <see cref="Validate"/> has passed).</summary>
    public IReadOnlyList<IPNetwork> Networks() => MetricsNetworks.Select(Parse).OfType<IPNetwork>().ToList();

    public void Validate()
    {
        if (StalledAfterMinutes is < 1 or > 10_080 || double.IsNaN(StalledAfterMinutes))
        {
            throw new SalientException($"Monitoring:StalledAfterMinutes is {StalledAfterMinutes}; give a number of minutes from 1 to 10080 (a week)");
        }
        foreach (var network in MetricsNetworks)
        {
            if (Parse(network) is null)
            {
                throw new SalientException($"Monitoring:MetricsNetworks has '{network}', which is not a network; give CIDR ranges like 10.0.0.0/8 or fd00::/8, or single addresses");
            }
        }
    }

    private static IPNetwork? Parse(string? text)
    {
        var t = text?.Trim() ?? string.Empty;
        if (IPNetwork.TryParse(t, out var network))
        {
            return network;
        }
        return IPAddress.TryParse(t, out var address) ? new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128) : null;
    }
}
