using Salient.Embeddings;
using Salient.Tests.Support;
using Salient.Writing;

namespace Salient.Tests.Embeddings;

public sealed class SentenceVectorCacheTests
{
    [Fact]
    public void A_story_written_again_with_one_more_article_embeds_only_the_sentences_it_has_not_seen()
    {
        var calls = new List<IReadOnlyList<string>>();
        var cache = new SentenceVectorCache((texts, ct) =>
        {
            calls.Add(texts.ToList());
            return WritingFixtures.Embedder.Embed(texts, ct);
        });
        var writer = new ExtractiveWriter(cache.Embed, new WritingOptions { SentenceVectors = SentenceVectorKinds.Model });
        var storm = WritingFixtures.Storm();

        writer.Write(storm.Take(2).ToList());
        var firstTime = calls.SelectMany(c => c).ToHashSet(StringComparer.Ordinal);
        calls.Clear();
        writer.Write(storm);

        var secondTime = calls.SelectMany(c => c).ToList();
        Assert.NotEmpty(secondTime);
        Assert.All(secondTime, t => Assert.DoesNotContain(t, firstTime));
        Assert.Equal(secondTime.Count, secondTime.Distinct(StringComparer.Ordinal).Count());
        Assert.True(cache.Counts.Hits > 0, "the sentences of the first two articles come from memory the second time");
    }

    [Fact]
    public void A_story_written_through_the_cache_is_written_exactly_as_without_it()
    {
        var cache = new SentenceVectorCache(WritingFixtures.Embedder.Embed);
        var cached = new ExtractiveWriter(cache.Embed, new WritingOptions { SentenceVectors = SentenceVectorKinds.Model });
        var plain = WritingFixtures.Extractive(new WritingOptions { SentenceVectors = SentenceVectorKinds.Model });
        var storm = WritingFixtures.Storm();

        cached.Write(storm);
        var again = cached.Write(storm);
        var fresh = plain.Write(storm);

        Assert.Equal(fresh.Title, again.Title);
        Assert.Equal(fresh.Summary, again.Summary);
        Assert.Equal(fresh.Sources, again.Sources);
    }

    [Fact]
    public void Past_its_capacity_the_least_recently_used_sentences_leave_first()
    {
        var embedded = new List<string>();
        var cache = new SentenceVectorCache((texts, _) =>
        {
            embedded.AddRange(texts);
            return texts.Select(t => new float[] { t.Length }).ToArray();
        }, capacity: 2);

        cache.Embed(["a", "bb"], CancellationToken.None);
        cache.Embed(["a"], CancellationToken.None);
        cache.Embed(["ccc"], CancellationToken.None);
        embedded.Clear();
        var vectors = cache.Embed(["a", "bb", "ccc"], CancellationToken.None);

        Assert.Equal(["bb"], embedded);
        Assert.Equal([1f, 2f, 3f], vectors.Select(v => v[0]));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void The_same_new_sentence_twice_in_one_call_is_embedded_once()
    {
        var embedded = new List<string>();
        var cache = new SentenceVectorCache((texts, _) =>
        {
            embedded.AddRange(texts);
            return texts.Select(t => new float[] { t.Length }).ToArray();
        });

        var vectors = cache.Embed(["same", "same", "other"], CancellationToken.None);

        Assert.Equal(["same", "other"], embedded);
        Assert.Same(vectors[0], vectors[1]);
    }
}
