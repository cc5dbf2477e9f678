using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Salient.Embeddings;
using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Web;

public sealed class ThreadPagesTests
{
    /// <summary>Three stories of one trial, a week apart each, and one of another subject; linked as the scoring stage links them.</summary>
    private static async Task<(SiteFixture Site, long Trial, long Verdict, long Sentence, long Other)> ThreadAsync()
    {
        var site = await SiteFixture.CreateAsync();
        var start = DateTimeOffset.UtcNow.AddDays(-20);
        var trial = await site.AddStoryAsync("Derek Chauvin murder trial opens in Minneapolis", 5.1, at: start);
        var other = await site.AddStoryAsync("Wildfire forces evacuations in northern California", 4.0, at: start.AddDays(3));
        var verdict = await site.AddStoryAsync("Jury finds Derek Chauvin guilty of <b>murder</b>", 7.2, at: start.AddDays(7));
        var sentence = await site.AddStoryAsync("Derek Chauvin sentenced for the murder of George Floyd", 6.3, at: start.AddDays(14));
        var seed = 1;
        foreach (var (id, toward) in new[] { (trial, 0.8), (other, 0.1), (verdict, 0.8), (sentence, 0.8) })
        {
            await site.ExecuteAsync("UPDATE stories SET centroid = @c WHERE id = @id", ("c", TextEmbedder.ToBytes(TestModels.Vector(toward, seed++))), ("id", id));
        }
        var store = site.Site.Services.GetRequiredService<StoryStore>();
        foreach (var id in new[] { trial, other, verdict, sentence })
        {
            await store.LinkThreadsAsync([id], CancellationToken.None);
        }
        return (site, trial, verdict, sentence, other);
    }

    [Fact]
    public async Task A_story_page_lists_the_earlier_and_later_stories_of_its_thread_with_dates_scores_and_links()
    {
        var (site, trial, verdict, sentence, other) = await ThreadAsync();
        await using var _ = site;

        var (status, page, _) = await site.GetAsync($"/story/{verdict}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Earlier in this thread", page, StringComparison.Ordinal);
        Assert.Contains("Later in this thread", page, StringComparison.Ordinal);
        var earlier = page[page.IndexOf("Earlier in this thread", StringComparison.Ordinal)..page.IndexOf("Later in this thread", StringComparison.Ordinal)];
        Assert.Contains($"href=\"/story/{trial}\"><span class=\"score\">5.1</span>Derek Chauvin murder trial opens in Minneapolis", earlier, StringComparison.Ordinal);
        Assert.Contains("<time datetime=", earlier, StringComparison.Ordinal);
        Assert.DoesNotContain($"/story/{sentence}\"", earlier, StringComparison.Ordinal);
        Assert.Contains($"href=\"/story/{sentence}\"", page[page.IndexOf("Later in this thread", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains($"href=\"/thread/{trial}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"/story/{other}\"", page, StringComparison.Ordinal);

        // The first story has only later ones (newest first); the story of another subject has no thread at all.
        var first = (await site.GetAsync($"/story/{trial}")).Body;
        Assert.DoesNotContain("Earlier in this thread", first, StringComparison.Ordinal);
        var later = first[first.IndexOf("Later in this thread", StringComparison.Ordinal)..];
        Assert.True(later.IndexOf($"/story/{sentence}\"", StringComparison.Ordinal) < later.IndexOf($"/story/{verdict}\"", StringComparison.Ordinal));
        Assert.DoesNotContain("in this thread", (await site.GetAsync($"/story/{other}")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_thread_page_feed_and_api_list_the_thread_along_time_and_markup_in_a_title_stays_text()
    {
        var (site, trial, verdict, sentence, other) = await ThreadAsync();
        await using var _ = site;

        var (status, page, _) = await site.GetAsync($"/thread/{trial}");
        Assert.Equal(HttpStatusCode.OK, status);
        var positions = new[] { trial, verdict, sentence }.Select(id => page.IndexOf($"href=\"/story/{id}\"", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("3 stories", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"score\">7.2</span>", page, StringComparison.Ordinal);
        // The site shows titles as plain text: the tags are gone, the words stay.
        Assert.Contains("Jury finds Derek Chauvin guilty of murder", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>murder</b>", page, StringComparison.Ordinal);

        var (feedStatus, feed, response) = await site.GetAsync($"/thread/{trial}/feed.xml");
        Assert.Equal(HttpStatusCode.OK, feedStatus);
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType!.MediaType);
        var items = System.Xml.Linq.XDocument.Parse(feed).Descendants("item").Select(i => (string)i.Element("link")!).ToList();
        Assert.Equal(3, items.Count);
        Assert.EndsWith($"/story/{sentence}", items[0], StringComparison.Ordinal);
        Assert.EndsWith($"/story/{trial}", items[2], StringComparison.Ordinal);

        var api = await site.JsonAsync($"/api/threads/{trial}");
        Assert.Equal(trial, api.GetProperty("id").GetInt64());
        Assert.Equal([trial, verdict, sentence], api.GetProperty("stories").EnumerateArray().Select(s => s.GetProperty("id").GetInt64()));
        var story = await site.JsonAsync($"/api/stories/{verdict}");
        Assert.Equal(trial, story.GetProperty("thread").GetProperty("id").GetInt64());
        Assert.Equal([trial, verdict, sentence], story.GetProperty("thread").GetProperty("stories").EnumerateArray().Select(s => s.GetInt64()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await site.JsonAsync($"/api/stories/{other}")).GetProperty("thread").ValueKind);
    }

    [Theory]
    [InlineData("/thread/abc")]
    [InlineData("/thread/-1")]
    [InlineData("/thread/99999")]
    [InlineData("/thread/999999999999999999999999")]
    [InlineData("/thread/%3Cscript%3E")]
    [InlineData("/thread/99999/feed.xml")]
    [InlineData("/thread/..%2f..%2fetc/feed.xml")]
    [InlineData("/api/threads/abc")]
    [InlineData("/api/threads/99999")]
    public async Task An_unknown_or_malformed_thread_is_not_found_never_an_error(string path)
    {
        var (site, _, _, _, other) = await ThreadAsync();
        await using var _ = site;

        var (status, body, _) = await site.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
        // A story in no thread is no thread either.
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync($"/thread/{other}")).Status);
    }

    [Fact]
    public async Task A_thread_id_whose_story_is_filed_in_an_older_thread_redirects_to_that_thread()
    {
        // As after two threads joined: the younger thread's id is a story of the older thread now.
        var (site, trial, verdict, _, _) = await ThreadAsync();
        await using var _ = site;

        var (status, _, response) = await site.GetAsync($"/thread/{verdict}");

        Assert.Equal(HttpStatusCode.MovedPermanently, status);
        Assert.Equal($"/thread/{trial}", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.MovedPermanently, (await site.GetAsync($"/api/threads/{verdict}")).Status);
    }

    /// <summary>A story that changed to another subject (it grew, took a merge, was retitled), linked again as the scoring stage links it.</summary>
    private static async Task DriftAsync(SiteFixture site, long story, string title, int seed)
    {
        await site.ExecuteAsync("UPDATE stories SET title = @t, centroid = @c WHERE id = @id", ("t", title), ("c", TextEmbedder.ToBytes(TestModels.Vector(0.1, seed))), ("id", story));
        await site.ExecuteAsync("UPDATE articles SET title = @t WHERE id = (SELECT representative_article_id FROM stories WHERE id = @id)", ("t", title), ("id", story));
        await site.Site.Services.GetRequiredService<StoryStore>().LinkThreadsAsync([story], CancellationToken.None);
    }

    [Fact]
    public async Task A_story_that_left_its_thread_is_no_longer_listed_on_the_thread_or_its_stories_and_a_thread_left_with_one_story_is_gone()
    {
        var (site, trial, verdict, sentence, _) = await ThreadAsync();
        await using var _ = site;
        Assert.Contains($"/story/{verdict}\"", (await site.GetAsync($"/thread/{trial}")).Body, StringComparison.Ordinal);

        await DriftAsync(site, verdict, "Storm knocks out power across <i>Texas</i>", 40);

        var (status, thread, _) = await site.GetAsync($"/thread/{trial}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"/story/{sentence}\"", thread, StringComparison.Ordinal);
        Assert.DoesNotContain($"/story/{verdict}\"", thread, StringComparison.Ordinal);
        Assert.DoesNotContain($"/story/{verdict}\"", (await site.GetAsync($"/thread/{trial}/feed.xml")).Body, StringComparison.Ordinal);
        var later = (await site.GetAsync($"/story/{sentence}")).Body;
        var from = later.IndexOf("Earlier in this thread", StringComparison.Ordinal);
        var earlier = later[from..later.IndexOf("</section>", from, StringComparison.Ordinal)];
        Assert.Contains($"/story/{trial}\"", earlier, StringComparison.Ordinal);
        Assert.DoesNotContain($"/story/{verdict}\"", earlier, StringComparison.Ordinal);
        var (leftStatus, left, _) = await site.GetAsync($"/story/{verdict}");
        Assert.Equal(HttpStatusCode.OK, leftStatus);
        Assert.DoesNotContain("in this thread", left, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync($"/thread/{verdict}")).Status);

        // The thread's first story leaves too: one story is left, which is no thread.
        await DriftAsync(site, trial, "Iran nuclear talks resume in Vienna", 41);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync($"/thread/{trial}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync($"/api/threads/{trial}")).Status);
        Assert.DoesNotContain("in this thread", (await site.GetAsync($"/story/{sentence}")).Body, StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await site.JsonAsync($"/api/stories/{sentence}")).GetProperty("thread").ValueKind);
    }

    [Fact]
    public async Task When_the_story_a_thread_is_named_after_leaves_it_the_old_thread_address_redirects_to_the_thread_under_its_new_id()
    {
        var (site, trial, verdict, sentence, _) = await ThreadAsync();
        await using var _ = site;

        await DriftAsync(site, trial, "Iran nuclear talks resume in Vienna", 42);

        var (status, _, response) = await site.GetAsync($"/thread/{trial}");
        Assert.Equal(HttpStatusCode.MovedPermanently, status);
        Assert.Equal($"/thread/{verdict}", response.Headers.Location!.OriginalString);
        Assert.Equal($"/api/threads/{verdict}", (await site.GetAsync($"/api/threads/{trial}")).Response.Headers.Location!.OriginalString);
        var (threadStatus, thread, _) = await site.GetAsync($"/thread/{verdict}");
        Assert.Equal(HttpStatusCode.OK, threadStatus);
        Assert.Contains($"/story/{sentence}\"", thread, StringComparison.Ordinal);
        Assert.DoesNotContain($"/story/{trial}\"", thread, StringComparison.Ordinal);
        Assert.DoesNotContain("in this thread", (await site.GetAsync($"/story/{trial}")).Body, StringComparison.Ordinal);
    }

    /// <summary>A thread of stories of one trial at the given times (UTC), linked as the scoring stage links them.</summary>
    private static async Task<(SiteFixture Site, List<long> Ids)> ThreadAtAsync(params DateTimeOffset[] times)
    {
        var site = await SiteFixture.CreateAsync();
        string[] titles = ["Derek Chauvin murder trial opens in Minneapolis", "Derek Chauvin trial hears <i>first</i> witness in Minneapolis",
            "Jury finds Derek Chauvin guilty of murder in Minneapolis"];
        var ids = new List<long>();
        for (var i = 0; i < times.Length; i++)
        {
            var id = await site.AddStoryAsync(titles[i], 5.0 + i, at: times[i]);
            await site.ExecuteAsync("UPDATE stories SET centroid = @c WHERE id = @id", ("c", TextEmbedder.ToBytes(TestModels.Vector(0.8, i + 1))), ("id", id));
            await site.Site.Services.GetRequiredService<StoryStore>().LinkThreadsAsync([id], CancellationToken.None);
            ids.Add(id);
        }
        return (site, ids);
    }

    [Fact]
    public async Task A_thread_of_one_day_says_on_that_day_and_tells_its_stories_apart_by_their_time()
    {
        var day = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        var (site, ids) = await ThreadAtAsync(day.AddHours(8).AddMinutes(5), day.AddHours(13).AddMinutes(40), day.AddHours(21).AddMinutes(10));
        await using var _ = site;

        var (status, page, _) = await site.GetAsync($"/thread/{ids[0]}");
        var story = (await site.GetAsync($"/story/{ids[2]}")).Body;

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("3 stories on 2 Mar 2026 ·", page, StringComparison.Ordinal);
        Assert.DoesNotContain("from 2 Mar 2026 to 2 Mar 2026", page, StringComparison.Ordinal);
        Assert.DoesNotContain("days after", page, StringComparison.Ordinal);
        foreach (var time in new[] { "08:05", "13:40", "21:10" })
        {
            Assert.Contains($"title=\"2 Mar 2026 {time} UTC\">2 Mar 2026 {time}</time>", page, StringComparison.Ordinal);
            if (time != "21:10")
            {
                // The story page's "Earlier in this thread" tells them apart the same way.
                Assert.Contains($">2 Mar 2026 {time}</time>", story, StringComparison.Ordinal);
            }
        }
        Assert.Contains("Derek Chauvin trial hears first witness", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>first</i>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_thread_over_days_gives_its_first_and_last_day_and_each_story_its_day()
    {
        var (site, ids) = await ThreadAtAsync(new DateTimeOffset(2026, 2, 1, 9, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 8, 23, 59, 0, TimeSpan.Zero));
        await using var _ = site;

        var (status, page, _) = await site.GetAsync($"/thread/{ids[0]}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("2 stories from 1 Feb 2026 to 8 Feb 2026 ·", page, StringComparison.Ordinal);
        Assert.Contains("title=\"1 Feb 2026 09:30 UTC\">1 Feb 2026</time>", page, StringComparison.Ordinal);
        Assert.Contains("title=\"8 Feb 2026 23:59 UTC\">8 Feb 2026</time>", page, StringComparison.Ordinal);
    }
}
