using System.Diagnostics;
using System.Text;

namespace Salient.Tests.Support;

/// <summary>Runs the real <c>salient</c> executable in a process of its own, as a user would, and collects what it wrote.</summary>
internal static class SalientProcess
{
    /// <summary>
    /// Runs <c>salient ARGS</c>. With <paramref name="dataDir"/>, its data directory is there (never the user's data,
    /// configuration or database); <paramref name="stdin"/> is written to its standard input, which is then closed.
    /// </summary>
    public static async Task<(int Exit, string[] Lines, string Stderr)> RunAsync(string[] args, TempDir? dataDir = null, string? stdin = null, string? timeZone = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "salient.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        if (dataDir is not null)
        {
            start.Environment["SALIENT_DATA_DIR"] = dataDir.File("data");
        }
        if (timeZone is not null)
        {
            start.Environment["TZ"] = timeZone;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(Encoding.UTF8.GetBytes(stdin));
        }
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries), await stderr);
    }

    /// <summary>
    /// Starts <c>salient serve</c> on <paramref name="store"/> in a process of its own, on a free loopback port, and waits
    /// until it serves; returns the process (the caller kills it) and the site's address.
    /// </summary>
    public static async Task<(Process Process, string BaseUrl)> StartServeAsync(string store, TempDir dir)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "salient.dll"), "--db", store, "serve", "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["SALIENT_DATA_DIR"] = dir.File("data");
        var process = Process.Start(start)!;
        // A hang guard only: the line comes as soon as the site listens.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        string? line;
        while ((line = await process.StandardError.ReadLineAsync(guard.Token)) is not null)
        {
            if (line.Contains("Ctrl+C stops", StringComparison.Ordinal))
            {
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                var url = System.Text.RegularExpressions.Regex.Match(line, @"(http://127\.0\.0\.1:\d+)").Groups[1].Value;
                return (process, url);
            }
        }
        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("salient serve ended before it served");
    }

    /// <summary>
    /// A batch tool's <c>--input</c> that is a missing file or a folder: exit 2, the path named (the missing one with
    /// <paramref name="unit"/>, what a line holds), nothing written, no stack trace.
    /// </summary>
    public static async Task AssertMissingFileAndFolderAreUsageErrorsAsync(TempDir dir, Func<string, Task<(int Exit, string[] Lines, string Stderr)>> run, string unit)
    {
        var missing = await run(dir.File("nowhere.jsonl"));
        var folder = await run(dir.Path);

        Assert.Equal(2, missing.Exit);
        Assert.Empty(missing.Lines);
        Assert.Contains($"input file '{dir.File("nowhere.jsonl")}' does not exist; give a JSON Lines file, {unit}", missing.Stderr, StringComparison.Ordinal);
        NoStackTrace(missing.Stderr);
        Assert.Equal(2, folder.Exit);
        Assert.Empty(folder.Lines);
        Assert.Contains($"input '{dir.Path}' is a folder", folder.Stderr, StringComparison.Ordinal);
        NoStackTrace(folder.Stderr);
    }

    /// <summary>What a user sees on a failure is a message, never a stack trace.</summary>
    public static void NoStackTrace(string stderr)
    {
        Assert.DoesNotContain("Unhandled exception", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception:", stderr, StringComparison.Ordinal);
    }
}
