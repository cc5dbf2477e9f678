namespace Salient.Cli;

/// <summary>
/// Finds the shared evaluation data (<c>../shared/data</c> beside the repository) that evaluation and
/// benchmark commands default to: from the current folder or the executable's, up to the folder holding
/// Salient.sln, then that folder's ancestors (a worktree one level deeper finds it further up).
/// </summary>
internal static class SharedDataFolder
{
    /// <summary>The shared data folder, or null when there is none.</summary>
    public static string? Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "Salient.sln")))
                {
                    continue;
                }
                for (var up = dir.Parent; up is not null; up = up.Parent)
                {
                    var data = Path.Combine(up.FullName, "shared", "data");
                    if (Directory.Exists(data))
                    {
                        return data;
                    }
                }
                break;
            }
        }
        return null;
    }

    /// <summary>A path under the shared data folder, or null when the folder or the path is absent.</summary>
    public static string? Find(string relative)
    {
        var root = Find();
        if (root is null)
        {
            return null;
        }
        var path = Path.GetFullPath(Path.Combine(root, relative));
        return File.Exists(path) || Directory.Exists(path) ? path : null;
    }
}
