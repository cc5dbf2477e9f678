namespace Salient.Text;

/// <summary>
/// FNV-1a over a string's UTF-16 code units: the same value in every run and on every machine, which
/// <see cref="string.GetHashCode()"/> is not. For folds of training data and slots of hashed features.
/// </summary>
internal static class StableHash
{
    public static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var ch in text)
        {
            hash = (hash ^ ch) * 16777619u;
        }
        return hash;
    }
}
