using System.Globalization;
using System.Text.RegularExpressions;
using Salient.Storage;

namespace Salient.Stories;

/// <summary>One development of a story: the report that first brought it, the reports that followed it, and what it added.</summary>
/// <param name="At">When its first report was published.</param>
/// <param name="New">What its first report named that no earlier report of the story had: numbers and names.</param>
internal sealed record Development(DateTimeOffset At, ArticleCard FirstReport, IReadOnlyList<ArticleCard> Articles, IReadOnlyList<string> Outlets, IReadOnlyList<string> New);

/// <summary>
/// How a story developed, from its articles' headlines and times: the first report opens the first development; a later
/// report opens a new one when it names a number or a name that no earlier report did (a new toll, a new actor, a
/// ruling's figure) and comes at least <see cref="MinGap"/> after the current development began (reports of one news
/// cycle restate each other in their own words); every other report follows the development before it.
/// Names are read only from headlines in sentence case: in a Title Case headline every word is capitalised.
/// </summary>
internal static partial class StoryTimeline
{
    /// <summary>Reports closer than this to the start of the current development belong to it.</summary>
    public static readonly TimeSpan MinGap = TimeSpan.FromHours(2);

    public static IReadOnlyList<Development> Build(IReadOnlyList<ArticleCard> articles)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var timed = articles.Where(a => a.At is not null).OrderBy(a => a.At).ThenBy(a => a.Id).ToList();
        if (timed.Count == 0)
        {
            return [];
        }
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var developments = new List<(ArticleCard First, List<ArticleCard> Members, List<string> New)>();
        foreach (var a in timed)
        {
            var facts = Facts(a.Title);
            var fresh = facts.Where(f => !f.Keys.All(known.Contains)).Select(f => f.Shown).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (developments.Count == 0)
            {
                developments.Add((a, [a], []));
            }
            else if (fresh.Count > 0 && a.At!.Value - developments[^1].First.At!.Value >= MinGap)
            {
                developments.Add((a, [a], fresh));
            }
            else
            {
                developments[^1].Members.Add(a);
            }
            // Every word of a headline counts as known, so a name once written in lower case or in a Title Case headline is not news later.
            foreach (var w in Words().Matches(a.Title))
            {
                known.Add(((Match)w).Value);
            }
            foreach (var f in facts)
            {
                known.UnionWith(f.Keys);
            }
        }
        // Reports without a time belong to the first development: they are as old as the story as far as anyone knows.
        var untimed = articles.Where(a => a.At is null).ToList();
        return developments.Select((d, i) =>
        {
            var members = i == 0 ? d.Members.Concat(untimed).ToList() : d.Members;
            var outlets = members.Select(m => m.Outlet).OfType<string>().Where(o => o.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            return new Development(d.First.At!.Value, d.First, members, outlets, d.New);
        }).ToList();
    }

    /// <summary>
    /// The numbers and, in a sentence-case headline, the names a headline states, in the order it states them. A number's
    /// key is its value and scale ("40 dead" and "40" are one fact; "$200 million" is not "200"); a name is a run of
    /// capitalised words, new when one of its words is.
    /// </summary>
    internal static List<Fact> Facts(string title)
    {
        var facts = new List<Fact>();
        foreach (Match m in Numbers().Matches(title))
        {
            var key = "#" + m.Groups["currency"].Value + m.Groups["value"].Value.Replace(",", "", StringComparison.Ordinal) + Scale(m.Groups["scale"].Value);
            facts.Add(new Fact(m.Index, [key], m.Value.Trim()));
        }
        var words = Words().Matches(title).ToList();
        var longWords = words.Count(w => w.Length >= 4);
        var capitalised = words.Count(w => w.Length >= 4 && char.IsUpper(w.Value[0]));
        if (longWords == 0 || capitalised >= 0.75 * longWords)
        {
            return facts;
        }
        bool IsName(int i) => words[i].Length >= 2 && char.IsUpper(words[i].Value[0]) && !Common.Contains(words[i].Value)
            && !(words[i].Value.All(char.IsUpper) && words[i].Length > 5);
        for (var i = 0; i < words.Count; i++)
        {
            if (!IsName(i))
            {
                continue;
            }
            var j = i;
            while (j + 1 < words.Count && IsName(j + 1) && title.AsSpan(words[j].Index + words[j].Length, words[j + 1].Index - words[j].Index - words[j].Length).Trim().IsEmpty)
            {
                j++;
            }
            // The first word of a sentence-case headline is capitalised anyway: a name only when a capitalised word follows it.
            if (i > 0 || j > i)
            {
                facts.Add(new Fact(words[i].Index, words.Skip(i).Take(j - i + 1).Select(w => w.Value).ToArray(),
                    title[words[i].Index..(words[j].Index + words[j].Length)]));
            }
            i = j;
        }
        return facts.OrderBy(f => f.Position).ToList();
    }

    internal sealed record Fact(int Position, string[] Keys, string Shown);

    private static string Scale(string unit) => unit.ToLowerInvariant() switch
    {
        "%" or "percent" or "per cent" => "%",
        "million" or "m" => "m",
        "billion" or "bn" => "bn",
        "trillion" => "tn",
        "thousand" => "k",
        _ => "",
    };

    /// <summary>Capitalised words that name nothing in particular (after a colon, in quotes, at a clause start).</summary>
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "And", "But", "Or", "Of", "In", "On", "At", "To", "For", "From", "By", "With", "As", "After", "Before", "Over", "Under",
        "New", "Breaking", "Live", "Update", "Updates", "Watch", "Video", "Analysis", "Opinion", "Exclusive", "Explainer", "Report", "Reports",
        "Why", "What", "How", "Who", "When", "Where", "Is", "Are", "Was", "Were", "Will", "Could", "Would", "Should", "It", "This", "That", "He", "She",
        "They", "We", "I", "You", "Not", "No", "Yes", "More", "Most", "First", "Last", "Says", "Said", "Say", "Day", "Week", "Year", "Today",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    };

    [GeneratedRegex(@"(?<![\w.])(?<currency>[$€£])?\s?(?<value>\d[\d,]*(?:\.\d+)?)(?:\s?(?<scale>%|percent|per cent|million|billion|trillion|thousand|bn|m)(?![\w]))?(?:\s(?:km|miles|people|dead|deaths|cases|days|hours|weeks|months|years)(?![\w]))?(?![\w])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Numbers();

    [GeneratedRegex(@"\p{L}[\p{L}\p{Mn}'’-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    /// <summary>"2 h after the first report" and the like, for the page.</summary>
    public static string After(TimeSpan span)
    {
        if (span < TimeSpan.FromHours(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (int)span.TotalMinutes)} min");
        }
        return span < TimeSpan.FromHours(48)
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} days");
    }
}
