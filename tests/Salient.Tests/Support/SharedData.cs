using Xunit.Abstractions;
namespace Salient.Tests.Support;

/// <summary>
/// The project's shared evaluation data, read from <c>../shared/data</c> beside the repository (never copied
/// into it). Tests that need it call <see cref="Path"/> and return early, saying why, when it is absent.
/// </summary>
internal static class SharedData
{
    public static string? Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Salient.sln")))
        {
            dir = dir.Parent;
        }
        // ../shared/data beside the repository; a worktree further down finds it in an ancestor folder.
        for (var up = dir?.Parent; up is not null; up = up.Parent)
        {
            var data = System.IO.Path.Combine(up.FullName, "shared", "data");
            if (Directory.Exists(data))
            {
                return data;
            }
        }
        return null;
    }

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
