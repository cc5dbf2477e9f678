using Salient.Cli;

namespace Salient.Writing;

/// <summary>How titles and summaries are written; configuration section <c>Writing</c>.</summary>
internal sealed class WritingOptions : ISettings
{
    public const string Section = "Writing";

    /// <summary>A summary is at least this long when the sources have enough text.</summary>
    public int MinWords { get; set; } = 40;

    /// <summary>A summary is never longer than this.</summary>
    public int MaxWords { get; set; } = 90;

    /// <summary>
    /// The length the extractive summary aims for: sentences are added while the summary is shorter, and the
    /// last one may run past it up to <see cref="MaxWords"/>. Human neutral summaries of one event run about 55 words.
    /// </summary>
    public int TargetWords { get; set; } = 55;

    /// <summary>Weight of a sentence's closeness to the story as a whole (the centroid of its articles).</summary>
    public double CentroidWeight { get; set; } = 1.0;

    /// <summary>Weight of how well other outlets support a sentence (its best match in each other article).</summary>
    public double SupportWeight { get; set; } = 0.5;

    /// <summary>Weight of how many other outlets use the sentence's content words.</summary>
    public double LexicalWeight { get; set; } = 0.6;

    /// <summary>Title choice: weight of support from the other outlets' text.</summary>
    public double TitleSupportWeight { get; set; } = 0.5;

    /// <summary>Title choice: weight of how many other outlets use the headline's content words.</summary>
    public double TitleLexicalWeight { get; set; } = 0.5;

    /// <summary>Title choice: the preferred length in words, and what each word away from it costs.</summary>
    public int TitleWords { get; set; } = 8;

    public double TitleLengthWeight { get; set; } = 0.03;

    /// <summary>Weight of the lead bias: news puts what matters first.</summary>
    public double LeadWeight { get; set; } = 0.3;

    /// <summary>Weight of the outlet's credibility tier (1 is the best).</summary>
    public double TierWeight { get; set; } = 0.05;

    /// <summary>Maximal marginal relevance: how much similarity to a sentence already chosen costs.</summary>
    public double RedundancyWeight { get; set; } = 0.5;

    /// <summary>How much a sentence's similarity to the title counts as redundancy (0: the summary may repeat the title).</summary>
    public double TitleRedundancy { get; set; } = 0.5;

    /// <summary>What running past the target length costs a sentence, per target length of overshoot.</summary>
    public double OvershootWeight { get; set; }

    /// <summary>A sentence this similar to one already chosen is a repeat and never added.</summary>
    public double DuplicateSimilarity { get; set; } = 0.85;

    /// <summary>
    /// Never add a sentence that restates a chosen one in other words, or whose number for a thing disagrees with the
    /// title's or a chosen sentence's (<see cref="SummaryChecks"/>). False chooses as before these checks, to measure them.
    /// </summary>
    public bool CheckFacts { get; set; } = true;

    /// <summary>
    /// With <see cref="CheckFacts"/>, set aside an older preview's look-ahead sentences under a title that reports the
    /// outcome (<see cref="ExtractiveWriter"/>). False keeps them, to measure the rule alone.
    /// </summary>
    public bool SetAsideOutdatedPreviews { get; set; } = true;

    /// <summary>
    /// Never use a sentence unrelated to the story's titles, feed descriptions and other articles (<see cref="Relevance"/>),
    /// or about another event than the story's (<see cref="EventAnchor"/>),
    /// such as a comment line extracted below a short article; false writes as before, to measure it.
    /// </summary>
    public bool RefuseUnrelated { get; set; } = true;

    /// <summary>How many articles of a large story the summariser reads (the most central, then by tier).</summary>
    public int MaxArticles { get; set; } = 12;

    /// <summary>
    /// Of those, how many are the story's newest (by publication time), whatever their distance from its centre: a
    /// story that goes on for days is summarised with what it says now, not only with the bulk of its first reports.
    /// </summary>
    public int NewestArticles { get; set; } = 3;

    /// <summary>How many sentences of each article it reads (news puts what matters first).</summary>
    public int MaxSentencesPerArticle { get; set; } = 8;

    /// <summary>
    /// A one-article story is summarised by its own lead: its first sentences in order, to the length target, with
    /// no sentence vectors (there is nothing to weigh them against). False scores them like a larger story's.
    /// </summary>
    public bool SingleArticleLead { get; set; } = true;

    /// <summary>
    /// What the extractive writer compares sentences with: <c>words</c> (the default: hashed content words, <see cref="WordVectors"/>; no model, a hundredth of the cost) or
    /// <c>model</c> (MiniLM sentence vectors). Both score the same on NeuS (docs/writing.md).
    /// </summary>
    public string SentenceVectors { get; set; } = SentenceVectorKinds.Words;

    /// <summary>Rewrite with the configured LLM (section <c>Llm</c>) when one is configured; the output is checked either way.</summary>
    public bool UseLlm { get; set; } = true;

    /// <summary>
    /// A story that gained articles without a material change (a new outlet, half again as many articles, a new lead
    /// article) is written again once this many hours have passed since it last was, so a story that grows slowly for
    /// days tells its newest reports; 0 rewrites it whenever it gains an article.
    /// </summary>
    public double RewriteAfterHours { get; set; } = 6;

    /// <summary>Stories the writing stage handles in one batch.</summary>
    public int BatchSize { get; set; } = 16;

    public void Validate()
    {
        if (MinWords < 1 || MaxWords < MinWords || TargetWords < MinWords || TargetWords > MaxWords)
        {
            throw new SalientException($"Writing: need 1 <= MinWords ({MinWords}) <= TargetWords ({TargetWords}) <= MaxWords ({MaxWords})");
        }
        if (!SentenceVectorKinds.IsKnown(SentenceVectors))
        {
            throw new SalientException($"Writing:SentenceVectors is '{SentenceVectors}'; use '{SentenceVectorKinds.Model}' or '{SentenceVectorKinds.Words}'");
        }
        if (MaxArticles < 1 || MaxSentencesPerArticle < 1 || BatchSize < 1)
        {
            throw new SalientException("Writing: MaxArticles, MaxSentencesPerArticle and BatchSize must be at least 1");
        }
        if (!(RewriteAfterHours >= 0 && RewriteAfterHours <= 24 * 365))
        {
            throw new SalientException($"Writing:RewriteAfterHours is {RewriteAfterHours}; give a number of hours from 0 to 8760");
        }
        if (NewestArticles < 0 || NewestArticles > MaxArticles)
        {
            throw new SalientException($"Writing:NewestArticles is {NewestArticles}; use 0 to {MaxArticles} (Writing:MaxArticles)");
        }
    }
}

/// <summary>The kinds of sentence vectors the extractive writer can use (<see cref="WritingOptions.SentenceVectors"/>).</summary>
internal static class SentenceVectorKinds
{
    public const string Model = "model";
    public const string Words = "words";

    public static bool IsWords(string? kind) => string.Equals(kind, Words, StringComparison.OrdinalIgnoreCase);

    public static bool IsKnown(string? kind) => IsWords(kind) || string.Equals(kind, Model, StringComparison.OrdinalIgnoreCase);
}
