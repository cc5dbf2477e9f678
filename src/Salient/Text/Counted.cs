using System.Globalization;

namespace Salient.Text;

/// <summary>A count with its noun as a reader expects it: "1 article", "2 articles", "1,489 articles".</summary>
internal static class Counted
{
    /// <summary><paramref name="n"/> (grouped in thousands) and the noun, singular for exactly one; the plural adds "s" unless given.</summary>
    public static string Of(long n, string one, string? many = null) =>
        $"{n.ToString("N0", CultureInfo.InvariantCulture)} {(n == 1 ? one : many ?? one + "s")}";
}
