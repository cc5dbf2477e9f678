using System.Diagnostics;
using Salient.Tests.Support;

namespace Salient.Tests.Cli;

/// <summary>Output that cannot be written (a full disk) is an error with a message, never a silent success or a trace.</summary>
public sealed class OutputTests
{
    [Theory]
    [InlineData("sources export")]
    [InlineData("sources list")]
    [InlineData("stats --json")]
    public async Task Writing_to_a_full_device_fails_with_a_message(string command)
    {
        using var dir = new TempDir();
        var db = dir.File("salient.db");
        var add = await SalientProcess.RunAsync(["--db", db, "sources", "add", "https://news.example/feed.xml", "--name", "Example"], dir);
        Assert.True(add.Exit == 0, add.Stderr);

        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec dotnet \"$0\" --db \"$1\" {command} > /dev/full");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "salient.dll"));
        start.ArgumentList.Add(db);
        start.Environment["SALIENT_DATA_DIR"] = dir.File("data");
        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(1, process.ExitCode);
        SalientProcess.NoStackTrace(stderr);
        Assert.Contains("salient: reading or writing failed: No space left on device", stderr, StringComparison.Ordinal);
    }
}
