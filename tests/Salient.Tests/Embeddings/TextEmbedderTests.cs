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
}
