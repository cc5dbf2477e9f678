using Xunit.Abstractions;
namespace Salient.Tests.Support;

/// <summary>
/// The project's shared evaluation data, read from <c>../shared/data</c> beside the repository (never copied
/// into it). Tests that need it call <see cref="Path"/> and return early, saying why, when it is absent.
/// </summary>
internal static class SharedData
{
    public static string? Root() => Salient.Cli.SharedDataFolder.Find();

    /// <summary>The path of a shared data file, or null (with a message on the test output) when it is absent.</summary>
    public static string? Path(string relative, ITestOutputHelper? output = null)
    {
        var root = Root();
        var path = root is null ? null : System.IO.Path.Combine(root, relative);
        if (path is null || !File.Exists(path))
        {
            output?.WriteLine($"SKIPPED: shared data '../shared/data/{relative}' is not present beside the repository; this test needs it.");
            return null;
        }
        return path;
    }
}
