using Salient.Embeddings;
using Salient.Stories;
using Salient.Tests.Support;

namespace Salient.Tests.Stories;

/// <summary>
/// Borderline joins can embed the central sentences of the bodies with the real model: the leads' vectors are set by
/// the test (so the lead score is exactly borderline), the bodies' vectors are MiniLM's.
/// </summary>
public sealed class StoryAssignerBodyVectorTests : IClassFixture<StoryAssignerBodyVectorTests.Model>
{
    private const long Hour = 3_600_000;

    /// <summary>The model, loaded once for the class; it counts the texts it is given.</summary>
    public sealed class Model : IDisposable
    {
        private readonly TextEmbedder _embedder = new();

        public int Texts { get; set; }

        public float[][] Embed(IReadOnlyList<string> texts, CancellationToken ct)
        {
            Texts += texts.Count;
            return _embedder.Embed(texts, ct);
        }

        public void Dispose() => _embedder.Dispose();
    }

    private readonly Model _model;

    public StoryAssignerBodyVectorTests(Model model) => _model = model;

    /// <summary>Lead embedding only, one bar (0.9), the band 0.05 around it; the names of the bodies off, their embedding on.</summary>
    private static readonly StoryOptions On = new()
    {
        JoinThreshold = 0.9, LooseThreshold = 0.9, Margin = 0.5, MergeThreshold = 0.99, LexicalWeight = 0,
        TimePenaltyPerDay = 0, SameOutletPenalty = 0, SizePenalty = 0, CandidateFloor = 0.3, SeparateCommentary = false,
        BodyBand = 0.05, BodyWeight = 0, BodyVectorWeight = 1, BodyVectorPivot = 0.5, BodyMinChars = 1500,
    };

    /// <summary>cos(28°) ≈ 0.883: 0.017 under the bar, within the band.</summary>
    private const double Borderline = 28;

    private StoryAssigner Assigner(StoryOptions options) => new(options, 1, _model.Embed);

    private static StoryArticle Article(long id, double degrees, long time, string title, string? text) =>
        new(id, title, text, $"outlet{id}", null, time, Synthetic.Angle(degrees));

    [Fact]
    public void The_fixtures_are_full_texts_whose_central_sentences_lie_beyond_their_leads()
    {
        foreach (var (title, text) in new[] { (BodyFixtures.HarwickTitleA, BodyFixtures.HarwickA()), (BodyFixtures.HarwickTitleB, BodyFixtures.HarwickB()), (BodyFixtures.DunmereTitle, BodyFixtures.Dunmere()) })
        {
            Assert.True(text.Length >= On.BodyMinChars, $"'{title}' has {text.Length} characters");
            var central = StoryText.CentralSentences(title, text, On.BodyMinChars, On.BodyMaxChars, On.BodyVectorChars);
            Assert.NotNull(central);
            Assert.DoesNotContain(central, TextEmbedder.Truncate(EmbeddingText.Of(title, text)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Two_reports_of_one_event_whose_leads_differ_join_on_their_bodies_embedding_and_not_without_it()
    {
        var on = Assigner(On);
        var first = on.Assign(Article(1, 0, 0, BodyFixtures.HarwickTitleA, BodyFixtures.HarwickA()));
        var second = on.Assign(Article(2, Borderline, Hour, BodyFixtures.HarwickTitleB, BodyFixtures.HarwickB()));
        Assert.Equal(first.StoryId, second.StoryId);
        Assert.Equal(2, on.BodyVectorsMade);

        var off = Assigner(On with { BodyVectorWeight = 0 });
        var a = off.Assign(Article(1, 0, 0, BodyFixtures.HarwickTitleA, BodyFixtures.HarwickA()));
        Assert.NotEqual(a.StoryId, off.Assign(Article(2, Borderline, Hour, BodyFixtures.HarwickTitleB, BodyFixtures.HarwickB())).StoryId);
        Assert.Equal(0, off.BodyVectorsMade);
    }

    [Fact]
    public void A_borderline_join_stops_at_the_callers_cancellation_and_the_next_call_embeds_as_before()
    {
        var assigner = Assigner(On);
        var first = assigner.Assign(Article(1, 0, 0, BodyFixtures.HarwickTitleA, BodyFixtures.HarwickA()));
        using var stop = new CancellationTokenSource();
        stop.Cancel();
        // The embedder is reached only in the borderline decision, and is handed the caller's token.
        Assert.ThrowsAny<OperationCanceledException>(() => assigner.Assign(Article(2, Borderline, Hour, BodyFixtures.HarwickTitleB, BodyFixtures.HarwickB()), stop.Token));
        Assert.Equal(0, assigner.BodyVectorsMade);

        // The token is the call's own: a later call without one is not cancelled by it.
        var again = Assigner(On);
        var a = again.Assign(Article(1, 0, 0, BodyFixtures.HarwickTitleA, BodyFixtures.HarwickA()), stop.Token);
        Assert.Equal(a.StoryId, again.Assign(Article(2, Borderline, Hour, BodyFixtures.HarwickTitleB, BodyFixtures.HarwickB())).StoryId);
        Assert.True(first.Created);
    }

    [Fact]
    public void A_report_of_another_event_on_the_same_theme_stays_out()
    {
        var assigner = Assigner(On);
        var first = assigner.Assign(Article(1, 0, 0, BodyFixtures.HarwickTitleA, BodyFixtures.HarwickA()));
        var other = assigner.Assign(Article(2, Borderline, Hour, BodyFixtures.DunmereTitle, BodyFixtures.Dunmere()));
        Assert.True(other.Created);
        Assert.NotEqual(first.StoryId, other.StoryId);
    }

    [Fact]
    public void Only_articles_in_a_borderline_decision_are_embedded_again_and_each_only_once()
    {
        var before = _model.Texts;
        var assigner = Assigner(On);
        // Far from every story, and then a clear join (cos 1, 0.1 over the bar): no body is embedded.
        assigner.Assign(Article(1, 0, 0, BodyFixtures.HarwickTitleA, BodyFixtures.HarwickA()));
        assigner.Assign(Article(2, 90, Hour, BodyFixtures.DunmereTitle, BodyFixtures.Dunmere()));
        assigner.Assign(Article(3, 0, 2 * Hour, BodyFixtures.HarwickTitleB, BodyFixtures.HarwickB()));
        Assert.Equal(0, assigner.BodyVectorsMade);
        Assert.Equal(before, _model.Texts);

        // A borderline article: it and the story's two articles are embedded, in one call.
        assigner.Assign(Article(4, Borderline, 3 * Hour, "Depot fire: schools shut", BodyFixtures.HarwickB() + "\n\nThe depot had passed a fire inspection in January, the council said."));
        Assert.Equal(3, assigner.BodyVectorsMade);
        // Another borderline article against the same story: only the newcomer is embedded.
        assigner.Assign(Article(5, Borderline, 4 * Hour, "Solvent depot blaze put out", BodyFixtures.HarwickA() + "\n\nThe Pellow depot opened on the Greyfield estate in 1987, the company said."));
        Assert.Equal(4, assigner.BodyVectorsMade);
        Assert.Equal(before + 4, _model.Texts);
    }

    [Fact]
    public void Leads_alone_and_a_body_of_only_furniture_get_no_body_embedding_and_are_grouped_as_without_it()
    {
        var furniture = string.Join("\n", Enumerable.Repeat("Share on Facebook Share on X\nAdvertisement\nRead more: <b>Harwick</b> & Greyfield\nTrending: Harwick fire | Pellow depot", 60));
        Assert.True(furniture.Length > On.BodyMinChars);
        Assert.Null(StoryText.CentralSentences(BodyFixtures.HarwickTitleB, furniture, On.BodyMinChars, On.BodyMaxChars, On.BodyVectorChars));

        foreach (var text in new[] { furniture, BodyFixtures.HarwickB()[..600] })
        {
            var assigner = Assigner(On);
            var first = assigner.Assign(Article(1, 0, 0, BodyFixtures.HarwickTitleA, BodyFixtures.HarwickA()));
            var second = assigner.Assign(Article(2, Borderline, Hour, BodyFixtures.HarwickTitleB, text));
            Assert.NotEqual(first.StoryId, second.StoryId);
            Assert.Equal(0, assigner.BodyVectorsMade);
        }
    }

    [Fact]
    public void A_huge_body_without_sentence_ends_and_with_markup_is_embedded_from_a_bounded_piece_of_it()
    {
        var runOn = string.Concat(Enumerable.Range(0, 25_000).Select(i => $"<p class=\"x\">Pellow depot fire {i} in Harwick <script>alert({i})</script> foam solvent tanks Greyfield estate "));
        Assert.True(runOn.Length > 2_000_000);
        var central = StoryText.CentralSentences(BodyFixtures.HarwickTitleA, runOn, On.BodyMinChars, On.BodyMaxChars, On.BodyVectorChars);
        Assert.NotNull(central);
        Assert.InRange(central.Length, 1, On.BodyVectorChars);

        var assigner = Assigner(On);
        var first = assigner.Assign(Article(1, 0, 0, BodyFixtures.HarwickTitleA, BodyFixtures.HarwickA()));
        var second = assigner.Assign(Article(2, Borderline, Hour, BodyFixtures.HarwickTitleB, runOn));
        Assert.Equal(2, assigner.BodyVectorsMade);
        Assert.True(second.StoryId > 0 && first.StoryId > 0);
    }

    [Theory]
    [InlineData("BodyVectorWeight=-1", "BodyVectorWeight")]
    [InlineData("BodyVectorWeight=NaN", "BodyVectorWeight")]
    [InlineData("BodyVectorChars=0", "BodyVectorChars")]
    [InlineData("CommentaryBody=NaN", "CommentaryBody")]
    [InlineData("CommentaryBody=-0.5", "CommentaryBody")]
    public void A_bad_body_embedding_setting_is_refused_with_its_name(string setting, string name)
    {
        var e = Assert.Throws<Salient.Cli.UsageException>(() => new StoryOptions().With([setting]));
        Assert.Contains($"Stories:{name} must", e.Message, StringComparison.Ordinal);
        Assert.Contains("--set", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assigner_without_an_embedder_ignores_the_setting()
    {
        var assigner = new StoryAssigner(On);
        var first = assigner.Assign(Article(1, 0, 0, BodyFixtures.HarwickTitleA, BodyFixtures.HarwickA()));
        Assert.NotEqual(first.StoryId, assigner.Assign(Article(2, Borderline, Hour, BodyFixtures.HarwickTitleB, BodyFixtures.HarwickB())).StoryId);
        Assert.Equal(0, assigner.BodyVectorsMade);
    }
}
