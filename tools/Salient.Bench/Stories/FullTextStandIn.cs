using System.Globalization;
using System.Text;
using Salient.Stories;

namespace Salient.Bench.Stories;

/// <summary>
/// A stand-in for full-length articles, made from NeuS clusters, for <c>eval cluster --full-text</c>. The shared data
/// hold only leads; a full article adds what makes grouping harder: background paragraphs that other events on the
/// same theme share (here the leads and roundups of the NeuS events nearest in words, so two events of one theme
/// carry the same paragraphs), quotes, and page furniture (bylines, time stamps, "Advertisement", "Read more:"
/// lines with other stories' headlines, related-link lists, newsletter and copyright lines, author bios). Each
/// article keeps its own title and lead as its first real paragraph; everything else is drawn with a seeded random
/// generator, so a seed always gives the same set. Nothing of it is written to the repository.
/// </summary>
internal static class FullTextStandIn
{
    private const int Neighbours = 6;
    private const int MinChars = 2500;
    private const int MaxChars = 7000;

    private static readonly string[] FirstNames = ["Anna", "David", "Maria", "James", "Sarah", "Michael", "Laura", "Daniel", "Emily", "Robert", "Grace", "Peter"];
    private static readonly string[] LastNames = ["Miller", "Garcia", "Chen", "Johnson", "Okafor", "Schmidt", "Nguyen", "Brown", "Rossi", "Kowalski", "Haddad", "Walsh"];
    private static readonly string[] Beats = ["politics", "the White House", "Congress", "national security", "the economy", "health", "courts and justice", "climate"];
    private static readonly string[] Speakers = ["a spokesperson said in a statement", "one senior official told reporters", "an analyst said", "a person familiar with the matter said", "a lawmaker said on Twitter"];
    private static readonly string[] Disclaimers =
    [
        "The views expressed in this commentary are the author's own.",
        "The opinions expressed in this article are those of the author.",
        "This is an opinion column. Views expressed in this piece do not necessarily reflect those of the publication.",
    ];
    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>The articles of <paramref name="events"/>, made full-length with material of <paramref name="all"/> (the file's clusters).</summary>
    /// <param name="ownShare">
    /// The share of the body's paragraphs that tell the article's own event again (0–1): sentences of the event's
    /// other articles' leads and of its editors' summary, as real reports of one event repeat its people, places and
    /// figures. 0 (the default) keeps the harsh stand-in whose body never tells its own event.
    /// </param>
    /// <param name="opinionShare">
    /// The share of articles (0–1) that close with an opinion desk's disclaimer ("The views expressed in this commentary
    /// are the author's own."), as columns about an event do; chosen by a random draw of their own, so the rest of the
    /// stand-in is the same whatever the share.
    /// </param>
    public static List<ClusterRecord> Make(IReadOnlyList<NeusCluster> events, IReadOnlyList<NeusCluster> all, int seed, double ownShare = 0, double opinionShare = 0)
    {
        var near = NearestByWords(events, all);
        var rng = new Random(seed);
        var opinionRng = new Random(unchecked(seed * 7919 + 17));
        var texts = new Dictionary<(string, int), string>();
        foreach (var cluster in events)
        {
            var theme = near[cluster.Id];
            foreach (var (position, _, lead) in cluster.Articles)
            {
                var own = ownShare <= 0 ? [] : cluster.Articles.Where(a => a.Position != position).Select(a => a.Text).Append(cluster.ReferenceSummary)
                    .SelectMany(Sentences).ToList();
                var text = Article(rng, lead, theme, $"Outlet {(char)('A' + position)}", own, ownShare);
                if (opinionRng.NextDouble() < opinionShare)
                {
                    text += "\n\n" + Pick(opinionRng, Disclaimers);
                }
                texts[(cluster.Id, position)] = text;
            }
        }
        return NeusRecords.Records(events, (c, p) => texts[(c.Id, p)]);
    }

    private static string Article(Random rng, string lead, IReadOnlyList<NeusCluster> theme, string outlet, List<string> own, double ownShare)
    {
        var reporter = $"{Pick(rng, FirstNames)} {Pick(rng, LastNames)}";
        var blocks = new List<string>();
        // Page furniture before the lead, as extraction often leaves it.
        if (rng.NextDouble() < 0.5)
        {
            blocks.Add(rng.NextDouble() < 0.5 ? $"By {reporter}" : $"By {reporter} | {outlet}");
        }
        if (rng.NextDouble() < 0.4)
        {
            var hour = rng.Next(1, 13);
            blocks.Add(string.Create(CultureInfo.InvariantCulture, $"Updated {hour}:{rng.Next(0, 60):00} {(rng.Next(2) == 0 ? "AM" : "PM")} ET, {Pick(rng, Months)} {rng.Next(1, 29)}, 2021"));
        }
        if (rng.NextDouble() < 0.2)
        {
            blocks.Add(rng.Next(2) == 0 ? "Share on Facebook Share on Twitter Share via Email" : "Listen to this article");
        }
        if (rng.NextDouble() < 0.2)
        {
            blocks.Add($"Photo: {Pick(rng, FirstNames)} {Pick(rng, LastNames)}/Getty Images");
        }
        if (rng.NextDouble() < 0.15)
        {
            blocks.Add("Advertisement");
        }
        if (!string.IsNullOrWhiteSpace(lead))
        {
            blocks.Add(lead.Trim());
        }

        // Background: what other events of the theme reported, told again; quotes; furniture in between.
        var pool = theme.SelectMany(c => c.Articles.Select(a => a.Text).Append(c.ReferenceSummary)).Where(t => t.Length > 40).ToList();
        var target = rng.Next(MinChars, MaxChars);
        var length = blocks.Sum(b => b.Length);
        var guard = 0;
        while (length < target && pool.Count > 0 && guard++ < 60)
        {
            var roll = rng.NextDouble();
            string block;
            if (own.Count > 0 && rng.NextDouble() < ownShare)
            {
                // The event told again: each of its sentences at most once.
                var i = rng.Next(own.Count);
                block = own[i];
                own.RemoveAt(i);
            }
            else if (roll < 0.6)
            {
                block = Pick(rng, pool);
            }
            else if (roll < 0.75)
            {
                var sentence = FirstSentence(Pick(rng, pool));
                block = $"\u201C{sentence.TrimEnd('.')},\u201D {Pick(rng, Speakers)}.";
            }
            else if (roll < 0.85)
            {
                block = (rng.Next(2) == 0 ? "Read more: " : "RELATED: ") + Pick(rng, theme).ReferenceTitle;
            }
            else if (roll < 0.92)
            {
                block = "Advertisement";
            }
            else
            {
                block = rng.Next(2) == 0 ? "Sign up for our morning newsletter to get the day's top stories in your inbox." : "Continue reading below";
            }
            blocks.Add(block);
            length += block.Length;
        }

        // Furniture after the article.
        if (rng.NextDouble() < 0.5)
        {
            var list = new StringBuilder(rng.Next(2) == 0 ? "Related stories" : $"More from {outlet}:");
            foreach (var c in theme.OrderBy(_ => rng.Next()).Take(3))
            {
                list.Append('\n').Append(c.Articles.Count > 0 ? c.Articles[rng.Next(c.Articles.Count)].Title : c.ReferenceTitle);
            }
            blocks.Add(list.ToString());
        }
        if (rng.NextDouble() < 0.5)
        {
            blocks.Add($"{reporter} is a reporter at {outlet} covering {Pick(rng, Beats)}. Follow {reporter.Split(' ')[0]} on Twitter @{reporter.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()}.");
        }
        if (rng.NextDouble() < 0.4)
        {
            blocks.Add($"Copyright 2021 {outlet}. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.");
        }
        if (rng.NextDouble() < 0.2)
        {
            blocks.Add($"Have a news tip? Email us at tips@{outlet.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()}.com");
        }
        return string.Join("\n\n", blocks);
    }

    /// <summary>For each event, the other events of the file nearest in words (IDF-weighted cosine of titles and roundup): its theme.</summary>
    private static Dictionary<string, List<NeusCluster>> NearestByWords(IReadOnlyList<NeusCluster> events, IReadOnlyList<NeusCluster> all)
    {
        var bags = all.Select(c => Bag($"{c.ReferenceTitle} {c.ReferenceSummary} {string.Join(' ', c.Articles.Select(a => a.Title))}")).ToList();
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var bag in bags)
        {
            foreach (var t in bag.Keys)
            {
                df[t] = df.GetValueOrDefault(t) + 1;
            }
        }
        var vectors = bags.Select(bag =>
        {
            var v = bag.ToDictionary(kv => kv.Key, kv => kv.Value * Math.Log((double)all.Count / df[kv.Key]), StringComparer.Ordinal);
            var norm = Math.Sqrt(v.Values.Sum(x => x * x));
            return v.ToDictionary(kv => kv.Key, kv => norm > 0 ? kv.Value / norm : 0, StringComparer.Ordinal);
        }).ToList();
        var postings = new Dictionary<string, List<(int, double)>>(StringComparer.Ordinal);
        for (var i = 0; i < vectors.Count; i++)
        {
            foreach (var (t, w) in vectors[i])
            {
                if (!postings.TryGetValue(t, out var list))
                {
                    postings[t] = list = [];
                }
                list.Add((i, w));
            }
        }
        var index = all.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var result = new Dictionary<string, List<NeusCluster>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            var me = index[e.Id];
            var dots = new Dictionary<int, double>();
            foreach (var (t, w) in vectors[me])
            {
                foreach (var (j, wj) in postings[t])
                {
                    if (j != me)
                    {
                        dots[j] = dots.GetValueOrDefault(j) + w * wj;
                    }
                }
            }
            result[e.Id] = dots.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(Neighbours).Select(kv => all[kv.Key]).ToList();
        }
        return result;
    }

    private static Dictionary<string, double> Bag(string text)
    {
        var bag = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (word, _, number) in StoryText.Words(text))
        {
            if (word.Length >= 4 && !number)
            {
                bag[word] = bag.GetValueOrDefault(word) + 1;
            }
        }
        return bag;
    }

    /// <summary>The sentences of a text of 40 characters or more (split after ". ", "! ", "? ").</summary>
    private static IEnumerable<string> Sentences(string text) =>
        System.Text.RegularExpressions.Regex.Split(text.Trim(), @"(?<=[.!?])\s+(?=[A-Z\u201C""])").Where(s => s.Length >= 40);

    private static string FirstSentence(string text)
    {
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end > 40 ? text[..(end + 1)] : text;
    }

    private static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];
}
