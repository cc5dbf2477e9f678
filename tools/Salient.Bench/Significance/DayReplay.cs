using System.Globalization;
using Salient.Embeddings;
using Salient.Significance;
using Salient.Sources;
using Salient.Stories;

namespace Salient.Bench.Significance;

/// <summary>
/// Replays headlines day by day as the pipeline would see them: each UTC day's items grouped into stories by the
/// product's own grouping, each story's coverage counted (outlets, tiers, countries, growth, the day's outlets),
/// and every story scored by the shipped student. What <c>eval score --day</c> prints.
/// </summary>
internal static class DayReplay
{
    internal sealed record Item(string Id, string Title, string? Text, string? Source, DateTimeOffset Published);

    internal sealed record ScoredDayStory(DateOnly Day, string Title, IReadOnlyList<string> Outlets, Coverage Coverage, ScoredStory Scored);

    public static List<ScoredDayStory> Run(IReadOnlyList<Item> items, SignificanceScorer scorer, Func<IReadOnlyList<string>, float[][]> embed, StoryOptions options, OutletRegistry outlets, CancellationToken ct)
    {
        var result = new List<ScoredDayStory>();
        var vectors = embed(items.Select(i => EmbeddingText.Of(i.Title, i.Text)).ToList());
        foreach (var day in Enumerable.Range(0, items.Count).GroupBy(i => DateOnly.FromDateTime(items[i].Published.UtcDateTime)).OrderBy(g => g.Key))
        {
            ct.ThrowIfCancellationRequested();
            var idx = day.ToList();
            var articles = idx.Select((i, k) => new StoryArticle(k, items[i].Title, items[i].Text, items[i].Source, null, items[i].Published.ToUnixTimeMilliseconds(), vectors[i])).ToList();
            // As the daemon groups a day: a stream in published order.
            var story = StreamClusterer.Run(options with { AtOnce = false }, articles);
            var dayOutlets = idx.Select(i => items[i].Source ?? items[i].Id).Distinct(StringComparer.OrdinalIgnoreCase).Count();
            foreach (var members in Enumerable.Range(0, idx.Count).GroupBy(k => story[k]))
            {
                var m = members.OrderBy(k => articles[k].TimeMs).ToList();
                var names = m.Select(k => items[idx[k]].Source ?? items[idx[k]].Id).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                var first = articles[m[0]].TimeMs;
                var coverage = Coverage.FromTiers(names.Select(outlets.TierOf).ToList(), m.Count(k => articles[k].TimeMs - first <= (long)Coverage.EarlyWindow.TotalMilliseconds)) with
                {
                    Countries = names.Select(n => outlets.Find(n, null)?.Country).Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.OrdinalIgnoreCase).Count(),
                    Articles = m.Count,
                    SpanHours = (articles[m[^1]].TimeMs - first) / 3_600_000.0,
                    DayOutlets = dayOutlets,
                };
                var rep = idx[m[0]];
                var scored = scorer.Score(vectors[rep], coverage);
                result.Add(new ScoredDayStory(day.Key, items[rep].Title, names, coverage, scored));
            }
        }
        return result;
    }

    public static void Print(List<ScoredDayStory> stories, DateOnly? only, TextWriter w)
    {
        var ic = CultureInfo.InvariantCulture;
        var days = stories.GroupBy(s => s.Day).OrderBy(g => g.Key).ToList();
        if (only is { } d)
        {
            var day = days.FirstOrDefault(g => g.Key == d) ?? throw new Salient.Cli.UsageException($"no headlines on {d:yyyy-MM-dd}; days run from {days[0].Key:yyyy-MM-dd} to {days[^1].Key:yyyy-MM-dd}");
            var list = day.ToList();
            w.WriteLine(string.Create(ic, $"{d:yyyy-MM-dd}: {list.Count} stories from {list.Sum(s => s.Coverage.Articles)} headlines"));
            Histogram(list.Select(s => s.Scored.Score).ToList(), w);
            w.WriteLine("top 20:");
            foreach (var s in list.OrderByDescending(s => s.Scored.Score).Take(20))
            {
                var f = s.Scored.Factors;
                w.WriteLine(string.Create(ic, $"  {s.Scored.Score,4:0.0}  {Cut(s.Title, 90)}"));
                w.WriteLine(string.Create(ic, $"        scale {f.Scale:0.#} impact {f.Impact:0.#} novelty {f.Novelty:0.#} potential {f.Potential:0.#} legacy {f.Legacy:0.#} positivity {f.Positivity:0.#} credibility {f.Credibility:0.#}"));
                w.WriteLine(string.Create(ic, $"        {s.Coverage.Outlets} outlet(s) ({string.Join(", ", s.Outlets.Take(6))}{(s.Outlets.Count > 6 ? ", …" : "")}), {s.Coverage.TopTier} top-tier, {s.Coverage.Countries} countries, {s.Coverage.Articles} articles; {s.Scored.Reason}"));
            }
            return;
        }
        w.WriteLine(string.Create(ic, $"{days.Count} days, {stories.Count} stories from {stories.Sum(s => s.Coverage.Articles)} headlines"));
        Histogram(stories.Select(s => s.Scored.Score).ToList(), w);
        var per = days.Select(g => (Day: g.Key, Stories: g.Count(), High: g.Count(s => s.Scored.Score >= 5.5), Top: g.Count(s => s.Scored.Score >= 7))).ToList();
        w.WriteLine(string.Create(ic, $"per day: {per.Average(p => p.Stories):0.0} stories, {per.Average(p => p.High):0.00} at 5.5 or more (most {per.Max(p => p.High)}), {per.Average(p => p.Top):0.00} at 7 or more"));
        w.WriteLine(string.Create(ic, $"share of stories at 5.5 or more: {100.0 * per.Sum(p => p.High) / Math.Max(1, stories.Count):0.0}%, at 7 or more: {100.0 * per.Sum(p => p.Top) / Math.Max(1, stories.Count):0.00}%"));
        w.WriteLine("days with the most stories at 5.5 or more:");
        foreach (var p in per.OrderByDescending(p => p.High).ThenBy(p => p.Day).Take(5))
        {
            w.WriteLine(string.Create(ic, $"  {p.Day:yyyy-MM-dd}: {p.High} of {p.Stories}"));
        }
    }

    private static void Histogram(IReadOnlyList<double> scores, TextWriter w)
    {
        var ic = CultureInfo.InvariantCulture;
        for (var lo = 0; lo < 10; lo++)
        {
            var n = scores.Count(s => s >= lo && (s < lo + 1 || (lo == 9 && s <= 10)));
            w.WriteLine(string.Create(ic, $"  {lo,2}–{lo + 1,-2} {n,6}  {100.0 * n / Math.Max(1, scores.Count),5:0.0}%  {new string('#', (int)Math.Round(60.0 * n / Math.Max(1, scores.Count)))}"));
        }
    }

    private static string Cut(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";
}
