using System.CommandLine;
using System.Globalization;
using Salient.Cli;
using Salient.Storage;

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
        var cadence = new Option<string>("--cadence") { Description = "daily or weekly.", DefaultValueFactory = _ => "weekly" };
        cadence.AcceptOnlyFromAmong(DigestStore.Cadences);
        var threshold = new Option<double>("--threshold") { Description = "Lowest significance score to include (0–10).", DefaultValueFactory = _ => 5.5 };
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
            try
            {
                // Every section is checked before anything is stored, so a mistake changes nothing.
                if (sectionTexts.Length > 0)
                {
                    var sections = app.Get<DigestSections>();
                    choices = DigestSections.Distinct(sectionTexts.Select(sections.Parse));
                }
                DigestStore.NormaliseEmail(parse.GetValue(email));
                DigestStore.ValidateCadenceAndThreshold(parse.GetValue(cadence)!, parse.GetValue(threshold));
                (subscriber, created) = await store.UpsertAsync(parse.GetValue(email)!, parse.GetValue(cadence)!, parse.GetValue(threshold), parse.GetValue(confirmed), ct).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }
            if (choices is not null)
            {
                await store.SetSectionsAsync(subscriber.Id, choices, ct).ConfigureAwait(false);
            }
            var stored = await store.SectionsAsync(subscriber.Id, ct).ConfigureAwait(false);
            Console.WriteLine($"{(created ? "added" : "updated")} {subscriber.Email}: {subscriber.Status}, {subscriber.Cadence}, threshold {subscriber.Threshold.ToString("0.0", CultureInfo.InvariantCulture)}, "
                + (stored.Count == 0 ? "the whole edition" : "sections " + string.Join(' ', stored)));
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
                            foreach (var s in g.Stories)
                            {
                                Console.WriteLine($"    {(g.Section is null ? "" : "  ")}[{s.Score.ToString("0.0", CultureInfo.InvariantCulture)}] {s.Title}{(s.Outlets.Count > 0 ? " — " + string.Join(", ", s.Outlets.Take(3)) : string.Empty)}");
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
