using Salient.Embeddings;

namespace Salient.Tests.Embeddings;

public sealed class TextEmbedderTests
{
    [Fact]
    public void Paraphrases_are_closer_than_unrelated_headlines_and_vectors_have_unit_length()
    {
        using var embedder = new TextEmbedder();
        var v = embedder.Embed([
            "Earthquake of magnitude 7.1 strikes off the coast of Japan",
            "Strong quake hits Japan's coast, magnitude 7.1 reported",
            "Local bakery wins award for best sourdough bread",
        ]);
        Assert.All(v, x => Assert.Equal(TextEmbedder.Dimensions, x.Length));
        Assert.All(v, x => Assert.InRange(TextEmbedder.Dot(x, x), 0.999f, 1.001f));
        Assert.True(TextEmbedder.Dot(v[0], v[1]) > TextEmbedder.Dot(v[0], v[2]) + 0.3f);
    }

    [Fact]
    public void Long_and_empty_inputs_are_truncated_or_replaced_rather_than_refused()
    {
        Assert.True(TextEmbedder.Truncate(new string('a', 5000) + " b").Length <= TextEmbedder.MaxChars);
        Assert.Equal(".", TextEmbedder.Truncate("   "));
    }

    [Fact]
    public void A_texts_vector_is_the_same_whether_it_is_embedded_alone_or_among_texts_of_every_length_and_comes_back_in_input_order()
    {
        using var embedder = new TextEmbedder();
        var rng = new Random(4);
        var words = "the minister said on tuesday that talks with the union over pay would resume next week after a strike closed ports".Split(' ');
        var texts = Enumerable.Range(0, 40).Select(i => string.Join(' ', Enumerable.Range(0, 2 + rng.Next(90)).Select(_ => words[rng.Next(words.Length)])) + $" number {i}").ToList();
        var together = embedder.Embed(texts);
        for (var i = 0; i < texts.Count; i += 7)
        {
            var alone = embedder.Embed(texts[i]);
            Assert.InRange(TextEmbedder.Dot(alone, together[i]), 0.9999f, 1.0001f);
        }
    }
}
