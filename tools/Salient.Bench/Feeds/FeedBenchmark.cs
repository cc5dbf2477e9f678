using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Salient.Cli;
using Salient.Feeds;

namespace Salient.Bench.Feeds;

/// <summary>
/// Measures feed parsing throughput: our <see cref="FeedParser"/> next to CodeHollow.FeedReader used plainly, on the
/// same bodies in the same run. <c>salient bench feeds [DIR]</c> uses the files in DIR, or a generated corpus.
/// </summary>
internal static class FeedBenchmark
{
    /// <summary>The <c>bench</c> subcommand.</summary>
    public static Command Command()
    {
        var dir = new Argument<string?>("dir") { Description = "Folder of feed files (default: a generated corpus of news feeds).", Arity = ArgumentArity.ZeroOrOne };
        var seconds = new Option<double>("--seconds") { Description = "Minimum time per parser.", DefaultValueFactory = _ => 5 };
        var cmd = new Command("feeds", "Feeds parsed per second by Salient's parser and by CodeHollow.FeedReader used plainly.") { dir, seconds };
        cmd.SetAction(parse =>
        {
            var folder = parse.GetValue(dir);
            IReadOnlyList<byte[]> bodies;
            if (folder is null)
            {
                bodies = GenerateCorpus(400, seed: 7);
            }
            else if (Directory.Exists(folder))
            {
                bodies = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
            }
            else
            {
                throw new UsageException($"no such folder: {folder}");
            }
            var result = Measure(bodies, TimeSpan.FromSeconds(Math.Max(0.5, parse.GetValue(seconds))));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"feeds: {bodies.Count}, {bodies.Sum(b => (long)b.Length) / 1024} KiB, {result.Items} items per pass"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"salient     {result.SalientPerSecond,10:F1} feeds/s  ({result.SalientFailures} not parsed)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"codehollow  {result.CodeHollowPerSecond,10:F1} feeds/s  ({result.CodeHollowFailures} not parsed)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio       {result.SalientPerSecond / Math.Max(0.001, result.CodeHollowPerSecond),10:F2}"));
            return ExitCodes.Ok;
        });
        return cmd;
    }

    internal sealed record Result(double SalientPerSecond, int SalientFailures, double CodeHollowPerSecond, int CodeHollowFailures, int Items);

    /// <summary>Parses every body repeatedly for at least <paramref name="minimum"/> with each parser, single-threaded.</summary>
    public static Result Measure(IReadOnlyList<byte[]> bodies, TimeSpan minimum)
    {
        var parser = new FeedParser();
        var items = 0;
        var salientFailures = 0;
        foreach (var body in bodies)
        {
            try
            {
                items += parser.Parse(body, null, null).Items.Count;
            }
            catch (FeedParseException)
            {
                salientFailures++;
            }
        }
        var ours = Rate(bodies, minimum, body => parser.Parse(body, null, null));
        var codeHollowFailures = 0;
        foreach (var body in bodies)
        {
            try
            {
                CodeHollow.FeedReader.FeedReader.ReadFromByteArray(body);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                codeHollowFailures++;
            }
        }
        var theirs = Rate(bodies, minimum, body => CodeHollow.FeedReader.FeedReader.ReadFromByteArray(body));
        return new Result(ours, salientFailures, theirs, codeHollowFailures, items);
    }

    private static double Rate(IReadOnlyList<byte[]> bodies, TimeSpan minimum, Func<byte[], object> parse)
    {
        var watch = Stopwatch.StartNew();
        long count = 0;
        while (watch.Elapsed < minimum || count < bodies.Count)
        {
            foreach (var body in bodies)
            {
                try
                {
                    parse(body);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // failures count as parsed: the work was done
                }
                count++;
            }
        }
        return count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>A corpus of news-like feeds: RSS 2.0, RSS 1.0 and Atom, 20–60 items each, a tenth of them broken.</summary>
    public static IReadOnlyList<byte[]> GenerateCorpus(int count, int seed)
    {
        var random = new Random(seed);
        string[] words = ["minister", "election", "storm", "markets", "court", "health", "climate", "talks", "report", "vaccine", "border",
            "budget", "strike", "launch", "summit", "inflation", "energy", "school", "police", "trade"];
        string Sentence(int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => words[random.Next(words.Length)]));
        var list = new List<byte[]>(count);
        for (var f = 0; f < count; f++)
        {
            var sb = new StringBuilder();
            var kind = f % 3;
            var n = random.Next(20, 61);
            var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(500_000));
            if (kind == 2)
            {
                sb.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">");
                sb.Append(CultureInfo.InvariantCulture, $"<title>Outlet {f} &amp; Co</title><link href=\"https://outlet{f}.test/\"/><updated>{start:yyyy-MM-ddTHH:mm:ssZ}</updated>");
                for (var i = 0; i < n; i++)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"<entry><id>tag:outlet{f}.test,2024:{i}</id><title type=\"html\">{Sentence(8)} &amp;amp; more</title>");
                    sb.Append(CultureInfo.InvariantCulture, $"<link rel=\"alternate\" href=\"/news/{i}\"/><published>{start.AddMinutes(-i * 7):yyyy-MM-ddTHH:mm:sszzz}</published><updated>{start.AddMinutes(-i * 5):yyyy-MM-ddTHH:mm:ssZ}</updated>");
                    sb.Append(CultureInfo.InvariantCulture, $"<author><name>Reporter {i % 7}</name></author><category term=\"{words[i % words.Length]}\"/>");
                    sb.Append(CultureInfo.InvariantCulture, $"<summary type=\"html\">&lt;p&gt;{Sentence(40)}&lt;/p&gt;&lt;img src=\"/img/{i}.jpg\" onload=\"x()\"&gt;</summary></entry>");
                }
                sb.Append("</feed>");
            }
            else
            {
                var rdf = kind == 1;
                sb.Append(rdf
                    ? "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                    : "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">");
                sb.Append(CultureInfo.InvariantCulture, $"<channel><title>Outlet {f}</title><link>https://outlet{f}.test/</link><description>News from outlet {f}</description><language>en-gb</language>");
                sb.Append(CultureInfo.InvariantCulture, $"<lastBuildDate>{start.ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture)} GMT</lastBuildDate>");
                if (rdf)
                {
                    sb.Append("</channel>");
                }
                for (var i = 0; i < n; i++)
                {
                    var broken = f % 10 == 9 && i == 3;
                    sb.Append(CultureInfo.InvariantCulture, $"<item><title>{Sentence(9)}{(broken ? " &eacute;t&eacute; Q&A" : "")}</title><link>https://outlet{f}.test/news/{i}?utm_source=rss&amp;x=1</link>");
                    sb.Append(CultureInfo.InvariantCulture, $"<guid isPermaLink=\"false\">outlet{f}-{i}</guid>");
                    sb.Append(CultureInfo.InvariantCulture, $"<pubDate>{start.AddMinutes(-i * 9).ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture)} {(i % 2 == 0 ? "+0000" : "EST")}</pubDate>");
                    sb.Append(CultureInfo.InvariantCulture, $"<dc:creator>Reporter {i % 5}</dc:creator><category>{words[i % words.Length]}</category>");
                    sb.Append(CultureInfo.InvariantCulture, $"<description><![CDATA[<p>{Sentence(35)}</p><p><a href=\"/more/{i}\">More</a> <script>track()</script></p>]]></description>");
                    if (!rdf && i % 4 == 0)
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"<enclosure url=\"https://cdn.outlet{f}.test/{i}.jpg\" type=\"image/jpeg\" length=\"{1000 + i}\"/>");
                    }
                    sb.Append("</item>");
                }
                sb.Append(rdf ? "</rdf:RDF>" : "</channel></rss>");
            }
            list.Add(Encoding.UTF8.GetBytes(sb.ToString()));
        }
        return list;
    }
}
