using System.Globalization;
using Microsoft.Extensions.Logging;
using MimeKit;
using Salient.Storage;
using Salient.Web;
using Salient.Text;

namespace Salient.Digest;

/// <summary>
/// Following one story by e-mail: a reader asks on the story page, confirms by a signed link, and is then told when the
/// story's score rises by <see cref="Rise"/> point or more since they were last told (or since they confirmed), or when it
/// crosses their threshold upwards. Every message carries a one-click link that ends the follow. A follow of a story that
/// was merged into another follows the survivor. Following the story's thread instead, the reader is told of each new
/// story of the thread (one newer than any they were told of, or than the thread's newest when they confirmed) that
/// scores at or above their threshold.
/// </summary>
internal sealed partial class FollowService(FollowStore store, DigestStore digests, DigestOptions options, TimeProvider time, ILogger<FollowService> logger)
{
    public const string ConfirmPurpose = "fc";
    public const string StopPurpose = "fs";

    /// <summary>How much the score must rise since the follower was last told.</summary>
    public const double Rise = 1.0;

    /// <summary>How often <c>salient run</c> looks at followed stories.</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(10);

    public sealed record CheckReport(int Followed, int Sent, int Failed, IReadOnlyList<string> Errors);

    /// <summary>A confirmed follow: the story it is on, and whether it follows the story's thread.</summary>
    public sealed record Confirmed(FollowedStory Story, bool Thread);

    private string Site => options.SiteUrl.TrimEnd('/');

    /// <summary>
    /// A reader asks to follow a story: a pending follow and, at most once a day per follow, a confirmation link. The
    /// answer never says whether the address already followed it.
    /// </summary>
    public async Task FollowAsync(long storyId, string email, double threshold, SmtpEndpoint? endpoint, CancellationToken ct, string kind = FollowStore.StoryKind)
    {
        var follow = await store.UpsertAsync(storyId, email, threshold, ct, kind).ConfigureAwait(false);
        if (follow.Status == "active" || endpoint is null || !await store.TryReserveConfirmationAsync(follow.Id, TimeSpan.FromHours(24), ct).ConfigureAwait(false))
        {
            return;
        }
        var story = await store.StoryAsync(storyId, ct).ConfigureAwait(false);
        var tokens = await TokensAsync(ct).ConfigureAwait(false);
        var link = $"{Site}/follow/confirm?token={Uri.EscapeDataString(tokens.Create(ConfirmPurpose, follow.Id, TimeSpan.FromHours(options.ConfirmHours)))}";
        var title = story?.Title ?? "a story";
        var message = NewMessage(follow.Email, $"Confirm: follow \u201c{Shorten(title)}\u201d on Salient");
        var what = follow.Kind == FollowStore.ThreadKind
            ? $"a new story in this story's thread scores {follow.Threshold.ToString("0.0", CultureInfo.InvariantCulture)} or more"
            : "this story's significance rises";
        var text = $"Someone, hopefully you, asked to be told by e-mail when {what}:\n\n{title}\n{Site}/story/{storyId.ToString(CultureInfo.InvariantCulture)}\n\n" +
                   $"Confirm within {options.ConfirmHours} hours: {link}\n\nIf it was not you, ignore this message: nothing will be sent.\n";
        var html = Html.Of($"<p>Someone, hopefully you, asked to be told by e-mail when {what}:</p><p><a href=\"{Site}/story/{storyId}\">{title}</a></p><p><a href=\"{link}\">Confirm</a> within {options.ConfirmHours} hours.</p><p>If it was not you, ignore this message: nothing will be sent.</p>").ToString();
        message.Body = new BodyBuilder { HtmlBody = html, TextBody = text }.ToMessageBody();
        await using var mailer = new SmtpMailer(endpoint);
        var (outcome, error) = await mailer.SendAsync(message, ct).ConfigureAwait(false);
        if (outcome != SendOutcome.Sent)
        {
            await store.MarkFailedAsync(follow.Id, error!, end: false, ct).ConfigureAwait(false);
            LogConfirmationFailed(logger, follow.Id, error!);
        }
    }

    /// <summary>Confirms the follow a signed link names; the score now is where rises are measured from. Null when the link is not valid.</summary>
    public async Task<Confirmed?> ConfirmAsync(string? token, CancellationToken ct)
    {
        if ((await TokensAsync(ct).ConfigureAwait(false)).Validate(token, ConfirmPurpose) is not { } id
            || await store.FindAsync(id, ct).ConfigureAwait(false) is not { Status: not "ended" } follow)
        {
            return null;
        }
        var story = await store.StoryAsync(follow.StoryId, ct).ConfigureAwait(false);
        var thread = follow.Kind == FollowStore.ThreadKind;
        // A thread's follower is told of the stories that come after those in it now.
        long? last = thread ? (await store.ThreadStoriesAsync(follow.StoryId, ct).ConfigureAwait(false)).Select(s => (long?)s.Id).Max() : null;
        if (story is null || !await store.ConfirmAsync(id, story.Score, ct, last).ConfigureAwait(false))
        {
            return null;
        }
        return new Confirmed(story, thread);
    }

    /// <summary>Ends the follow a signed link names; false when the link is not valid.</summary>
    public async Task<bool> StopAsync(string? token, CancellationToken ct) =>
        (await TokensAsync(ct).ConfigureAwait(false)).Validate(token, StopPurpose) is { } id && await store.EndAsync(id, ct).ConfigureAwait(false);

    /// <summary>
    /// Whether a follower last told of <paramref name="baseline"/> is told of <paramref name="score"/>, and why: a rise of
    /// <see cref="Rise"/> or more, or a crossing of their threshold from below.
    /// </summary>
    public static string? Reason(double baseline, double threshold, double score)
    {
        var ic = CultureInfo.InvariantCulture;
        if (baseline < threshold && score >= threshold)
        {
            return $"it crossed your threshold of {threshold.ToString("0.0", ic)}: {baseline.ToString("0.0", ic)} → {score.ToString("0.0", ic)}";
        }
        if (score >= baseline + Rise - 1e-9)
        {
            return $"it rose by {(score - baseline).ToString("0.0", ic)} points: {baseline.ToString("0.0", ic)} → {score.ToString("0.0", ic)}";
        }
        return null;
    }

    /// <summary>Looks at every active follow and tells each follower whose story rose; a failed send is tried again at the next check.</summary>
    public async Task<CheckReport> CheckAsync(SmtpEndpoint endpoint, CancellationToken ct)
    {
        var follows = await store.ActiveAsync(ct).ConfigureAwait(false);
        var tokens = await TokensAsync(ct).ConfigureAwait(false);
        int sent = 0, failed = 0;
        var errors = new List<string>();
        await using var mailer = new SmtpMailer(endpoint);
        foreach (var f in follows)
        {
            if (f.Kind == FollowStore.ThreadKind)
            {
                switch (await CheckThreadAsync(f, mailer, tokens, errors, ct).ConfigureAwait(false))
                {
                    case true:
                        sent++;
                        break;
                    case false:
                        failed++;
                        break;
                }
                continue;
            }
            var story = await store.StoryAsync(f.StoryId, ct).ConfigureAwait(false);
            if (story?.Score is not { } score)
            {
                continue;
            }
            if (f.Baseline is not { } baseline || (score < f.Threshold && baseline >= f.Threshold))
            {
                // Nothing to measure from yet, or the story fell below the threshold: from here on, a new crossing is news.
                await store.SetBaselineAsync(f.Id, score, ct).ConfigureAwait(false);
                continue;
            }
            if (Reason(baseline, f.Threshold, score) is not { } reason)
            {
                continue;
            }
            var message = Alert(f, story, reason, tokens);
            var (outcome, error) = await mailer.SendAsync(message, ct).ConfigureAwait(false);
            if (outcome == SendOutcome.Sent)
            {
                await store.MarkAlertedAsync(f.Id, score, ct).ConfigureAwait(false);
                LogAlerted(logger, f.Id, story.Id);
                sent++;
            }
            else
            {
                await store.MarkFailedAsync(f.Id, error!, end: outcome == SendOutcome.Permanent, ct).ConfigureAwait(false);
                errors.Add($"follow {f.Id}: {error}{(outcome == SendOutcome.Permanent ? "; the follow is ended" : "; tried again at the next check")}");
                failed++;
            }
        }
        return new CheckReport(follows.Count, sent, failed, errors);
    }

    /// <summary>Tells a thread's follower of the thread's new stories at or above their threshold that they were not told of; null when there is nothing to tell.</summary>
    private async Task<bool?> CheckThreadAsync(StoryFollow f, SmtpMailer mailer, DigestTokens tokens, List<string> errors, CancellationToken ct)
    {
        var stories = await store.ThreadStoriesAsync(f.StoryId, ct).ConfigureAwait(false);
        var last = f.LastStoryId ?? f.StoryId;
        var candidates = stories.Where(s => s.Id > last && s.Score is { } score && score >= f.Threshold).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }
        var told = await store.ToldAsync(f.Id, ct).ConfigureAwait(false);
        var news = candidates.Where(s => !told.Contains(s.Id)).ToList();
        if (news.Count == 0)
        {
            return null;
        }
        var (outcome, error) = await mailer.SendAsync(ThreadAlert(f, news, tokens), ct).ConfigureAwait(false);
        if (outcome == SendOutcome.Sent)
        {
            await store.MarkToldAsync(f.Id, [.. news.Select(s => s.Id)], ct).ConfigureAwait(false);
            LogAlerted(logger, f.Id, news[^1].Id);
            return true;
        }
        await store.MarkFailedAsync(f.Id, error!, end: outcome == SendOutcome.Permanent, ct).ConfigureAwait(false);
        errors.Add($"follow {f.Id}: {error}{(outcome == SendOutcome.Permanent ? "; the follow is ended" : "; tried again at the next check")}");
        return false;
    }

    private MimeMessage ThreadAlert(StoryFollow f, List<FollowedStory> news, DigestTokens tokens)
    {
        var ic = CultureInfo.InvariantCulture;
        var stop = $"{Site}/follow/stop?token={Uri.EscapeDataString(tokens.Create(StopPurpose, f.Id, null))}";
        var newest = news[^1];
        var message = NewMessage(f.Email, $"[{newest.Score!.Value.ToString("0.0", ic)}] {Shorten(newest.Title)}");
        message.MessageId = $"follow-{f.Id.ToString(ic)}-{(f.Alerts + 1).ToString(ic)}-{Guid.NewGuid():N}@salient";
        message.Headers.Add("List-Unsubscribe", $"<{stop}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        var threshold = f.Threshold.ToString("0.0", ic);
        var lines = string.Join("\n\n", news.Select(s => $"[{s.Score!.Value.ToString("0.0", ic)}] {s.Title}\n{Site}/story/{s.Id.ToString(ic)}"));
        var text = $"A thread you follow on Salient has {(news.Count == 1 ? "a new story" : $"{news.Count} new stories")} scoring {threshold} or more:\n\n{lines}\n\n--\nYou follow this thread by e-mail. Stop following: {stop}\n";
        var items = new HtmlBuilder(512);
        foreach (var s in news)
        {
            items.Append($"<li><strong>{s.Score!.Value.ToString("0.0", ic)}</strong> <a href=\"{Site}/story/{s.Id}\">{s.Title}</a></li>");
        }
        var html = Html.Of($"""
            <!doctype html><html><body style="font-family:Georgia,serif;max-width:40em;margin:auto;color:#222">
            <p>A thread you follow on Salient has new stories scoring {threshold} or more:</p><ul>{items.ToHtml()}</ul>
            <hr><p style="font-size:0.85em;color:#555">You follow this thread by e-mail. <a href="{stop}">Stop following</a> with one click.</p>
            </body></html>
            """).ToString();
        message.Body = new BodyBuilder { HtmlBody = html, TextBody = text }.ToMessageBody();
        return message;
    }

    private MimeMessage Alert(StoryFollow f, FollowedStory story, string reason, DigestTokens tokens)
    {
        var ic = CultureInfo.InvariantCulture;
        var stop = $"{Site}/follow/stop?token={Uri.EscapeDataString(tokens.Create(StopPurpose, f.Id, null))}";
        var link = $"{Site}/story/{story.Id.ToString(ic)}";
        var score = story.Score!.Value.ToString("0.0", ic);
        var message = NewMessage(f.Email, $"[{score}] {Shorten(story.Title)}");
        message.MessageId = $"follow-{f.Id.ToString(ic)}-{(f.Alerts + 1).ToString(ic)}-{Guid.NewGuid():N}@salient";
        message.Headers.Add("List-Unsubscribe", $"<{stop}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        var counts = $"{Counted.Of(story.Articles, "article")} from {Counted.Of(story.Outlets, "outlet")}";
        var text = $"A story you follow on Salient now scores {score}: {reason}.\n\n{story.Title}\n{counts}\n{link}\n\n--\nYou follow this story by e-mail. Stop following: {stop}\n";
        var html = Html.Of($"""
            <!doctype html><html><body style="font-family:Georgia,serif;max-width:40em;margin:auto;color:#222">
            <p>A story you follow on Salient now scores <strong>{score}</strong>: {reason}.</p>
            <p style="font-weight:bold"><a href="{link}">{story.Title}</a></p><p>{counts}</p>
            <hr><p style="font-size:0.85em;color:#555">You follow this story by e-mail. <a href="{stop}">Stop following</a> with one click.</p>
            </body></html>
            """).ToString();
        message.Body = new BodyBuilder { HtmlBody = html, TextBody = text }.ToMessageBody();
        return message;
    }

    private MimeMessage NewMessage(string to, string subject)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Date = time.GetUtcNow();
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }

    private static string Shorten(string title) => title.Length > 90 ? title[..89] + "…" : title;

    private async Task<DigestTokens> TokensAsync(CancellationToken ct) => new(await digests.SecretAsync(options.Secret, ct).ConfigureAwait(false), time);

    [LoggerMessage(Level = LogLevel.Information, Message = "Follow {FollowId}: told of a rise of story {StoryId}")]
    private static partial void LogAlerted(ILogger logger, long followId, long storyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Follow {FollowId}: the confirmation mail failed: {Error}")]
    private static partial void LogConfirmationFailed(ILogger logger, long followId, string error);
}
