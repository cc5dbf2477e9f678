using Salient.Tests.Support;
using Salient.Writing;

namespace Salient.Tests.Writing;

public sealed class WordVectorsTests
{
    [Fact]
    public void Sentences_with_the_same_words_are_as_close_as_can_be_and_sentences_without_shared_words_are_orthogonal()
    {
        var v = WordVectors.Of(["A cyclone killed 12 people in Bangladesh.", "In Bangladesh a cyclone killed 12 people.", "Parliament passed the budget on Tuesday."]);

        Assert.Equal(1.0, Salient.Embeddings.TextEmbedder.Dot(v[0], v[0]), 3);
        Assert.True(Salient.Embeddings.TextEmbedder.Dot(v[0], v[1]) > 0.8, "the same content words in another order");
        Assert.Equal(0.0, Salient.Embeddings.TextEmbedder.Dot(v[0], v[2]), 3);
    }

    [Fact]
    public void A_sentence_sharing_a_rare_word_is_closer_than_one_sharing_a_common_word()
    {
        var v = WordVectors.Of(["Storm hits Chittagong port", "Chittagong port closed", "Storm warning issued", "Storm season begins", "Storm clouds gather"]);

        Assert.True(Salient.Embeddings.TextEmbedder.Dot(v[0], v[1]) > Salient.Embeddings.TextEmbedder.Dot(v[0], v[2]));
    }

    [Fact]
    public void Vectors_are_the_same_in_every_run_and_empty_or_hostile_text_gives_a_zero_vector()
    {
        var a = WordVectors.Of(["Ceasefire agreed in Gaza talks"]);
        var b = WordVectors.Of(["Ceasefire agreed in Gaza talks"]);
        var odd = WordVectors.Of(["", "<script>the of and</script>", new string('x', 200_000)]);

        Assert.Equal(a[0], b[0]);
        // A word's slot is FNV-1a of the word modulo 4,096, worked out by hand: the same in any process, unlike GetHashCode.
        Assert.Equal(220, Array.FindIndex(WordVectors.Of(["ceasefire"])[0], x => x != 0));
        Assert.All(odd[0], x => Assert.Equal(0f, x));
        Assert.Equal(WordVectors.Dimensions, odd[2].Length);
    }

    [Fact]
    public void The_default_writer_writes_a_story_of_several_articles_without_calling_the_model()
    {
        var calls = 0;
        var writer = new ExtractiveWriter((texts, ct) => { calls++; return WritingFixtures.Embedder.Embed(texts, ct); }, new WritingOptions());

        var written = writer.Write(WritingFixtures.Storm());

        Assert.Equal(0, calls);
        Assert.Contains("Bangladesh", written.Title + written.Summary, StringComparison.Ordinal);
        Assert.NotEmpty(written.Sentences);
    }

    [Fact]
    public void With_model_vectors_the_writer_calls_the_model()
    {
        var calls = 0;
        var writer = new ExtractiveWriter((texts, ct) => { calls++; return WritingFixtures.Embedder.Embed(texts, ct); }, new WritingOptions { SentenceVectors = SentenceVectorKinds.Model });

        writer.Write(WritingFixtures.Storm());

        Assert.True(calls > 0);
    }

    [Fact]
    public void An_unknown_kind_of_sentence_vectors_is_refused_by_name()
    {
        var e = Assert.Throws<SalientException>(() => new WritingOptions { SentenceVectors = "bert" }.Validate());
        Assert.Contains("Writing:SentenceVectors", e.Message, StringComparison.Ordinal);
        Assert.Contains("'bert'", e.Message, StringComparison.Ordinal);
    }
}
