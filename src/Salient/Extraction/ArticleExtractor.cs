using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Salient.Text;

namespace Salient.Extraction;

/// <summary>Extracts the main text of an article page.</summary>
/// <remarks>
/// The order of work, and why:
/// <list type="number">
/// <item>decode the bytes (<see cref="Charset"/>) and refuse what is not HTML;</item>
/// <item>let SmartReader (a port of Firefox's Readability) parse the page; before it scores the page,
/// read what the page declares about itself (<see cref="PageFacts"/>: JSON-LD, meta dates, language) and
/// remove page furniture that Readability is known to keep (share bars, newsletter boxes, ad slots);</item>
/// <item>write the text ourselves from the chosen element (<see cref="ArticleText"/>), because Readability's
/// own text glues adjacent blocks together and keeps captions and "Advertisement" lines;</item>
/// <item>when the page's JSON-LD carries an <c>articleBody</c> much longer than what Readability found, the
/// page has told us its text and Readability missed part of it: use the page's;</item>
/// <item>sanitise the HTML and decide the language from the text (<see cref="LanguageIdentifier"/>).</item>
/// </list>
/// Each page runs on a thread of its own with a large stack (deeply nested pages) under a deadline of
/// <see cref="ExtractionOptions.Timeout"/>. The deadline is a cancellation token that the work itself obeys: AngleSharp's
/// parser loop and SmartReader's scoring loop check it, and so do our own walks, so a page past its deadline stops
/// consuming CPU within moments. The caller's task ends only when the thread has, so an extraction that overran still
/// counts against the extract stage's concurrency until it has really stopped.
/// </remarks>
internal sealed partial class ArticleExtractor
{
    /// <summary>Stack for the extraction thread: Readability recurses over the DOM, and hostile pages nest deeply.</summary>
    private const int StackBytes = 256 * 1024 * 1024;

    /// <summary>A JSON-LD body replaces Readability's text when Readability found less than this share of its words.</summary>
    internal const double JsonLdTakeoverRatio = 0.6;

    /// <summary>JSON-LD bodies shorter than this many words are teasers, not the article.</summary>
    internal const int JsonLdMinWords = 50;

    /// <summary>
    /// The parser's configuration: AngleSharp.Css, so that Readability can read an element's inline style (it drops elements
    /// styled <c>display:none</c>), without the two parts of it that cost as much as parsing the page and that nothing
    /// here reads: style sheets built from the page's &lt;style&gt; elements, and the observer that parses every style
    /// attribute as the parser sets it. An inline style is then parsed when Readability asks for it. Built once: a
    /// configuration is immutable.
    /// </summary>
    private static readonly AngleSharp.IConfiguration ParseConfiguration = ParserConfiguration();

    internal static AngleSharp.IConfiguration ParserConfiguration()
    {
        var css = Configuration.Default.WithCss();
        var cssAssembly = typeof(AngleSharp.Css.CssStylingService).Assembly;
        return css
            .Without<AngleSharp.Css.CssStylingService>()
            .Without(css.Services.Where(s => s is AngleSharp.Dom.IAttributeObserver && s.GetType().Assembly == cssAssembly));
    }

    private readonly ExtractionOptions _options;
    private readonly TimeProvider _time;

    public ArticleExtractor()
        : this(new ExtractionOptions())
    {
    }

    /// <param name="options">Limits and deadlines of one page.</param>
    /// <param name="time">The clock a page's declared publication time is checked against (the system's when not given).</param>
    public ArticleExtractor(ExtractionOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    public ExtractionOptions Options => _options;

    /// <summary>Returns the readable content of <paramref name="html"/>, or null when the page has none.</summary>
    /// <exception cref="ExtractionException">The page could not be extracted in time, or is too large.</exception>
    public ExtractedArticle? Extract(string html, Uri url)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(url);
        return WithLanguage(RunGuarded(token => ExtractCore(html, url, token), url, CancellationToken.None).GetAwaiter().GetResult());
    }

    /// <summary>Decodes the bytes of a served page and returns its readable content, or null when it has none.</summary>
    /// <param name="body">The page as served (a gzip-compressed body is accepted as well).</param>
    /// <param name="contentType">The HTTP Content-Type, when known: its media type must be HTML, its charset counts.</param>
    /// <param name="url">The page's address, for resolving links.</param>
    /// <exception cref="ExtractionException">The body is not HTML, or could not be extracted in time.</exception>
    public ExtractedArticle? Extract(byte[] body, string? contentType, Uri url)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(url);
        return Extract(DecodePage(body, contentType, url), url);
    }

    /// <summary>As <see cref="Extract(byte[], string?, Uri)"/>, without blocking the caller's thread.</summary>
    public async Task<ExtractedArticle?> ExtractAsync(byte[] body, string? contentType, Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(url);
        var html = DecodePage(body, contentType, url);
        return WithLanguage(await RunGuarded(token => ExtractCore(html, url, token), url, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Decides the language from the text. It runs outside the guarded thread: its cost is bounded by the sample
    /// size, and loading the detector's models the first time must not count against one page's timeout.
    /// </summary>
    private static ExtractedArticle? WithLanguage(ExtractedArticle? article) =>
        article is null ? null : article with { Language = LanguageIdentifier.Shared.Choose(article.Language, article.Text) };

    /// <summary>Checks that <paramref name="body"/> is HTML and decodes it.</summary>
    internal static string DecodePage(byte[] body, string? contentType, Uri url)
    {
        if (body.Length >= 2 && body[0] == 0x1F && body[1] == 0x8B)
        {
            body = Gunzip(body, url);
        }
        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(mediaType) && !IsHtmlMediaType(mediaType))
        {
            throw new ExtractionException($"{url} is not an HTML page: it was served as {mediaType}");
        }
        if (LooksBinary(body))
        {
            throw new ExtractionException($"{url} is not an HTML page: its body is binary data");
        }
        var html = Charset.Decode(body, contentType);
        // NUL is no character of any text, and PostgreSQL refuses it in one.
        return html.Contains('\0', StringComparison.Ordinal) ? html.Replace("\0", "", StringComparison.Ordinal) : html;
    }

    private static bool IsHtmlMediaType(string mediaType) => mediaType is "text/html" or "application/xhtml+xml" or "text/plain" or "application/xml"
        or "text/xml" or "application/octet-stream" or "binary/octet-stream" or "application/x-httpd-php" or "text/htm";

    private static bool LooksBinary(byte[] body)
    {
        if (body.Length >= 5 && body[0] == (byte)'%' && body[1] == (byte)'P' && body[2] == (byte)'D' && body[3] == (byte)'F' && body[4] == (byte)'-')
        {
            return true;
        }
        // UTF-16 text is full of zero bytes; it announces itself with a byte order mark.
        if (body.Length >= 2 && ((body[0] == 0xFF && body[1] == 0xFE) || (body[0] == 0xFE && body[1] == 0xFF)))
        {
            return false;
        }
        var head = body.AsSpan(0, Math.Min(body.Length, 1024));
        if (!head.Contains((byte)0))
        {
            return false;
        }
        // Images, archives and documents are full of control bytes; a page with a stray NUL in its markup (a template's
        // bug) is still a page: over one byte in twenty is binary.
        var controls = 0;
        foreach (var b in head)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\f' or (byte)'\r'))
            {
                controls++;
            }
        }
        return controls * 20 > head.Length;
    }

    private static byte[] Gunzip(byte[] body, Uri url)
    {
        try
        {
            using var input = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > 64L * 1024 * 1024)
                {
                    throw new ExtractionException($"{url} is not an HTML page: it decompresses to more than 64 MB");
                }
                output.Write(buffer, 0, read);
            }
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new ExtractionException($"{url} is not an HTML page: it looks gzip-compressed but does not decompress ({e.Message})", e);
        }
    }

    /// <summary>Extraction threads running now (one that overran its deadline counts until it has stopped).</summary>
    public int Running => Volatile.Read(ref _running);

    private int _running;

    /// <summary>
    /// Runs <paramref name="work"/> on a thread of its own under the deadline; the task ends when the thread does, and fails
    /// with a clear error when the deadline stopped it.
    /// </summary>
    private Task<ExtractedArticle?> RunGuarded(Func<CancellationToken, ExtractedArticle?> work, Uri url, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<ExtractedArticle?>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The clock starts before the work does: a caller descheduled between the two must not extend the budget.
        var timeout = _options.Timeout;
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var token = deadline.Token;
        var thread = new Thread(() =>
        {
            try
            {
                done.TrySetResult(work(token));
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                done.TrySetException(cancellationToken.IsCancellationRequested
                    ? new OperationCanceledException(cancellationToken)
                    : new ExtractionException(
                        $"extracting {url} took longer than {timeout.TotalSeconds:0.#} s and was stopped; the page is too large or too convoluted (raise Extraction:Timeout to allow more)"));
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
                deadline.Dispose();
            }
        }, StackBytes)
        {
            IsBackground = true,
            Name = "salient-extract",
        };
        Interlocked.Increment(ref _running);
        thread.Start();
        return done.Task;
    }

    /// <summary>The extraction itself, on the caller's thread and without a timeout; the language is the declared one.</summary>
    internal ExtractedArticle? ExtractCore(string html, Uri url, CancellationToken ct = default)
    {
        if (html.Length > _options.MaxHtmlChars)
        {
            html = html[.._options.MaxHtmlChars];
        }
        if (string.IsNullOrWhiteSpace(html))
        {
            return null;
        }
        if (_options.MaxElements > 0 && CountTags(html) > _options.MaxElements)
        {
            throw new ExtractionException($"{url} has more than {_options.MaxElements} elements and was not extracted (raise Extraction:MaxElements to allow more)");
        }
        var facts = PageFacts.Empty;
        // The instant the page is read: a publication time more than two days after it is a placeholder.
        var now = _time.GetUtcNow();
        IElement? content = null;
        // Parsed here rather than by SmartReader, so the parser's loop obeys the deadline (a 100,000-deep page takes minutes).
        var parser = new HtmlParser(new HtmlParserOptions(), BrowsingContext.New(ParseConfiguration));
        using var document = parser.ParseDocumentAsync(html, ct).GetAwaiter().GetResult();
        var reader = new SmartReader.Reader(url.ToString(), document)
        {
            KeepClasses = true,
            MaxElemsToParse = _options.MaxElements,
        };
        reader.AddCustomOperationStart(root =>
        {
            facts = PageFacts.Read(root, now);
            PageCleaner.RemoveHidden(root, ct);
            PageCleaner.RemoveCommentThreads(root, ct);
        });
        reader.AddCustomOperationEnd(element =>
        {
            PageCleaner.Clean(element, ct);
            content = element;
        });
        SmartReader.Article article;
        try
        {
            // SmartReader stops at the deadline and returns what it has; the check after it turns that into a timeout.
            article = reader.GetArticleAsync(ct).GetAwaiter().GetResult();
            ct.ThrowIfCancellationRequested();
        }
        catch (Exception e) when (e is not (OutOfMemoryException or ExtractionException or OperationCanceledException))
        {
            throw new ExtractionException(e.Message.StartsWith("Aborting parsing document", StringComparison.Ordinal)
                ? $"{url} has more than {_options.MaxElements} elements and was not extracted (raise Extraction:MaxElements to allow more)"
                : $"could not extract {url}: {e.Message}", e);
        }

        var text = content is null ? string.Empty : ArticleText.Write(content, ct: ct);
        var contentHtml = content is null ? string.Empty : article.Content ?? string.Empty;
        ct.ThrowIfCancellationRequested();
        if (facts.ArticleBody is { } ldBody && LdBodyText(ldBody, ct) is { } ldText)
        {
            var ldWords = TextStats.CountWords(ldText);
            if (ldWords >= JsonLdMinWords && TextStats.CountWords(text) < JsonLdTakeoverRatio * ldWords)
            {
                text = ldText;
                contentHtml = ParagraphsHtml(ldText);
            }
        }
        if (text.Length == 0)
        {
            return null;
        }

        var language = facts.DeclaredLanguage ?? PageFacts.NormaliseLanguage(article.Language);
        // The reader view's own guess at the date answers to the same check as the page's declared one.
        var published = facts.Published ?? (article.PublicationDate is { } d && d.Year >= 1990
            && new DateTimeOffset(DateTime.SpecifyKind(d, d.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : d.Kind)).ToUniversalTime() is var guessed
            && PageFacts.Plausible(guessed, now)
                ? guessed
                : (DateTimeOffset?)null);
        return new ExtractedArticle(
            Clean(article.Title),
            Clean(article.Byline) ?? Clean(article.Author) ?? Clean(facts.Author),
            published,
            Clean(article.SiteName) ?? Clean(facts.SiteName),
            language,
            Clean(article.Excerpt),
            text,
            SafeHtml.Clean(contentHtml, url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) ? url : null, SafeHtmlUse.Republished))
        {
            Paywalled = facts.NotFree || PaywallNotice().IsMatch(text.Length > 600 ? text[^600..] : text),
        };
    }

    /// <summary>Counts start tags ("&lt;" followed by a letter): an upper bound of the elements a parser would build.</summary>
    private static int CountTags(string html)
    {
        var count = 0;
        for (var i = html.IndexOf('<', StringComparison.Ordinal); i >= 0 && i < html.Length - 1; i = html.IndexOf('<', i + 1))
        {
            if (char.IsAsciiLetter(html[i + 1]))
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>The text of a JSON-LD articleBody, which some sites fill with HTML and others with plain text.</summary>
    private static string? LdBodyText(string body, CancellationToken ct)
    {
        body = body.Trim();
        if (body.Length == 0)
        {
            return null;
        }
        if (body.Contains('<', StringComparison.Ordinal) && body.Contains('>', StringComparison.Ordinal))
        {
            var parser = new HtmlParser();
            using var doc = parser.ParseDocumentAsync($"<body>{body}</body>", ct).GetAwaiter().GetResult();
            return doc.Body is null ? null : ArticleText.Write(doc.Body, ct: ct);
        }
        var decoded = System.Net.WebUtility.HtmlDecode(body).Replace("\r\n", "\n", StringComparison.Ordinal);
        var paragraphs = decoded.Split('\n').Select(l => Whitespace().Replace(l, " ").Trim()).Where(l => l.Length > 0);
        return ArticleText.RemoveBoilerplate(string.Join("\n\n", paragraphs));
    }

    private static string ParagraphsHtml(string text)
    {
        var html = new StringBuilder();
        foreach (var paragraph in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            html.Append("<p>").Append(System.Net.WebUtility.HtmlEncode(paragraph).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>\n");
        }
        return html.ToString();
    }

    private static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return Whitespace().Replace(value, " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"subscribe (now )?to (continue|keep) reading|to continue reading,? (please )?(subscribe|log ?in|sign ?in|register)|already (a subscriber|have an account)\?|this (article|story|content) is (only )?(available )?(exclusively )?(for|to) (subscribers|members)|you have reached (your|the) (limit|maximum)|subscribers only|create a free account to (continue|read)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PaywallNotice();
}

/// <summary>A page could not be extracted: it is not HTML, too large, or took too long. The message names the page.</summary>
internal sealed class ExtractionException : SalientException
{
    public ExtractionException(string message) : base(message) { }
    public ExtractionException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>Word counts on extracted text, the same way everywhere (runs of letters and digits).</summary>
internal static class TextStats
{
    public static int CountWords(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var isWord = char.IsLetterOrDigit(c);
            if (isWord && !inWord)
            {
                count++;
            }
            inWord = isWord;
        }
        return count;
    }
}
