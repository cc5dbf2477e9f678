using Salient.Stories;
using static Salient.Web.SiteLayout;

namespace Salient.Web;

/// <summary>"How it developed": a story's developments along its time axis, each with its first report marked and the outlets that followed it.</summary>
internal static class TimelineSection
{
    /// <summary>Appends the section when the story has more than one development (a story of one news cycle has no timeline to show).</summary>
    public static void Append(HtmlBuilder b, IReadOnlyList<Development> developments, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(developments);
        if (developments.Count < 2)
        {
            return;
        }
        var start = developments[0].At;
        b.Append($"<section aria-labelledby=\"timeline-h\"><h2 id=\"timeline-h\">How it developed</h2><ol class=\"timeline\">");
        for (var i = 0; i < developments.Count; i++)
        {
            var d = developments[i];
            var first = d.FirstReport;
            b.Append($"<li class=\"development\" id=\"development-{i + 1}\"><p class=\"when\">{Time(d.At, now)}");
            if (i > 0)
            {
                b.Append($" · {StoryTimeline.After(d.At - start)} after the first report");
            }
            b.Append($"</p>");
            if (d.New.Count > 0)
            {
                b.Append($"<p class=\"new\">New: {string.Join(", ", d.New)}</p>");
            }
            b.Append($"<p><span class=\"first-report\">First report</span> ");
            if (first.Url is null)
            {
                b.Append($"<span>{first.Title}</span>");
            }
            else
            {
                b.Append($"<a href=\"{first.Url}\" rel=\"noopener noreferrer nofollow\">{first.Title}</a>");
            }
            b.Append($" <span class=\"meta\">{first.Outlet ?? "Unknown outlet"}</span></p>");
            var followers = d.Articles.Count - 1;
            if (followers > 0)
            {
                var others = d.Outlets.Where(o => !string.Equals(o, first.Outlet, StringComparison.OrdinalIgnoreCase)).ToList();
                b.Append($"<p class=\"meta\">then {Number(followers)} more {(followers == 1 ? "report" : "reports")}");
                if (others.Count > 0)
                {
                    b.Append($" from {Outlets(others, others.Count)}");
                }
                b.Append($"</p>");
            }
            b.Append($"</li>");
        }
        b.Append($"</ol></section>");
    }
}
