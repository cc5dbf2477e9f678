using Microsoft.Extensions.Logging;
using Salient.Monitoring;
using Salient.Storage;
using Salient.Web;

namespace Salient.Digest;

/// <summary>
/// Decides what each subscriber gets and sends it. Every delivery is recorded before it is sent and marked
/// after, so a crash or an SMTP failure mid-send mails nobody twice and skips nobody: an interrupted delivery
/// is retried with the same Message-ID, a 4xx answer is retried with backoff, a 5xx answer marks the address.
/// </summary>
internal sealed partial class DigestService(DigestStore store, DigestOptions options, DigestSections sections, TimeProvider time, ILogger<DigestService> logger, SiteOptions site)
{
    /// <summary>
    /// What one subscriber would get, chosen from the stories scored before <paramref name="AsOf"/>: its stories under
    /// their section headings (one group without a heading for the global edition), and all of them, most significant first.
    /// </summary>
    public sealed record Plan(Subscriber Subscriber, IReadOnlyList<DigestGroup> Groups, DateTimeOffset AsOf)
    {
        public IReadOnlyList<DigestStory> Stories { get; } = Groups.SelectMany(g => g.Stories).OrderByDescending(x => x.Score).ThenBy(x => x.Id).ToList();
    }

    public sealed record SendReport(int Planned, int Sent, int Deferred, int Failed, IReadOnlyList<string> Errors);

    public static TimeSpan Period(string cadence) => cadence == "daily" ? TimeSpan.FromDays(1) : TimeSpan.FromDays(7);

    /// <summary>What each confirmed subscriber of <paramref name="cadence"/> (or of every cadence) would get now.</summary>
    public async Task<IReadOnlyList<Plan>> PreviewAsync(string? cadence, CancellationToken ct)
    {
        var plans = new List<Plan>();
        foreach (var s in await store.ListAsync(ct).ConfigureAwait(false))
        {
            if (s.Status != "confirmed" || (cadence is not null && s.Cadence != cadence))
            {
                continue;
            }
            // Read before the stories are: whatever is scored from this instant on belongs to the next digest.
            var asOf = time.GetUtcNow();
            var choices = await store.SectionsAsync(s.Id, ct).ConfigureAwait(false);
            var groups = choices.Count == 0
                ? new List<DigestGroup> { new(null, await store.CandidatesAsync(s, Period(s.Cadence), options.MaxStories, ct).ConfigureAwait(false)) }
                : await SectionGroupsAsync(s, choices, ct).ConfigureAwait(false);
            plans.Add(new Plan(s, groups.Where(g => g.Stories.Count > 0).ToList(), asOf));
        }
        return plans;
    }

    /// <summary>
    /// A section subscriber's stories under their sections, each story once: under the first of the subscriber's sections
    /// that holds it at or above that section's threshold, except that a topic which is only one of the story's secondary
    /// desks gives way to any section that holds it otherwise (its primary desk or a region). At most
    /// <see cref="DigestOptions.MaxStories"/> in all, the most significant; what was sent before is never chosen.
    /// </summary>
    private async Task<List<DigestGroup>> SectionGroupsAsync(Subscriber s, IReadOnlyList<SectionChoice> choices, CancellationToken ct)
    {
        var best = new Dictionary<long, (DigestStory Story, int Rank, int Index)>();
        var resolved = choices.Select(sections.Resolve).ToList();
        for (var i = 0; i < resolved.Count; i++)
        {
            if (resolved[i] is not { } section)
            {
                LogUnknownSection(logger, s.Id, choices[i].ToString());
                continue;
            }
            var filter = new DigestFilter(sections.ThresholdOf(section.Choice, s.Threshold), section.Desk, section.Countries);
            foreach (var story in await store.CandidatesAsync(s, Period(s.Cadence), options.MaxStories, ct, filter).ConfigureAwait(false))
            {
                var rank = section.Desk is { } desk && (story.Topics.Count == 0 || story.Topics[0] != desk) ? 1 : 0;
                if (!best.TryGetValue(story.Id, out var held) || (rank, i).CompareTo((held.Rank, held.Index)) < 0)
                {
                    best[story.Id] = (story, rank, i);
                }
            }
        }
        var kept = best.Values.OrderByDescending(x => x.Story.Score).ThenBy(x => x.Story.Id).Take(options.MaxStories).ToList();
        return resolved.Select((section, i) => (section, i)).Where(x => x.section is not null)
            .Select(x => new DigestGroup(x.section, kept.Where(k => k.Index == x.i).Select(k => k.Story).ToList()))
            .ToList();
    }

    /// <summary>Plans a digest for every confirmed subscriber with something to read, then sends every due delivery.</summary>
    public async Task<SendReport> SendAsync(string? cadence, SmtpEndpoint endpoint, CancellationToken ct)
    {
        var composer = new DigestComposer(options, time);
        var planned = 0;
        foreach (var plan in await PreviewAsync(cadence, ct).ConfigureAwait(false))
        {
            var s = plan.Subscriber;
            if (plan.Stories.Count == 0)
            {
                var due = s.LastDigestAt is null || time.GetUtcNow() - s.LastDigestAt >= Period(s.Cadence);
                if (!options.SendEmptyNote || !due)
                {
                    continue;
                }
            }
            var now = time.GetUtcNow();
            var (html, text) = composer.Body(plan.Groups, s.Threshold, site.Language);
            var subject = DigestComposer.Subject(s.Cadence, plan.Stories.Count, now, TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone));
            var messageId = $"digest-{Guid.NewGuid():N}@salient";
            await store.PlanAsync(s, s.Cadence, subject, html, text, plan.Stories.Select(x => x.Id).ToList(), messageId, plan.AsOf, ct).ConfigureAwait(false);
            planned++;
        }
        var (sent, deferred, failed, errors) = await DeliverDueAsync(endpoint, composer, ct).ConfigureAwait(false);
        return new SendReport(planned, sent, deferred, failed, errors);
    }

    private async Task<(int Sent, int Deferred, int Failed, List<string> Errors)> DeliverDueAsync(SmtpEndpoint endpoint, DigestComposer composer, CancellationToken ct)
    {
        int sent = 0, deferred = 0, failed = 0;
        var errors = new List<string>();
        var tokens = new DigestTokens(await store.SecretAsync(options.Secret, ct).ConfigureAwait(false), time);
        await using var mailer = new SmtpMailer(endpoint);
        foreach (var d in await store.DueAsync(ct).ConfigureAwait(false))
        {
            var message = composer.Message(d.Email, d.Subject, d.Html, d.Text, d.MessageId, tokens.Create(DigestTokens.Unsubscribe, d.SubscriberId, null),
                tokens.Create(DigestTokens.Manage, d.SubscriberId, null));
            var attempts = d.Attempts;
            for (var tryInRun = 1; ; tryInRun++)
            {
                await store.MarkSendingAsync(d.Id, ct).ConfigureAwait(false);
                attempts++;
                var (outcome, error) = await mailer.SendAsync(message, ct).ConfigureAwait(false);
                if (outcome == SendOutcome.Sent)
                {
                    await store.MarkSentAsync(d.Id, d.SubscriberId, ct).ConfigureAwait(false);
                    LogSent(logger, d.Id, d.SubscriberId);
                    SalientMetrics.DigestSent();
                    sent++;
                    break;
                }
                if (outcome == SendOutcome.Permanent)
                {
                    await store.MarkFailedAsync(d.Id, error!, ct).ConfigureAwait(false);
                    await store.MarkBouncedAsync(d.SubscriberId, error!, ct).ConfigureAwait(false);
                    LogPermanent(logger, d.Id, d.SubscriberId, error!);
                    errors.Add($"delivery {d.Id}: {error}; the address is marked bounced and gets no more digests until it is added again");
                    SalientMetrics.DigestFailed();
                    failed++;
                    break;
                }
                var delay = TimeSpan.FromSeconds(options.RetryDelaySeconds * Math.Pow(2, attempts - 1));
                var giveUp = attempts >= options.MaxAttempts;
                if (giveUp || tryInRun >= options.AttemptsPerRun)
                {
                    await store.MarkDeferredAsync(d.Id, error!, time.GetUtcNow().Add(delay), giveUp, ct).ConfigureAwait(false);
                    LogDeferred(logger, d.Id, d.SubscriberId, attempts, error!);
                    errors.Add(giveUp
                        ? $"delivery {d.Id}: gave up after {attempts} attempts: {error}"
                        : $"delivery {d.Id}: {error}; it will be retried from {time.GetUtcNow().Add(delay):u}");
                    if (giveUp)
                    {
                        SalientMetrics.DigestFailed();
                        failed++;
                    }
                    else
                    {
                        SalientMetrics.DigestDeferred();
                        deferred++;
                    }
                    break;
                }
                await store.MarkDeferredAsync(d.Id, error!, time.GetUtcNow().Add(delay), false, ct).ConfigureAwait(false);
                await Task.Delay(delay, time, ct).ConfigureAwait(false);
            }
        }
        return (sent, deferred, failed, errors);
    }

    /// <summary>
    /// Handles a subscription from the site: the address gets one confirmation link at most once a day, and
    /// the answer never says whether the address was known.
    /// </summary>
    /// <remarks>
    /// A confirmed subscriber's settings are left as they are: the form cannot change someone else's digest; their own
    /// settings page (linked from every digest) can.
    /// </remarks>
    public async Task SubscribeAsync(string email, string cadence, double threshold, IReadOnlyList<SectionChoice> sectionChoices, SmtpEndpoint? endpoint, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sectionChoices);
        var existing = await store.FindAsync(DigestStore.NormaliseEmail(email), ct).ConfigureAwait(false);
        if (existing is { Status: "confirmed" })
        {
            return;
        }
        var (subscriber, _) = await store.UpsertAsync(email, cadence, threshold, confirmed: false, sectionChoices, ct).ConfigureAwait(false);
        if (endpoint is null || !await store.TryReserveConfirmationAsync(subscriber.Id, TimeSpan.FromHours(24), ct).ConfigureAwait(false))
        {
            return;
        }
        await SendConfirmationAsync(subscriber, endpoint, ct).ConfigureAwait(false);
    }

    public async Task<(SendOutcome Outcome, string? Error)> SendConfirmationAsync(Subscriber subscriber, SmtpEndpoint endpoint, CancellationToken ct)
    {
        var tokens = new DigestTokens(await store.SecretAsync(options.Secret, ct).ConfigureAwait(false), time);
        var token = tokens.Create(DigestTokens.Confirm, subscriber.Id, TimeSpan.FromHours(options.ConfirmHours));
        await using var mailer = new SmtpMailer(endpoint);
        var result = await mailer.SendAsync(new DigestComposer(options, time).Confirmation(subscriber.Email, token, options.ConfirmHours), ct).ConfigureAwait(false);
        if (result.Outcome != SendOutcome.Sent)
        {
            LogConfirmationFailed(logger, subscriber.Id, result.Error!);
        }
        return result;
    }

    public async Task<string> ConfirmationLinkAsync(long subscriberId, CancellationToken ct)
    {
        var tokens = new DigestTokens(await store.SecretAsync(options.Secret, ct).ConfigureAwait(false), time);
        return $"{options.SiteUrl.TrimEnd('/')}/confirm?token={Uri.EscapeDataString(tokens.Create(DigestTokens.Confirm, subscriberId, TimeSpan.FromHours(options.ConfirmHours)))}";
    }

    public async Task<long?> ValidateAsync(string? token, string purpose, CancellationToken ct)
    {
        var tokens = new DigestTokens(await store.SecretAsync(options.Secret, ct).ConfigureAwait(false), time);
        return tokens.Validate(token, purpose);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscriber {SubscriberId} chose section {Section}, which this site no longer knows; it is left out of their digest")]
    private static partial void LogUnknownSection(ILogger logger, long subscriberId, string section);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest delivery {DeliveryId} sent to subscriber {SubscriberId}")]
    private static partial void LogSent(ILogger logger, long deliveryId, long subscriberId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest delivery {DeliveryId} to subscriber {SubscriberId} refused for good: {Error}")]
    private static partial void LogPermanent(ILogger logger, long deliveryId, long subscriberId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest delivery {DeliveryId} to subscriber {SubscriberId} deferred after {Attempts} attempts: {Error}")]
    private static partial void LogDeferred(ILogger logger, long deliveryId, long subscriberId, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Confirmation mail to subscriber {SubscriberId} failed: {Error}")]
    private static partial void LogConfirmationFailed(ILogger logger, long subscriberId, string error);
}
