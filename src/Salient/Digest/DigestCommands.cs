using System.CommandLine;
using System.Globalization;
using Salient.Cli;
using Salient.Storage;
using Salient.Web;

namespace Salient.Digest;

/// <summary><c>salient subscribers add|list|remove</c> and <c>salient digest --dry-run|--send</c>.</summary>
internal sealed class DigestCommands : ICommandModule
{
    private static readonly Option<string?> Smtp = new("--smtp")
    {
        Description = "SMTP server as smtp[s]://user:pass@host:port (default: $SALIENT_SMTP_URL, then Digest:SmtpUrl).",
    };

    public IEnumerable<(string? Parent, Command Command)> Commands()
    {
        yield return ("subscribers", Add());
        yield return ("subscribers", List());
        yield return ("subscribers", Remove());
        yield return (null, Digest());
    }

    private static Command Add()
    {
        var email = new Argument<string>("EMAIL") { Description = "The subscriber's e-mail address." };
        // No defaults here: an option not given leaves an existing subscriber's setting as it is (a new one gets weekly and 5.5).
        var cadence = new Option<string?>("--cadence") { Description = "daily or weekly (a new subscriber: weekly; an existing one keeps theirs)." };
        cadence.AcceptOnlyFromAmong(DigestStore.Cadences);
        var threshold = new Option<string?>("--threshold") { Description = "Lowest significance score to include, 0 to 10 (a new subscriber: 5.5; an existing one keeps theirs)." };
        var confirmed = new Option<bool>("--confirmed") { Description = "Skip double opt-in: the operator vouches for this address." };
        var section = new Option<string[]>("--section")
        {
            Description = "A section to get, grouped under its heading: topic:SLUG or region:SLUG, optionally =SCORE (topic:science=4.5, region:europe). "
                + "Repeat for more; replaces the subscriber's sections. Without it they are kept.",
        };
        var global = new Option<bool>("--global") { Description = "Drop the subscriber's sections: they get the whole edition again." };
        var cmd = new Command("add", "Add a subscriber (or change one's cadence, threshold and sections). Without --confirmed a confirmation link is mailed.")
        {
            email, cadence, threshold, confirmed, section, global, Smtp,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var app = await SalientApp.OpenAsync(parse, ct).ConfigureAwait(false);
            var store = app.Get<DigestStore>();
            var sectionTexts = parse.GetValue(section) ?? [];
            if (sectionTexts.Length > 0 && parse.GetValue(global))
            {
                throw new UsageException("give either --section (only those sections) or --global (the whole edition), not both");
            }
            Subscriber subscriber;
            bool created;
            IReadOnlyList<SectionChoice>? choices = parse.GetValue(global) ? [] : null;
            Subscriber? before;
            IReadOnlyList<SectionChoice> sectionsBefore = [];
            try
            {
                // Every value is checked before anything is stored, so a mistake changes nothing.
                var minimum = ParseThreshold(parse.GetValue(threshold));
                if (sectionTexts.Length > 0)
                {
                    var sections = app.Get<DigestSections>();
                    choices = DigestSections.Distinct(sectionTexts.Select(sections.Parse));
                }
                before = await store.FindAsync(DigestStore.NormaliseEmail(parse.GetValue(email)), ct).ConfigureAwait(false);
                if (before is not null)
                {
                    sectionsBefore = await store.SectionsAsync(before.Id, ct).ConfigureAwait(false);
                }
                // The subscriber and their sections are stored in one transaction: a failure leaves both as they were.
                (subscriber, created) = await store.UpsertAsync(parse.GetValue(email)!, parse.GetValue(cadence), minimum, parse.GetValue(confirmed), choices, ct)
                    .ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }
            var stored = await store.SectionsAsync(subscriber.Id, ct).ConfigureAwait(false);
            var now = $"{subscriber.Status}, {subscriber.Cadence}, threshold {Score(subscriber.Threshold)}, {Sections(stored)}";
            if (created || before is null)
            {
                Console.WriteLine($"added {subscriber.Email}: {now}");
            }
            else
            {
                var changes = Changes(before, sectionsBefore, subscriber, stored);
                Console.WriteLine(changes.Count == 0
                    ? $"{subscriber.Email} unchanged: {now}"
                    : $"updated {subscriber.Email} ({string.Join("; ", changes)}): {now}");
            }
            if (subscriber.Status == "pending")
            {
                var service = app.Get<DigestService>();
                var url = parse.GetValue(Smtp) ?? app.Get<DigestOptions>().SmtpUrl;
                if (string.IsNullOrWhiteSpace(url))
                {
                    Console.WriteLine($"no SMTP server configured, so no confirmation mail was sent; the subscriber can confirm at {await service.ConfirmationLinkAsync(subscriber.Id, ct).ConfigureAwait(false)}");
                }
                else
                {
                    var (outcome, error) = await service.SendConfirmationAsync(subscriber, ParseSmtp(url), ct).ConfigureAwait(false);
                    Console.WriteLine(outcome == SendOutcome.Sent ? "a confirmation link was mailed" : $"the confirmation mail could not be sent: {error}");
                }
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command List()
    {
        var cmd = new Command("list", "List subscribers with their status, cadence, threshold and last digest.");
        cmd.SetAction(async (parse, ct) =>
        {
            await using var app = await SalientApp.OpenAsync(parse, ct).ConfigureAwait(false);
            var all = await app.Get<DigestStore>().ListAsync(ct).ConfigureAwait(false);
            if (all.Count == 0)
            {
                Console.WriteLine("no subscribers");
                return ExitCodes.Ok;
            }
            Console.WriteLine($"{"email",-40} {"status",-12} {"cadence",-8} {"min",4}  last digest       sections");
            var store = app.Get<DigestStore>();
            foreach (var s in all)
            {
                var last = s.LastDigestAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never";
                var sections = await store.SectionsAsync(s.Id, ct).ConfigureAwait(false);
                Console.WriteLine($"{s.Email,-40} {s.Status,-12} {s.Cadence,-8} {s.Threshold.ToString("0.0", CultureInfo.InvariantCulture),4}  {last,-16}  "
                    + $"{(sections.Count == 0 ? "all" : string.Join(' ', sections))}{(s.LastError is null ? string.Empty : "  (" + s.LastError + ")")}");
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Remove()
    {
        var email = new Argument<string>("EMAIL") { Description = "The address to remove, with everything recorded for it." };
        var cmd = new Command("remove", "Remove a subscriber.") { email };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var app = await SalientApp.OpenAsync(parse, ct).ConfigureAwait(false);
            var removed = await app.Get<DigestStore>().RemoveAsync(parse.GetValue(email)!, ct).ConfigureAwait(false);
            if (!removed)
            {
                await Console.Error.WriteLineAsync($"salient: no subscriber '{parse.GetValue(email)}'; 'salient subscribers list' shows who there is").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
            Console.WriteLine($"removed {parse.GetValue(email)}");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Digest()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what each cadence would send now; send nothing." };
        var send = new Option<bool>("--send") { Description = "Send every digest that is due now." };
        var cadence = new Option<string?>("--cadence") { Description = "Only this cadence (daily or weekly)." };
        cadence.AcceptOnlyFromAmong(DigestStore.Cadences);
        var cmd = new Command("digest", "Show or send the e-mail digest of significant stories.") { dryRun, send, cadence, Smtp };
        cmd.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(dryRun) == parse.GetValue(send))
            {
                throw new UsageException("give exactly one of --dry-run (show) or --send (send)");
            }
            await using var app = await SalientApp.OpenAsync(parse, ct).ConfigureAwait(false);
            var service = app.Get<DigestService>();
            if (parse.GetValue(dryRun))
            {
                var plans = await service.PreviewAsync(parse.GetValue(cadence), ct).ConfigureAwait(false);
                var language = app.Get<SiteOptions>().Language;
                foreach (var group in plans.GroupBy(p => p.Subscriber.Cadence).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    Console.WriteLine($"{group.Key}: {group.Count(p => p.Stories.Count > 0)} of {group.Count()} confirmed subscribers have stories due");
                    foreach (var plan in group)
                    {
                        Console.WriteLine($"  {plan.Subscriber.Email} (threshold {plan.Subscriber.Threshold.ToString("0.0", CultureInfo.InvariantCulture)}): {plan.Stories.Count} stories");
                        foreach (var g in plan.Groups)
                        {
                            if (g.Section is { } heading)
                            {
                                Console.WriteLine($"    {heading.Name}:");
                            }
                            var indent = g.Section is null ? "    " : "      ";
                            foreach (var s in g.Stories)
                            {
                                // The title the mail gives (a translation for the site's readers, if any) and its label.
                                var (title, _, original) = DigestComposer.Shown(s, language);
                                Console.WriteLine($"{indent}[{s.Score.ToString("0.0", CultureInfo.InvariantCulture)}] {title}{(s.Outlets.Count > 0 ? " — " + string.Join(", ", s.Outlets.Take(3)) : string.Empty)}");
                                if (original is not null)
                                {
                                    Console.WriteLine($"{indent}  {original}");
                                }
                            }
                        }
                    }
                }
                if (plans.Count == 0)
                {
                    Console.WriteLine("no confirmed subscribers");
                }
                return ExitCodes.Ok;
            }
            var url = parse.GetValue(Smtp) ?? app.Get<DigestOptions>().SmtpUrl;
            var report = await service.SendAsync(parse.GetValue(cadence), ParseSmtp(url), ct).ConfigureAwait(false);
            Console.WriteLine($"digest: {report.Sent} sent, {report.Deferred} deferred, {report.Failed} failed ({report.Planned} newly planned)");
            foreach (var error in report.Errors)
            {
                await Console.Error.WriteLineAsync($"salient: {error}").ConfigureAwait(false);
            }
            return report.Failed > 0 || report.Deferred > 0 ? ExitCodes.Failure : ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>The <c>--threshold</c> text as a score, null when it was not given; a usage error naming the option and the range otherwise.</summary>
    internal static double? ParseThreshold(string? text)
    {
        if (text is null)
        {
            return null;
        }
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value is < 0 or > 10)
        {
            throw new UsageException($"--threshold '{text}' is not a significance score from 0 to 10; give one such as 5.5 (nothing was changed)");
        }
        return value;
    }

    /// <summary>What re-adding changed, each as "what: before → after".</summary>
    private static List<string> Changes(Subscriber before, IReadOnlyList<SectionChoice> sectionsBefore, Subscriber after, IReadOnlyList<SectionChoice> sectionsAfter)
    {
        var changes = new List<string>();
        if (before.Status != after.Status)
        {
            changes.Add($"status {before.Status} → {after.Status}");
        }
        if (before.Cadence != after.Cadence)
        {
            changes.Add($"cadence {before.Cadence} → {after.Cadence}");
        }
        if (before.Threshold.CompareTo(after.Threshold) != 0)
        {
            changes.Add($"threshold {Score(before.Threshold)} → {Score(after.Threshold)}");
        }
        if (!sectionsBefore.Select(c => c.ToString()).SequenceEqual(sectionsAfter.Select(c => c.ToString()), StringComparer.Ordinal))
        {
            changes.Add($"{Sections(sectionsBefore)} → {Sections(sectionsAfter)}");
        }
        return changes;
    }

    private static string Score(double value) => value.ToString("0.0##", CultureInfo.InvariantCulture);

    private static string Sections(IReadOnlyList<SectionChoice> sections) => sections.Count == 0 ? "the whole edition" : "sections " + string.Join(' ', sections);

    private static SmtpEndpoint ParseSmtp(string? url)
    {
        try
        {
            return SmtpEndpoint.Parse(url);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
