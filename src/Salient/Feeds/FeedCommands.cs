using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Salient.Cli;

namespace Salient.Feeds;

/// <summary><c>salient parse-feed PATH_OR_URL...</c>: one JSON line per input, in order.</summary>
internal sealed class FeedCommands : ICommandModule
{
    private const long MaxBytes = 10 * 1024 * 1024;

    public IEnumerable<(string? Parent, Command Command)> Commands()
    {
        yield return (null, ParseFeed());
    }

    private static Command ParseFeed()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Feed files or http(s) URLs.", Arity = ArgumentArity.OneOrMore };
        var cmd = new Command("parse-feed", "Parse feeds (RSS, Atom, JSON Feed) and write one JSON line per input: "
            + "{input, format, title, link, description, language, updated, recovered, items} or {input, error}.") { inputs };
        cmd.SetAction(async (parse, ct) =>
        {
            var list = parse.GetValue(inputs) ?? [];
            if (list.Length == 0)
            {
                throw new UsageException("parse-feed needs at least one path or URL");
            }
            var parser = new FeedParser();
            using var http = new HttpClient(new SocketsHttpHandler
            {
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                MaxAutomaticRedirections = 5,
            })
            { Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("Salient/0.1 (self-hosted news reader; feed parser)");
            var failures = 0;
            var stdout = Console.Out;
            foreach (var input in list)
            {
                string line;
                try
                {
                    var (body, contentType, url) = await LoadAsync(http, input, ct).ConfigureAwait(false);
                    var feed = parser.Parse(body, contentType, url);
                    line = JsonSerializer.Serialize(ToOutput(input, feed), CliJson.Options);
                }
                catch (Exception e) when (e is FeedParseException or IOException or HttpRequestException or UnauthorizedAccessException or TaskCanceledException or InvalidDataException)
                {
                    failures++;
                    await Console.Error.WriteLineAsync($"parse-feed: {input}: {e.Message}").ConfigureAwait(false);
                    line = JsonSerializer.Serialize(new ErrorLine(input, e.Message), CliJson.Options);
                }
                await stdout.WriteLineAsync(line).ConfigureAwait(false);
            }
            await stdout.FlushAsync(ct).ConfigureAwait(false);
            return failures == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return cmd;
    }

    private static async Task<(byte[] Body, string? ContentType, Uri? Url)> LoadAsync(HttpClient http, string input, CancellationToken ct)
    {
        if (Uri.TryCreate(input, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxBytes)
                {
                    throw new InvalidDataException("the response is larger than 10 MB");
                }
            }
            return (buffer.ToArray(), response.Content.Headers.ContentType?.ToString(), response.RequestMessage?.RequestUri ?? uri);
        }
        var info = new FileInfo(input);
        if (Directory.Exists(input))
        {
            throw new FileNotFoundException($"{input} is a folder; give a feed file or an http(s) URL");
        }
        if (!info.Exists)
        {
            throw new FileNotFoundException($"no such file: {input}");
        }
        if (info.Length > MaxBytes)
        {
            throw new InvalidDataException("the file is larger than 10 MB");
        }
        var bytes = await File.ReadAllBytesAsync(input, ct).ConfigureAwait(false);
        if (input.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            // The cap is on what comes out, not on the file: 1 MB of gzip can hold gigabytes (a gzip bomb).
            using var gz = new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
            using var plain = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await gz.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
            {
                if (plain.Length + read > MaxBytes)
                {
                    throw new InvalidDataException("the file decompresses to more than 10 MB");
                }
                plain.Write(chunk, 0, read);
            }
            bytes = plain.ToArray();
        }
        return (bytes, null, null);
    }

    internal static FeedLine ToOutput(string input, ParsedFeed feed) => new(
        input,
        feed.Format,
        feed.Title,
        feed.Link,
        feed.Description,
        feed.Language,
        Iso(feed.Updated),
        feed.Recovered,
        feed.Items.Select(i => new ItemLine(i.Id, i.Title, i.Link, Iso(i.Published), Iso(i.Updated), i.Author, i.Summary, i.Content,
            i.Categories, i.Enclosures.Select(e => new EnclosureLine(e.Url, e.Type, e.Length)).ToList())).ToList());

    internal static string? Iso(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    internal sealed record FeedLine(string Input, string Format, string? Title, string? Link, string? Description, string? Language,
        string? Updated, IReadOnlyList<string> Recovered, IReadOnlyList<ItemLine> Items);

    internal sealed record ItemLine(string? Id, string? Title, string? Link, string? Published, string? Updated, string? Author,
        string? Summary, string? Content, IReadOnlyList<string> Categories, IReadOnlyList<EnclosureLine> Enclosures);

    internal sealed record EnclosureLine(string Url, string? Type, long? Length);

    private sealed record ErrorLine(string Input, string Error);
}
