using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Salient.Cli;

namespace Salient.Extraction;

/// <summary><c>salient extract</c>.</summary>
internal sealed class ExtractCommands : ICommandModule
{
    /// <summary>Pages fetched by <c>salient extract URL</c> are cut off at this size.</summary>
    private const int MaxDownloadBytes = 10 * 1024 * 1024;

    public IEnumerable<(string? Parent, Command Command)> Commands()
    {
        yield return (null, Extract());
    }

    private static Command Extract()
    {
        var inputs = new Argument<string[]>("PATH_OR_URL")
        {
            Description = "Pages to extract: .html or .html.gz files, or http(s) URLs.",
            Arity = ArgumentArity.OneOrMore,
        };
        var baseUrl = new Option<string?>("--url") { Description = "The address the files were served from, for resolving links (default: the file's own path)." };
        var timeout = new Option<double>("--timeout") { Description = "Seconds one page may take.", DefaultValueFactory = _ => 30 };
        var cmd = new Command("extract", "Extract each page's article as one JSON line: {input, title, byline, published, site_name, lang, excerpt, text, html}.")
        {
            inputs, baseUrl, timeout,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            Uri? url = null;
            if (parse.GetValue(baseUrl) is { } given && (!Uri.TryCreate(given, UriKind.Absolute, out url) || url.IsFile))
            {
                throw new UsageException($"--url '{given}' is not an absolute http(s) address");
            }
            var seconds = parse.GetValue(timeout);
            if (!(seconds > 0 && seconds <= 600))
            {
                throw new UsageException($"--timeout must be between 0 and 600 seconds, not {seconds}");
            }
            var extractor = new ArticleExtractor(new ExtractionOptions { Timeout = TimeSpan.FromSeconds(seconds) });
            using var http = CreateHttpClient();
            var failed = 0;
            var stdout = Console.Out;
            foreach (var input in parse.GetValue(inputs) ?? [])
            {
                ct.ThrowIfCancellationRequested();
                string line;
                try
                {
                    var article = await ExtractOneAsync(extractor, http, input, url, ct).ConfigureAwait(false)
                        ?? throw new ExtractionException($"{input} has no readable article content");
                    line = JsonSerializer.Serialize(ExtractLine.From(input, article), CliJson.Options);
                }
                catch (Exception e) when (e is ExtractionException or IOException or HttpRequestException or UnauthorizedAccessException
                                              or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    failed++;
                    var message = e is TaskCanceledException ? $"fetching {input} timed out" : e.Message;
                    await Console.Error.WriteLineAsync($"salient extract: {message}").ConfigureAwait(false);
                    line = JsonSerializer.Serialize(new ExtractError(input, message), CliJson.Options);
                }
                await stdout.WriteLineAsync(line).ConfigureAwait(false);
            }
            await stdout.FlushAsync(ct).ConfigureAwait(false);
            return failed == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return cmd;
    }

    private static async Task<ExtractedArticle?> ExtractOneAsync(ArticleExtractor extractor, HttpClient http, string input, Uri? baseUrl, CancellationToken ct)
    {
        if (Uri.TryCreate(input, UriKind.Absolute, out var remote) && (remote.Scheme == Uri.UriSchemeHttp || remote.Scheme == Uri.UriSchemeHttps))
        {
            using var response = await http.GetAsync(remote, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new ExtractionException($"fetching {remote} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            var body = await ReadCappedAsync(response.Content, ct).ConfigureAwait(false);
            var contentType = response.Content.Headers.ContentType?.ToString();
            return await extractor.ExtractAsync(body, contentType, baseUrl ?? response.RequestMessage?.RequestUri ?? remote, ct).ConfigureAwait(false);
        }
        if (Directory.Exists(input))
        {
            throw new ExtractionException($"{input} is a folder (give a .html or .html.gz file, or an http(s) URL)");
        }
        if (!File.Exists(input))
        {
            throw new ExtractionException($"{input}: no such file (give a .html or .html.gz file, or an http(s) URL)");
        }
        var bytes = await File.ReadAllBytesAsync(input, ct).ConfigureAwait(false);
        return await extractor.ExtractAsync(bytes, null, baseUrl ?? new Uri(Path.GetFullPath(input)), ct).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadCappedAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxDownloadBytes)
            {
                buffer.Write(chunk, 0, (int)(MaxDownloadBytes - buffer.Length));
                break;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static HttpClient CreateHttpClient()
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            MaxAutomaticRedirections = 5,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.UserAgent.ParseAdd($"Salient/{typeof(ExtractCommands).Assembly.GetName().Version?.ToString(3) ?? "0"} (self-hosted news reader)");
        return http;
    }

    /// <summary>One line of <c>salient extract</c>'s output.</summary>
    private sealed record ExtractLine(string Input, string? Title, string? Byline, string? Published, string? SiteName, string? Lang, string? Excerpt,
        string Text, string Html)
    {
        public static ExtractLine From(string input, ExtractedArticle a) => new(input, a.Title, a.Byline,
            a.Published?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), a.SiteName, a.Language, a.Excerpt, a.Text, a.Html);
    }

    /// <summary>The line written for an input that failed.</summary>
    private sealed record ExtractError(string Input, string Error);
}
