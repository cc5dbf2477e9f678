namespace Salient.Tests.Support;

/// <summary>
/// The project's shared evaluation data, read from <c>../shared/data</c> beside the repository (never copied
/// into it). Tests that need it are marked <see cref="SharedDataFactAttribute"/> and are skipped, saying what is
/// missing, when it is absent.
/// </summary>
internal static class SharedData
{
    /// <summary>The full path of a shared file or folder (relative to <c>../shared/data</c>), or null when it is absent.</summary>
    public static string? Path(string relative) => Salient.Cli.SharedDataFolder.Find(relative);

    /// <summary>As <see cref="Path"/>, for a test already marked with the attribute: the data is there.</summary>
    public static string Require(string relative) =>
        Path(relative) ?? throw new InvalidOperationException($"shared data '{relative}' vanished while the tests ran");
}

/// <summary>A fact that needs a file or folder of the shared data; skipped with a clear message when it is absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string relative)
    {
        if (SharedData.Path(relative) is null)
        {
            Skip = $"shared data '{relative}' not found: expected ../shared/data/{relative} beside the folder holding Salient.sln";
        }
    }
}
