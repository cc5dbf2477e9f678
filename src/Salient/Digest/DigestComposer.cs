using System.Globalization;
using System.Text;
using MimeKit;
using Salient.Storage;
using Salient.Web;

namespace Salient.Digest;

/// <summary>Writes a digest: the shared body (kept in the archive) and each subscriber's message around it.</summary>
internal sealed class DigestComposer(DigestOptions options, TimeProvider time)
{
    private string Site => options.SiteUrl.TrimEnd('/');

    /// <summary>
    /// The subject of a digest sent at <paramref name="at"/>: the day it covers for a daily digest, the days of the week
    /// it covers (the seven days up to the send, "2–9 June 2026") for a weekly one, as dates in <paramref name="zone"/>
    /// (the schedule's time zone; UTC when null), and how many stories it holds.
    /// </summary>
    public static string Subject(string cadence, int count, DateTimeOffset at, TimeZoneInfo? zone = null)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone ?? TimeZoneInfo.Utc);
        var span = cadence == "weekly" ? Week(local.AddDays(-7), local) : Day(local, "d MMMM yyyy");
        return count == 0
            ? $"Salient {cadence} digest, {span}: nothing significant"
            : $"Salient {cadence} digest, {span}: {count} {(count == 1 ? "story" : "stories")}";
    }

    /// <summary>"2–9 June 2026", "26 May – 2 June 2026" or "29 December 2025 – 5 January 2026".</summary>
    private static string Week(DateTimeOffset first, DateTimeOffset last) =>
        first.Year != last.Year ? $"{Day(first, "d MMMM yyyy")} – {Day(last, "d MMMM yyyy")}"
        : first.Month != last.Month ? $"{Day(first, "d MMMM")} – {Day(last, "d MMMM yyyy")}"
        : $"{Day(first, "%d")}–{Day(last, "d MMMM yyyy")}";

    private static string Day(DateTimeOffset t, string format) => t.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>
    /// The body shared by every subscriber who gets these stories: "[7.2] Title — Outlet", summary and link, under the
    /// heading of their section (a link to its page) when the subscriber chose sections. A story in another language
    /// than <paramref name="siteLanguage"/> with a translation into it comes translated, labelled, with its original.
    /// </summary>
    public (string Html, string Text) Body(IReadOnlyList<DigestGroup> groups, double threshold, string? siteLanguage = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var html = new HtmlBuilder();
        var text = new StringBuilder();
        if (groups.All(g => g.Stories.Count == 0))
        {
            var note = $"Nothing reached a significance of {threshold.ToString("0.0", CultureInfo.InvariantCulture)} since your last digest.";
            html.Append($"<p>{note}</p>");
            text.AppendLine(note);
            return (html.ToString(), text.ToString());
        }
        foreach (var group in groups.Where(g => g.Stories.Count > 0))
        {
            if (group.Section is { } section)
            {
                html.Append($"<h2 style=\"font-size:1.1em;margin:1.4em 0 0.6em 0;border-bottom:1px solid #ccc\"><a href=\"{Site}{section.Path}\" style=\"color:inherit\">{section.Name}</a></h2>");
                text.Append("== ").Append(section.Name).AppendLine(" ==").AppendLine();
            }
            foreach (var s in group.Stories)
            {
                var score = s.Score.ToString("0.0", CultureInfo.InvariantCulture);
                var outlets = s.Outlets.Count == 0 ? string.Empty : " — " + string.Join(", ", s.Outlets.Take(3)) + (s.Outlets.Count > 3 ? $" and {s.Outlets.Count - 3} more" : string.Empty);
                var link = $"{Site}/story/{s.Id.ToString(CultureInfo.InvariantCulture)}";
                var (title, summary, original) = Shown(s, siteLanguage);
                html.Append($"<div style=\"margin:0 0 1.2em 0\"><p style=\"margin:0;font-weight:bold\">[{score}] <a href=\"{link}\">{title}</a>{outlets}</p>");
                if (!string.IsNullOrWhiteSpace(summary))
                {
                    html.Append($"<p style=\"margin:0.3em 0 0 0\">{summary}</p>");
                }
                if (original is not null)
                {
                    html.Append($"<p style=\"margin:0.3em 0 0 0;font-size:0.85em;color:#555\">Machine translation from {Languages.Name(s.Language)}. Original: <span lang=\"{s.Language}\">{s.Title}{(string.IsNullOrWhiteSpace(s.Summary) ? string.Empty : ". " + s.Summary)}</span></p>");
                }
                html.Append($"</div>");
                text.Append('[').Append(score).Append("] ").Append(title).AppendLine(outlets);
                if (!string.IsNullOrWhiteSpace(summary))
                {
                    text.AppendLine(summary);
                }
                if (original is not null)
                {
                    text.AppendLine(original);
                }
                text.AppendLine(link).AppendLine();
            }
        }
        return (html.ToString(), text.ToString());
    }

    /// <summary>
    /// A story as the digest shows it to readers of <paramref name="siteLanguage"/>: its title and summary, translated
    /// when it has a translation for them, and then the plain-text label with the original (null when not translated).
    /// The mail and <c>salient digest --dry-run</c> both show a story through this, so the preview is what is sent.
    /// </summary>
    public static (string Title, string? Summary, string? Original) Shown(DigestStory story, string? siteLanguage)
    {
        ArgumentNullException.ThrowIfNull(story);
        var translation = story.TranslationFor(siteLanguage);
        // As on the site: what a machine translated is labelled so, with the original beside it.
        return translation is null
            ? (story.Title, story.Summary, null)
            : (translation.Title, translation.Summary, StoryTranslation.Label(story.Language, story.Title, story.Summary));
    }

    /// <summary>
    /// A subscriber's message: the body, a one-click unsubscribe link in the footer and in RFC 8058 headers.
    /// <paramref name="bodyHtml"/> is the stored body that <see cref="Body"/> wrote, so it is trusted as markup.
    /// </summary>
    public MimeMessage Message(string to, string subject, string bodyHtml, string bodyText, string messageId, string unsubscribeToken, string manageToken)
    {
        var unsubscribe = $"{Site}/unsubscribe?token={Uri.EscapeDataString(unsubscribeToken)}";
        var manage = $"{Site}/subscription?token={Uri.EscapeDataString(manageToken)}";
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.MessageId = messageId;
        message.Date = time.GetUtcNow();
        message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Headers.Add("List-Id", "Salient digest <digest.salient.local>");
        message.Headers.Add("Auto-Submitted", "auto-generated");
        var html = Html.Of($"""
            <!doctype html><html><body style="font-family:Georgia,serif;max-width:40em;margin:auto;color:#222">
            <h1 style="font-size:1.3em">{subject}</h1>
            {Html.Raw(bodyHtml)}
            <hr><p style="font-size:0.85em;color:#555">You receive this because you subscribed to Salient's digest.
            <a href="{manage}">Choose your sections, cadence and threshold</a>, or
            <a href="{unsubscribe}">unsubscribe</a> with one click.</p>
            </body></html>
            """).ToString();
        var text = $"{subject}\n\n{bodyText}\n--\nYou receive this because you subscribed to Salient's digest.\nYour sections, cadence and threshold: {manage}\nUnsubscribe: {unsubscribe}\n";
        message.Body = new BodyBuilder { HtmlBody = html, TextBody = text }.ToMessageBody();
        return message;
    }

    /// <summary>The double opt-in message with a signed, expiring confirmation link.</summary>
    public MimeMessage Confirmation(string to, string confirmToken, int validHours)
    {
        var link = $"{Site}/confirm?token={Uri.EscapeDataString(confirmToken)}";
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = "Confirm your Salient digest subscription";
        message.Date = time.GetUtcNow();
        message.Headers.Add("Auto-Submitted", "auto-generated");
        var text = $"Someone, hopefully you, asked for Salient's news digest at this address.\n\nConfirm within {validHours} hours: {link}\n\nIf it was not you, ignore this message: nothing will be sent.\n";
        var html = Html.Of($"<p>Someone, hopefully you, asked for Salient's news digest at this address.</p><p><a href=\"{link}\">Confirm your subscription</a> within {validHours} hours.</p><p>If it was not you, ignore this message: nothing will be sent.</p>").ToString();
        message.Body = new BodyBuilder { HtmlBody = html, TextBody = text }.ToMessageBody();
        return message;
    }
}
