using System.Globalization;
using Microsoft.Extensions.Configuration;
using Salient.Cli;

namespace Salient.Stories;

/// <summary>
/// How articles are grouped into stories (configuration section <c>Stories</c>). The defaults were chosen on the
/// development months of AllSides and on NeuS triplets; see docs/stories.md.
/// </summary>
internal sealed record StoryOptions : ISettings
{
    public const string Section = "Stories";

    /// <summary>A story takes new articles while its newest article is at most this old (relative to the stream).</summary>
    public double WindowHours { get; init; } = 72;

    /// <summary>"More on this topic" looks this far back from a story's newest article.</summary>
    public double RelatedHours { get; init; } = 48;

    /// <summary>An article joins the best story when the combined score reaches this.</summary>
    public double JoinThreshold { get; init; } = 0.75;

    /// <summary>A lower bar for a clear winner: the best story scores at least <see cref="Margin"/> above any other.</summary>
    public double LooseThreshold { get; init; } = 0.55;

    /// <summary>How far the best story must lead the second for <see cref="LooseThreshold"/> to apply.</summary>
    public double Margin { get; init; } = 0.15;

    /// <summary>Two live stories become one when their combined score reaches this.</summary>
    public double MergeThreshold { get; init; } = 1.0;

    /// <summary>Weight of the lexical similarity (IDF-weighted words, names and numbers) against the embedding cosine.</summary>
    public double LexicalWeight { get; init; } = 0.6;

    /// <summary>0 compares an article with a story's centroid, 1 with the mean over its articles (average link); between blends them.</summary>
    public double AverageLink { get; init; } = 1;

    /// <summary>Score lost per 24 hours between the article and the nearest article of the story.</summary>
    public double TimePenaltyPerDay { get; init; } = 0.5;

    /// <summary>Hours of distance that cost nothing (reports of one event spread over a day).</summary>
    public double TimeGraceHours { get; init; } = 12;

    /// <summary>Score lost when the story already holds an article from the same outlet.</summary>
    public double SameOutletPenalty { get; init; } = 0.15;

    /// <summary>Score lost per article a story already holds beyond <see cref="SizeFree"/> (0: story size does not matter).</summary>
    public double SizePenalty { get; init; } = 0.1;

    public int SizeFree { get; init; } = 2;

    /// <summary>The most the story size can cost, so that a big event still grows.</summary>
    public double SizePenaltyMax { get; init; } = 0.1;

    /// <summary>Embedding cosine below which a story is not considered at all (a cheap first filter).</summary>
    public double CandidateFloor { get; init; } = 0.30;

    /// <summary>How many stories, best by embedding, get the full comparison.</summary>
    public int CandidateCount { get; init; } = 10;

    /// <summary>How much of an article's text (after the title) feeds the lexical signals.</summary>
    public int LexicalChars { get; init; } = 1000;

    /// <summary>
    /// Borderline joins read the whole text: when the best story's score lies within this much of the bar that
    /// decides the join, the names, places and numbers of the article's whole body are compared with those of the
    /// story's articles (0: never).
    /// </summary>
    public double BodyBand { get; init; } = 0.2;

    /// <summary>How much the whole-body comparison moves a borderline score: weight × (body cosine − <see cref="BodyPivot"/>).</summary>
    public double BodyWeight { get; init; } = 0.5;

    /// <summary>The body cosine that neither helps nor hurts a borderline join.</summary>
    public double BodyPivot { get; init; } = 0.4;

    /// <summary>
    /// How much the embedding of the bodies' central sentences moves a borderline score: weight × (mean cosine −
    /// <see cref="BodyVectorPivot"/>), beside the names' <see cref="BodyWeight"/>. Each article's central sentences
    /// are embedded once, the first time it is in a borderline decision. 0 (the default): no second embedding.
    /// </summary>
    public double BodyVectorWeight { get; init; }

    /// <summary>The mean cosine between central-sentence embeddings that neither helps nor hurts a borderline join.</summary>
    public double BodyVectorPivot { get; init; } = 0.5;

    /// <summary>How many characters of central body sentences are embedded (the embedder reads about 600).</summary>
    public int BodyVectorChars { get; init; } = 600;

    /// <summary>
    /// How much the title alone moves the join score: weight × (mean cosine between the article's title embedding and
    /// those of the story's articles − <see cref="TitlePivot"/>). 0 (the default): off. Measured and not taken (see
    /// docs/stories.md, "A title-only embedding"); only <c>eval cluster</c> makes title embeddings, so elsewhere the
    /// setting changes nothing.
    /// </summary>
    public double TitleWeight { get; init; }

    /// <summary>The mean title cosine that neither helps nor hurts a join.</summary>
    public double TitlePivot { get; init; } = 0.5;

    /// <summary>
    /// How much a join score falls when the article names, near its start, a day for its news ("on Thursday") that
    /// differs from the day the story's articles name for theirs: weight × the share of the story's articles naming a
    /// day (the newest 32) that name another. A weekday stands for the latest such day on or before the article's time,
    /// so a report the morning after ("on Thursday") keeps the event's day. 0 (the default): off, as with times the
    /// clock already tells the days apart and the penalty measured flat or worse (docs/stories.md, "The day of the
    /// news"); input without times takes <see cref="UntimedEventDayPenalty"/>.
    /// </summary>
    public double EventDayPenalty { get; init; }

    /// <summary>
    /// <see cref="EventDayPenalty"/> for articles without times (<see cref="Untimed"/>), where the day the text names
    /// is the only clock: two events of one theme (two rulings, two jobs reports) are told apart by it.
    /// </summary>
    public double UntimedEventDayPenalty { get; init; } = 0.2;

    /// <summary>
    /// A finished set of articles (<c>salient cluster</c>) of 2 to <see cref="StoryAssigner.AtOnceMax"/> is grouped all
    /// at once, by average-link agglomeration over the join score of every pair of articles, so that the order of the
    /// lines plays no part (<see cref="StoryAssigner.GroupAtOnce"/>): with times, a pair's score also pays for the time
    /// between them, and articles further apart than the window never share a story. Off, or above
    /// <see cref="StoryAssigner.AtOnceMax"/> articles, the set is grouped as a stream in published order (ties in input
    /// order), as the daemon groups what it reads (each batch at once with its window with <see cref="BatchAtOnce"/>).
    /// </summary>
    public bool AtOnce { get; init; } = true;

    /// <summary>
    /// On, the daemon's grouping stage takes the articles waiting for it (up to 256, in published order) together with
    /// the live stories near them, all at once (<see cref="StoryAssigner.AssignAtOnce"/>), so that the order in which a
    /// backlog comes in (the first poll of many feeds, a restart after a pause) does not decide which story an article
    /// joins. Off (the default), one by one in published order, as a stream: on days dense with events of one theme,
    /// a new event's reports that came in together follow their first into the theme's live story, and the measured
    /// days lost more than the backlogs gained (docs/stories.md, "Batches at once in the daemon"). A batch of one
    /// article is the same either way.
    /// </summary>
    public bool BatchAtOnce { get; init; }

    /// <summary>
    /// Grouping at once (<see cref="AtOnce"/>), the loose bar of a contested join: one whose joining side has a rival
    /// scoring at least this less <see cref="ContestedMargin"/>. Two stories that are each other's best, reach this and
    /// lead that rival by <see cref="ContestedMargin"/> join. A join with no such rival needs <see cref="LooseThreshold"/>
    /// and <see cref="Margin"/> as in the stream: where nothing else is near, being the best says little, and only the
    /// score itself can tell an event's reports from two events that share a few words.
    /// </summary>
    public double ContestedLooseThreshold { get; init; } = 0.3;

    /// <summary>How far a contested join at once leads its rival (<see cref="ContestedLooseThreshold"/>).</summary>
    public double ContestedMargin { get; init; } = 0.1;

    /// <summary>
    /// Grouping at once (<see cref="AtOnce"/>) with times: two stories of several articles each that are each other's
    /// best also join below <see cref="MergeThreshold"/> when they were told at the same time (the spans of their
    /// articles' times overlap), their average score reaches <see cref="JoinThreshold"/>, the average score of the
    /// pairs across them is within <see cref="GrownStoriesGap"/> of that of the pairs within each, and every article of
    /// the smaller would join the larger on its own as the stream joins one (its average score with the larger story's
    /// articles, less the size penalty, reaches <see cref="LooseThreshold"/>). The reports of a big event pair off in
    /// the first round; without this, those pairs stayed apart. Off, or without times: they join only as a merge would.
    /// </summary>
    public bool JoinGrownStories { get; init; } = true;

    /// <summary>
    /// How much less alike two stories may read across than within each (<see cref="JoinGrownStories"/>): one event's
    /// reports split in pairs read as alike across the pairs as within them; two events of one theme do not.
    /// </summary>
    public double GrownStoriesGap { get; init; } = 0.1;

    /// <summary>How much of the title and text is read for the day of the news (<see cref="EventDayPenalty"/>).</summary>
    public int EventDayChars { get; init; } = 200;

    /// <summary>A text shorter than this is a lead, not a body: it gets no body comparison.</summary>
    public int BodyMinChars { get; init; } = 1500;

    /// <summary>How much of a text the body comparison reads.</summary>
    public int BodyMaxChars { get; init; } = 20_000;

    /// <summary>
    /// Round-ups (briefings, "5 things to know") never join a story of reports, nor take reports in; an opinion piece
    /// (column, editorial, letter, analysis) joins a story of reports only with a lexical similarity of at least
    /// <see cref="CommentaryLexical"/> and either the full <see cref="JoinThreshold"/> or a whole text that names the
    /// story's people, places and figures (<see cref="CommentaryBody"/>), never on embedding similarity alone
    /// (see <see cref="ArticleKinds"/>). Off: every article is taken as a report.
    /// </summary>
    public bool SeparateCommentary { get; init; } = true;

    /// <summary>The names, places and numbers an opinion piece must share with a story of reports to join it (IDF-weighted term cosine).</summary>
    public double CommentaryLexical { get; init; } = 0.2;

    /// <summary>
    /// The mean cosine between an opinion piece's whole-body names, places and numbers and those of a story of reports
    /// (or the other way round) that lets it join below <see cref="JoinThreshold"/>, by the usual rule: a column about
    /// the event names its people, places and figures from start to end; a column on the theme names others. Texts
    /// without a body (shorter than <see cref="BodyMinChars"/>) never meet it. Above 1: never.
    /// </summary>
    public double CommentaryBody { get; init; } = 0.5;

    /// <summary>Related stories: lowest and highest centroid cosine for "same topic, not the same event".</summary>
    public double RelatedMin { get; init; } = 0.45;

    public int RelatedCount { get; init; } = 5;

    /// <summary>
    /// Grouping waits while an older article is still being fetched or embedded, so a backlog (the first poll of
    /// many feeds) is grouped in time order; an article discovered longer ago than this no longer holds it back.
    /// </summary>
    public double HoldMinutes { get; init; } = 30;

    public long WindowMs => (long)(WindowHours * 3_600_000);

    /// <summary>Applies <c>Name=value</c> overrides (used by the evaluation command to try settings).</summary>
    public StoryOptions With(IEnumerable<string> overrides)
    {
        var dict = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in overrides)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ArgumentException($"setting '{item}' is not of the form Name=value");
            }
            dict["Stories:" + item[..eq].Trim()] = item[(eq + 1)..].Trim();
        }
        var baseline = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in typeof(StoryOptions).GetProperties().Where(p => p.CanWrite))
        {
            baseline["Stories:" + p.Name] = Convert.ToString(p.GetValue(this), CultureInfo.InvariantCulture);
        }
        foreach (var key in dict.Keys)
        {
            if (!baseline.ContainsKey(key))
            {
                throw new ArgumentException($"unknown story setting '{key["Stories:".Length..]}'");
            }
        }
        foreach (var (k, v) in dict)
        {
            baseline[k] = v;
        }
        return Settings.Read<StoryOptions>(new ConfigurationBuilder().AddInMemoryCollection(baseline).Build(), Section, "--set");
    }

    /// <summary>
    /// The settings for articles that carry no times (a <c>cluster</c> input none of whose lines gives one): stories are
    /// never merged. A merge is for a story that started twice before its coverage converged, which only a clock tells
    /// apart from two events of one theme; with every article at one time, nothing ever closes or lies days apart, and
    /// merges glued such events into one (see docs/stories.md, "Without times"). The day each text names for its news
    /// is compared instead (<see cref="UntimedEventDayPenalty"/>).
    /// </summary>
    public StoryOptions Untimed() => this with { MergeThreshold = double.PositiveInfinity, EventDayPenalty = UntimedEventDayPenalty };

    public void Validate()
    {
        if (!(GrownStoriesGap >= 0) || double.IsInfinity(GrownStoriesGap))
        {
            throw new ArgumentException($"Stories:GrownStoriesGap must be a number of 0 or more, not {GrownStoriesGap}");
        }
        if (!double.IsFinite(ContestedLooseThreshold) || !(ContestedMargin >= 0) || double.IsInfinity(ContestedMargin))
        {
            throw new ArgumentException($"Stories:ContestedLooseThreshold must be a number and Stories:ContestedMargin a number of 0 or more, not {ContestedLooseThreshold} and {ContestedMargin}");
        }
        if (WindowHours is <= 0 or > 24 * 60)
        {
            throw new ArgumentException($"Stories:WindowHours must be between 0 and 1440, not {WindowHours}");
        }
        if (RelatedHours <= 0)
        {
            throw new ArgumentException($"Stories:RelatedHours must be positive, not {RelatedHours}");
        }
        if (CandidateCount < 1)
        {
            throw new ArgumentException($"Stories:CandidateCount must be at least 1, not {CandidateCount}");
        }
        if (HoldMinutes is < 0 or > 24 * 60)
        {
            throw new ArgumentException($"Stories:HoldMinutes must be between 0 and 1440, not {HoldMinutes}");
        }
        if (BodyBand < 0 || BodyWeight < 0)
        {
            throw new ArgumentException($"Stories:BodyBand and Stories:BodyWeight must not be negative, not {BodyBand} and {BodyWeight}");
        }
        if (BodyMinChars < 0 || BodyMaxChars < 0)
        {
            throw new ArgumentException($"Stories:BodyMinChars and Stories:BodyMaxChars must not be negative, not {BodyMinChars} and {BodyMaxChars}");
        }
        if (!(BodyVectorWeight >= 0) || double.IsInfinity(BodyVectorWeight))
        {
            throw new ArgumentException($"Stories:BodyVectorWeight must be a number of 0 or more (0: no body embedding), not {BodyVectorWeight}");
        }
        if (!(TitleWeight >= 0) || double.IsInfinity(TitleWeight))
        {
            throw new ArgumentException($"Stories:TitleWeight must be a number of 0 or more (0: the title alone is not compared), not {TitleWeight}");
        }
        if (!(EventDayPenalty >= 0) || double.IsInfinity(EventDayPenalty) || !(UntimedEventDayPenalty >= 0) || double.IsInfinity(UntimedEventDayPenalty))
        {
            throw new ArgumentException($"Stories:EventDayPenalty and Stories:UntimedEventDayPenalty must be numbers of 0 or more (0: the day of the news is not compared), not {EventDayPenalty} and {UntimedEventDayPenalty}");
        }
        if (EventDayChars is < 0 or > 100_000)
        {
            throw new ArgumentException($"Stories:EventDayChars must be between 0 and 100000, not {EventDayChars}");
        }
        if (BodyVectorChars is < 1 or > 100_000)
        {
            throw new ArgumentException($"Stories:BodyVectorChars must be between 1 and 100000 (the embedder reads about 600), not {BodyVectorChars}");
        }
        if (!(CommentaryBody >= 0))
        {
            throw new ArgumentException($"Stories:CommentaryBody must be a number of 0 or more (above 1: an opinion piece never joins on its body), not {CommentaryBody}");
        }
        if (LexicalChars < 0)
        {
            throw new ArgumentException($"Stories:LexicalChars must not be negative, not {LexicalChars}");
        }
    }
}
