using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Salient.Cli;
using Salient.Polling;
using Salient.Storage;

namespace Salient.Sources;

/// <summary><c>salient sources add|list|remove|import|export</c>.</summary>
internal sealed class SourceCommands : ICommandModule
{
    public IEnumerable<(string? Parent, Command Command)> Commands()
    {
        yield return ("sources", Add());
        yield return ("sources", List());
        yield return ("sources", Remove());
        yield return ("sources", Import());
        yield return ("sources", Export());
    }

    private static Command Add()
    {
        var url = new Argument<string>("URL") { Description = "The feed's address (RSS, Atom or JSON Feed)." };
        var name = new Option<string?>("--name") { Description = "The outlet's name (default: the feed's host)." };
        var country = new Option<string?>("--country") { Description = "ISO 3166 country code of the outlet, e.g. GB." };
        var language = new Option<string?>("--language") { Description = "ISO 639-1 language code of the feed, e.g. en." };
        // No default here: on a feed already polled, an option not given leaves its value as it is (a new feed gets tier 2).
        var tier = new Option<string?>("--tier") { Description = "Credibility tier: 1 (wire services, papers of record) to 3 (a new feed: 2)." };
        var category = new Option<string?>("--category") { Description = "Desk or topic, e.g. world, science, business." };
        var cmd = new Command("add", "Add a feed to poll, or change what is recorded about one already polled (only the options given).")
        {
            url, name, country, language, tier, category,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var feed = ParseFeedUrl(parse.GetValue(url)!);
            var given = new SourceDetails(
                Given(parse.GetValue(name)),
                ParseCode(parse.GetValue(country), "--country", 2, 2, "a two-letter ISO 3166 country code such as GB")?.ToUpperInvariant(),
                ParseCode(parse.GetValue(language), "--language", 2, 3, "an ISO 639 language code such as en")?.ToLowerInvariant(),
                ParseTier(parse.GetValue(tier)),
                Given(parse.GetValue(category)));
            await using var app = await SalientApp.OpenAsync(parse, ct).ConfigureAwait(false);
            var store = app.Get<SourceStore>();
            await app.Get<SourceSeeder>().MarkUserListAsync(ct).ConfigureAwait(false);
            var (added, _) = await store.AddAsync([new NewSource(feed, given.Name, null, given.Country, given.Language, given.Tier ?? 2, given.Category)],
                byUser: true, app.Get<PollingOptions>().IntervalMinutes * 60, ct).ConfigureAwait(false);
            var source = (await store.FindByUrlAsync(feed, ct).ConfigureAwait(false))!;
            if (added > 0)
            {
                Console.WriteLine($"added source {source.Id}: {source.Name} <{source.Url}>");
                return ExitCodes.Ok;
            }
            var changes = Changes(source, given);
            if (changes.Count == 0)
            {
                Console.WriteLine($"source {source.Id} already polls <{source.Url}>; nothing changed");
                return ExitCodes.Ok;
            }
            await store.UpdateDetailsAsync(source.Id, given.Name ?? source.Name, given.Country ?? source.Country, given.Language ?? source.Language,
                given.Tier ?? source.Tier, given.Category ?? source.Category, ct).ConfigureAwait(false);
            Console.WriteLine($"updated source {source.Id} ({string.Join("; ", changes)}): {given.Name ?? source.Name} <{source.Url}>");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>What <c>sources add</c> was told about a feed; null is "not given".</summary>
    private sealed record SourceDetails(string? Name, string? Country, string? Language, int? Tier, string? Category);

    /// <summary>The given values that differ from what is stored, each as "what: before → after".</summary>
    private static List<string> Changes(Source s, SourceDetails given)
    {
        var changes = new List<string>();
        void Compare(string what, string? before, string? after)
        {
            if (after is not null && !string.Equals(before, after, StringComparison.Ordinal))
            {
                changes.Add($"{what} {before ?? "none"} → {after}");
            }
        }
        Compare("name", s.Name, given.Name);
        Compare("country", s.Country, given.Country);
        Compare("language", s.Language, given.Language);
        Compare("tier", s.Tier.ToString(CultureInfo.InvariantCulture), given.Tier?.ToString(CultureInfo.InvariantCulture));
        Compare("category", s.Category, given.Category);
        return changes;
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static int? ParseTier(string? text)
    {
        if (text is null)
        {
            return null;
        }
        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t is >= 1 and <= 3
            ? t
            : throw new UsageException($"--tier must be 1, 2 or 3, not '{text}' (nothing was changed)");
    }

    private static string? ParseCode(string? text, string option, int min, int max, string expected)
    {
        if (text is null)
        {
            return null;
        }
        var code = text.Trim();
        return code.Length >= min && code.Length <= max && code.All(char.IsAsciiLetter)
            ? code
            : throw new UsageException($"{option} '{text}' is not {expected} (nothing was changed)");
    }

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON Lines, one source per line." };
        var cmd = new Command("list", "List sources with their last poll, status, last error and items seen.") { json };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var app = await SalientApp.OpenAsync(parse, ct).ConfigureAwait(false);
            var sources = await app.Get<SourceStore>().ListAsync(ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                foreach (var s in sources)
                {
                    Console.WriteLine(JsonSerializer.Serialize(new
                    {
                        id = s.Id, name = s.Name, url = s.Url, country = s.Country, language = s.Language, tier = s.Tier, category = s.Category,
                        enabled = s.Enabled, last_poll = Iso(s.LastPolledAt), next_poll = Iso(s.NextPollAt), status = s.LastStatus ?? "new",
                        last_error = s.LastError, failures = s.ConsecutiveFailures, items_seen = s.ItemsSeen,
                    }, CliJson.Options));
                }
                return ExitCodes.Ok;
            }
            if (sources.Count == 0)
            {
                Console.WriteLine("no sources; add one with 'salient sources add URL' or 'salient sources import FILE.opml'");
                return ExitCodes.Ok;
            }
            Console.WriteLine($"{"id",5}  {"status",-12} {"last poll",-17} {"items",6}  name / feed / last error");
            foreach (var s in sources)
            {
                var status = s.LastStatus ?? "new";
                var lastPoll = s.LastPolledAt?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never";
                Console.WriteLine($"{s.Id,5}  {status,-12} {lastPoll,-17} {s.ItemsSeen,6}  {s.Name} <{s.Url}>");
                if (s.LastError is not null)
                {
                    Console.WriteLine($"{"",43}error ({s.ConsecutiveFailures}x): {s.LastError}");
                }
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Remove()
    {
        var target = new Argument<string>("ID_OR_URL") { Description = "The source's id (see 'sources list') or its feed URL." };
        var cmd = new Command("remove", "Stop polling a source (its articles stay; the default list never brings it back).") { target };
        cmd.SetAction(async (parse, ct) =>
        {
            await using var app = await SalientApp.OpenAsync(parse, ct).ConfigureAwait(false);
            var store = app.Get<SourceStore>();
            var value = parse.GetValue(target)!.Trim();
            var source = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? await store.GetAsync(id, ct).ConfigureAwait(false)
                : await store.FindByUrlAsync(value, ct).ConfigureAwait(false)
                  ?? (Uri.TryCreate(value, UriKind.Absolute, out var u) ? await store.FindByUrlAsync(u.AbsoluteUri, ct).ConfigureAwait(false) : null);
            if (source is null || !await store.RemoveAsync(source.Id, ct).ConfigureAwait(false))
            {
                await Console.Error.WriteLineAsync($"salient: no source '{value}'; see 'salient sources list'").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
            await app.Get<SourceSeeder>().MarkUserListAsync(ct).ConfigureAwait(false);
            Console.WriteLine($"removed source {source.Id}: {source.Name} <{source.Url}>");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Import()
    {
        var file = new Argument<string>("FILE") { Description = "An OPML file (folders become categories)." };
        var cmd = new Command("import", "Add every feed an OPML file lists (feeds already present are kept as they are).") { file };
        cmd.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new UsageException($"OPML file '{path}' does not exist");
            }
            // Read and check the whole file before touching the store: a broken file imports nothing.
            var doc = Opml.Read(path);
            foreach (var problem in doc.Problems)
            {
                await Console.Error.WriteLineAsync($"salient: {path}: {problem}").ConfigureAwait(false);
            }
            await using var app = await SalientApp.OpenAsync(parse, ct).ConfigureAwait(false);
            await app.Get<SourceSeeder>().MarkUserListAsync(ct).ConfigureAwait(false);
            var (added, skipped) = await app.Get<SourceStore>().AddAsync(doc.Sources, byUser: true, app.Get<PollingOptions>().IntervalMinutes * 60, ct).ConfigureAwait(false);
            Console.WriteLine($"imported {path}: {added} sources added, {skipped} already present");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Export()
    {
        var cmd = new Command("export", "Write every source as OPML 2.0 to standard output.");
        cmd.SetAction(async (parse, ct) =>
        {
            await using var app = await SalientApp.OpenAsync(parse, ct).ConfigureAwait(false);
            var sources = await app.Get<SourceStore>().ListAsync(ct).ConfigureAwait(false);
            Console.Out.Write(Opml.Write(sources, app.Get<TimeProvider>().GetUtcNow()));
            Console.Out.WriteLine();
            return ExitCodes.Ok;
        });
        return cmd;
    }

    internal static string ParseFeedUrl(string value)
    {
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"'{value}' is not an absolute http(s) URL; give the feed's full address, e.g. https://example.com/feed.xml");
        }
        if (SourceStore.UrlTooLong(uri.AbsoluteUri) is { } tooLong)
        {
            throw new UsageException(tooLong);
        }
        return uri.AbsoluteUri;
    }

    private static string? Iso(DateTimeOffset? t) => t is { } v && v > DateTimeOffset.UnixEpoch
        ? v.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)
        : null;
}
