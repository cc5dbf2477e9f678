using Salient.Embeddings;
using Salient.Sections;

namespace Salient.Tests.Sections;

public sealed class TopicTrainerTests
{
    /// <summary>Examples whose desk is written in one embedding dimension each, with noise elsewhere.</summary>
    private static List<TopicExample> Separable(int perDesk, int seed)
    {
        var random = new Random(seed);
        var examples = new List<TopicExample>();
        for (var desk = 0; desk < 4; desk++)
        {
            for (var i = 0; i < perDesk; i++)
            {
                var x = new float[TopicModel.FeatureCount(0)];
                for (var j = 0; j < TextEmbedder.Dimensions; j++)
                {
                    x[j] = (float)(random.NextDouble() - 0.5) * 0.1f;
                }
                x[desk] += 1;
                examples.Add(new TopicExample($"{desk}-{i}", x, desk, 1, desk < 2 ? "measured" : null, "a headline"));
            }
        }
        return examples;
    }

    [Fact]
    public void A_model_fitted_on_separable_examples_finds_their_desks_again_on_held_out_folds()
    {
        var eval = TopicTrainer.CrossValidate(Separable(30, 1), [], folds: 3);

        Assert.Equal(60, eval.Measured);
        Assert.Equal(["politics", "business"], eval.F1ByDesk.Keys);
        Assert.True(eval.MacroF1 > 0.95, $"macro-F1 {eval.MacroF1}");
    }

    [Fact]
    public void Labels_that_are_noise_give_a_cross_validated_score_near_chance()
    {
        var examples = Separable(30, 2).Select((e, i) => e with { Desk = i % 2 }).ToList();

        var eval = TopicTrainer.CrossValidate(examples, [], folds: 3);

        Assert.True(eval.MacroF1 < 0.75, $"macro-F1 {eval.MacroF1}");
    }

    [Fact]
    public void Folds_are_fixed_by_id()
    {
        Assert.Equal(TopicTrainer.FoldOf("fwd00123", 5), TopicTrainer.FoldOf("fwd00123", 5));
        Assert.Equal(5, Enumerable.Range(0, 200).Select(i => TopicTrainer.FoldOf($"fwd{i:00000}", 5)).Distinct().Count());
    }

    [Theory]
    [InlineData("NFL coach fired after losing season", "sports")]
    [InlineData("Netflix renews the series for a second season", "culture")]
    [InlineData("A headline with no keyword at all", "politics")]
    public void The_keyword_baseline_counts_each_desks_words(string title, string desk)
    {
        Assert.Equal(desk, KeywordBaseline.Classify(title));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "expected {")]
    [InlineData("{\"id\":\"fwd1\",\"desk\":\"gossip\"}", "'gossip' is not a desk")]
    [InlineData("{\"id\":\"fwd1\",\"desk\":\"sports\",\"also\":[\"x\"]}", "'also' must list desks")]
    [InlineData("{\"id\":7,\"desk\":\"sports\"}", "expected {")]
    public void A_bad_desk_label_names_where_it_is_and_what_is_wrong(string line, string message)
    {
        var e = Assert.Throws<Salient.Cli.UsageException>(() => TopicLabels.Parse(line, "labels.jsonl line 3"));

        Assert.StartsWith("labels.jsonl line 3: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_desk_labels_in_the_repository_are_all_readable()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "data", "labels", "topics");
        var labels = TopicLabels.Read(Directory.GetFiles(dir, "*.jsonl")).ToList();

        Assert.True(labels.Count >= 300);
        Assert.Equal(labels.Count, labels.Select(l => l.Label.Id).Distinct().Count());
    }
}
