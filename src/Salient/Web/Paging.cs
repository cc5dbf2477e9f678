using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Salient.Web;

/// <summary>
/// The paging every list shares, the search page and the API alike: <c>?page=</c> counts from 1, a page holds a fixed
/// number of results in a stable order (every order ends in the id, so no result repeats or goes missing from one page
/// to the next), and <c>?sort=</c> chooses between the most significant and the newest first.
/// </summary>
internal static class Paging
{
    /// <summary>The orders a list of stories can be asked for, as <c>?sort=</c> names them.</summary>
    public const string BySignificance = "score";

    /// <inheritdoc cref="BySignificance"/>
    public const string ByDate = "date";

    /// <summary>
    /// <c>?page=</c> as asked: 1 when it is absent or empty, the page when it is a whole number from 1 to <paramref name="max"/>,
    /// else the error to show, which names the parameter and what to give.
    /// </summary>
    public static (int Page, string? Error) PageParameter(HttpContext http, int max)
    {
        var raw = http.Request.Query["page"].ToString().Trim();
        if (raw.Length == 0)
        {
            return (1, null);
        }
        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1 && page <= max
            ? (page, null)
            : (1, $"page '{Shown(raw)}' is not a page of these results: give a whole number from 1 to {max.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>
    /// <c>?sort=</c> as asked: <paramref name="fallback"/> when it is absent or empty, true for <see cref="BySignificance"/>,
    /// false for <see cref="ByDate"/>, else the error to show.
    /// </summary>
    public static (bool BySignificance, string? Error) SortParameter(HttpContext http, bool fallback)
    {
        var raw = http.Request.Query["sort"].ToString().Trim();
        return raw.ToLowerInvariant() switch
        {
            "" => (fallback, null),
            BySignificance => (true, null),
            ByDate => (false, null),
            _ => (fallback, $"sort '{Shown(raw)}' is not an order: give sort=score (most significant first) or sort=date (newest first)"),
        };
    }

    /// <summary>
    /// The address of page <paramref name="page"/> of the list at <paramref name="path"/>: the request's every parameter
    /// kept as it was asked, in its order, but for <c>page</c> (left out for page 1).
    /// </summary>
    public static string Link(HttpContext http, string path, int page)
    {
        var kept = http.Request.Query
            .Where(p => !string.Equals(p.Key, "page", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .ToList();
        if (page > 1)
        {
            kept.Add(new("page", page.ToString(CultureInfo.InvariantCulture)));
        }
        return path + QueryString.Create(kept).ToUriComponent();
    }

    private static string Shown(string raw) => raw.Length > 40 ? raw[..40] + "…" : raw;
}
