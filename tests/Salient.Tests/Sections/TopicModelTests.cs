using Salient.Embeddings;
using Salient.Sections;

namespace Salient.Tests.Sections;

public sealed class TopicModelTests
{
    [Fact]
    public void The_desks_are_the_twelve_fixed_slugs_each_mapped_to_IPTC_Media_Topics()
    {
        Assert.Equal(["politics", "business", "technology", "science", "health", "environment", "conflict", "crime", "society", "culture", "sports", "lifestyle"],
            Desks.All.Select(d => d.Slug));
        Assert.All(Desks.All, d => Assert.All(d.IptcUris, u => Assert.Matches("^http://cv\\.iptc\\.org/newscodes/mediatopic/[0-9]{8}$", u)));
        Assert.Equal(["http://cv.iptc.org/newscodes/mediatopic/15000000"], Desks.Find("sports")!.IptcUris);
        Assert.Null(Desks.Find("Sports"));
        Assert.Null(Desks.Find("<b>"));
    }

    [Fact]
    public void The_shipped_model_files_clear_headlines_under_their_desk_with_the_primary_first_and_at_most_two_more()
    {
        using var embedder = new TextEmbedder();
        string[] titles =
        [
            "Striker scores twice as United win the league title on the final day",
            "Senate passes the budget bill after a late-night vote",
            "Astronomers find water vapour in the atmosphere of a distant exoplanet",
        ];
        var vectors = embedder.Embed(titles);

        var desks = vectors.Select(v => TopicModel.Shipped.Classify(v, [])).ToList();

        Assert.Equal(["sports", "politics", "science"], desks.Select(d => d[0].Desk));
        Assert.All(desks, d =>
        {
            Assert.InRange(d.Count, 1, 3);
            Assert.Equal(d.OrderByDescending(t => t.Confidence).Select(t => t.Desk), d.Select(t => t.Desk));
            Assert.All(d.Skip(1), t => Assert.True(t.Confidence >= TopicModel.SecondaryMinimum));
        });
    }

    [Fact]
    public void The_outlets_desk_is_a_feature_that_moves_the_probabilities_but_not_the_answer_for_a_clear_headline()
    {
        using var embedder = new TextEmbedder();
        var v = embedder.Embed("Striker scores twice as United win the league title on the final day");

        var plain = TopicModel.Shipped.Probabilities(v, []);
        var business = TopicModel.Shipped.Probabilities(v, ["business"]);

        Assert.Equal("sports", business[0].Desk);
        Assert.NotEqual(plain.First(t => t.Desk == "business").Confidence, business.First(t => t.Desk == "business").Confidence);
        Assert.Equal(1.0, business.Sum(t => t.Confidence), 6);
    }

    [Fact]
    public void A_model_file_of_the_wrong_shape_or_with_an_unknown_desk_is_refused_with_what_to_do()
    {
        var shape = new TopicModelFile { Desks = ["sports"], Intercepts = [0], Weights = [new float[3]] };
        var unknown = new TopicModelFile { Desks = ["gossip"], Intercepts = [0], Weights = [new float[TopicModel.FeatureCount(0)]] };

        Assert.Contains("salient topics train", Assert.Throws<SalientException>(() => new TopicModel(shape)).Message, StringComparison.Ordinal);
        Assert.Contains("unknown desk 'gossip'", Assert.Throws<SalientException>(() => new TopicModel(unknown)).Message, StringComparison.Ordinal);
        Assert.Contains("not found", Assert.Throws<SalientException>(() => TopicModel.Load("/nonexistent/topics.json")).Message, StringComparison.Ordinal);
    }
}
