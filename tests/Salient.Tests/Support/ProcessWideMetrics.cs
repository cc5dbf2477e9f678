namespace Salient.Tests.Support;

/// <summary>
/// Tests that read the process's metrics run alone. OpenTelemetry listens to ASP.NET Core's instruments by name across
/// every site in the test process, and when another test's site stops, its meter's end drops the shared
/// <c>http.server.request.duration</c> stream from every listener, ours included. One site per process, as in
/// production, does not meet this.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetrics
{
    public const string Name = "Process-wide metrics";
}
