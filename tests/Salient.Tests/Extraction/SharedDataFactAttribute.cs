namespace Salient.Tests.Extraction;

/// <summary>A fact that needs the shared data folder (<c>../shared/data</c> beside the repository); skipped with a clear message when it is absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string subfolder)
    {
        if (SharedData.Folder(subfolder) is null)
        {
            Skip = $"shared data '{subfolder}' not found: expected ../shared/data/{subfolder} beside the folder holding Salient.sln";
        }
    }
}

/// <summary>Finds <c>../shared/data</c> relative to the repository root (the folder holding Salient.sln).</summary>
internal static class SharedData
{
    public static string? Folder(string subfolder) => Salient.Cli.SharedDataFolder.Find(subfolder) is { } path && Directory.Exists(path) ? path : null;
}
