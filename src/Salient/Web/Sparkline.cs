using System.Globalization;
using Salient.Storage;
using Salient.Text;

namespace Salient.Web;

/// <summary>A story's score over time as a small inline SVG drawn on the server: one point per score, no script.</summary>
internal static class Sparkline
{
    private const double Width = 240, Height = 48, Pad = 4;

    public static void Append(HtmlBuilder b, IReadOnlyList<ScorePoint> points)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return;
        }
        var ic = CultureInfo.InvariantCulture;
        var t0 = points[0].At;
        var span = (points[^1].At - t0).TotalSeconds;
        string X(ScorePoint p) => (span <= 0 ? Width / 2 : Pad + ((p.At - t0).TotalSeconds / span * (Width - (2 * Pad)))).ToString("0.#", ic);
        string Y(ScorePoint p) => (Height - Pad - (Math.Clamp(p.Score, 0, 10) / 10 * (Height - (2 * Pad)))).ToString("0.#", ic);
        var first = points[0].Score.ToString("0.0", ic);
        var last = points[^1].Score.ToString("0.0", ic);
        var label = points.Count == 1 ? $"Scored once: {first}" : $"Score over time: {first} at first, {last} now, over {points.Count} scores";
        b.Append($"<figure class=\"history\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width.ToString(ic)} {Height.ToString(ic)}\" width=\"{Width.ToString(ic)}\" height=\"{Height.ToString(ic)}\" role=\"img\" aria-label=\"{label}\">");
        // The 5.5 line: where the front page's default threshold lies.
        var threshold = (Height - Pad - (5.5 / 10 * (Height - (2 * Pad)))).ToString("0.#", ic);
        b.Append($"<line x1=\"0\" x2=\"{Width.ToString(ic)}\" y1=\"{threshold}\" y2=\"{threshold}\" stroke=\"currentColor\" stroke-opacity=\"0.25\" stroke-dasharray=\"3 3\"/>");
        if (points.Count > 1)
        {
            b.Append($"<polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" points=\"{string.Join(' ', points.Select(p => X(p) + "," + Y(p)))}\"/>");
        }
        foreach (var p in points)
        {
            b.Append($"<circle cx=\"{X(p)}\" cy=\"{Y(p)}\" r=\"2.5\" fill=\"currentColor\"><title>{p.Score.ToString("0.0", ic)} on {p.At.UtcDateTime.ToString("d MMM HH:mm", ic)} UTC, {Counted.Of(p.Articles, "article")} from {Counted.Of(p.Outlets, "outlet")}</title></circle>");
        }
        b.Append($"</svg><figcaption>{label}.</figcaption></figure>");
    }
}
