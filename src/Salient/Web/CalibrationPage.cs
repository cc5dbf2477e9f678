using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Salient.Significance;
using Salient.Storage;
using static Salient.Web.SiteLayout;
using Salient.Text;

namespace Salient.Web;

/// <summary>
/// <c>/calibration</c>: did the first score hold? Each story's first score against its score three days later, by
/// the day of the first score, over the last <see cref="Days"/> days: the product's record of its own first impressions.
/// </summary>
internal sealed class CalibrationPage : IEndpointModule
{
    public const int Days = 30;

    public void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGet("/calibration", PageAsync);

    private static async Task<IResult> PageAsync(HttpContext http, SiteStore store, SiteOptions options, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var scores = await store.ScoresSinceAsync(now.AddDays(-(Days + 3)), ct).ConfigureAwait(false);
        var result = FirstImpressions.Compute(scores, now, options.DefaultMinScore);
        var ic = CultureInfo.InvariantCulture;
        var b = new HtmlBuilder(8192);
        b.Append($"<h1>Did the score hold?</h1><p>A story is scored when it first appears and again as it grows. This page compares each story's first score ")
         .Append($"with its score {result.After.TotalHours.ToString("0", ic)} hours later, for the stories first scored in the last {Days} days that are old enough to tell.</p>");
        if (result.Stories == 0)
        {
            b.Append($"<p>No story is old enough yet: come back {result.After.TotalHours.ToString("0", ic)} hours after the first stories were scored.</p>");
        }
        else
        {
            var threshold = result.Threshold.ToString("0.0", ic);
            b.Append($"<dl class=\"calibration\"><dt>Stories</dt><dd>{Number(result.Stories)}</dd>")
             .Append($"<dt>Mean change, either way</dt><dd>{result.MeanAbsoluteChange.ToString("0.00", ic)} points</dd>")
             .Append($"<dt>Mean change</dt><dd>{result.MeanChange.ToString("+0.00;−0.00;0.00", ic)} points</dd>")
             .Append($"<dt>Rose across {threshold}</dt><dd>{Number(result.CrossedUp)} ({Share(result.CrossedUp, result.Stories)})</dd>")
             .Append($"<dt>Fell across {threshold}</dt><dd>{Number(result.CrossedDown)} ({Share(result.CrossedDown, result.Stories)})</dd></dl>");
            Chart(b, result);
            b.Append($"<table><caption>By the day of the first score</caption><thead><tr><th scope=\"col\">Day</th><th scope=\"col\">Stories</th>")
             .Append($"<th scope=\"col\">Mean change, either way</th><th scope=\"col\">Mean change</th><th scope=\"col\">Rose across {threshold}</th><th scope=\"col\">Fell across {threshold}</th></tr></thead><tbody>");
            foreach (var d in result.Days)
            {
                b.Append($"<tr><td>{d.Day.ToString("d MMM yyyy", ic)}</td><td>{Number(d.Stories)}</td><td>{d.MeanAbsoluteChange.ToString("0.00", ic)}</td>")
                 .Append($"<td>{d.MeanChange.ToString("+0.00;−0.00;0.00", ic)}</td><td>{Number(d.CrossedUp)}</td><td>{Number(d.CrossedDown)}</td></tr>");
            }
            b.Append($"</tbody></table>");
        }
        http.Response.Headers.CacheControl = "public, max-age=300";
        return Page("Did the score hold?", b.ToHtml());
    }

    private static string Share(int n, int of) => (100.0 * n / Math.Max(1, of)).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A bar per day: the mean absolute change, on a 0–2 point scale (taller is a worse first impression).</summary>
    private static void Chart(HtmlBuilder b, FirstImpressions result)
    {
        var ic = CultureInfo.InvariantCulture;
        const double Height = 120, Bar = 14, Gap = 4;
        var width = Math.Max(1, result.Days.Count) * (Bar + Gap);
        b.Append($"<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width.ToString(ic)} {Height.ToString(ic)}\" width=\"{width.ToString(ic)}\" height=\"{Height.ToString(ic)}\" role=\"img\" aria-label=\"Mean change of the score between the first score and three days later, by day\">");
        for (var i = 0; i < result.Days.Count; i++)
        {
            var d = result.Days[i];
            var h = Math.Min(1, d.MeanAbsoluteChange / 2) * (Height - 10);
            b.Append($"<rect x=\"{(i * (Bar + Gap)).ToString("0.#", ic)}\" y=\"{(Height - h).ToString("0.#", ic)}\" width=\"{Bar.ToString(ic)}\" height=\"{h.ToString("0.#", ic)}\" fill=\"currentColor\">")
             .Append($"<title>{d.Day.ToString("d MMM", ic)}: {d.MeanAbsoluteChange.ToString("0.00", ic)} points over {Counted.Of(d.Stories, "story", "stories")}</title></rect>");
        }
        b.Append($"</svg><figcaption>Mean change either way, by the day of the first score (full height: 2 points).</figcaption></figure>");
    }
}
