using Salient.Cli;
using Salient.Polling;
using Salient.Sources;
using Salient.Storage;
using Salient.Tests.Support;

namespace Salient.Tests.Sources;

public sealed class SourceCommandsTests
{
    private static SourceStore Store(string db) => new(Database.Create(db), TimeProvider.System);

    [Fact]
    public async Task Add_list_remove_and_export_work_on_one_store()
    {
        using var dir = new TempDir();
        var db = dir.File("s.db");
        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "sources", "add", "https://news.example/rss", "--name", "News", "--country", "fr", "--language", "FR", "--tier", "1"]));
        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "sources", "add", "https://news.example/rss"]));
        var s = Assert.Single(await Store(db).ListAsync(CancellationToken.None));
        Assert.Equal(("News", "FR", "fr", 1), (s.Name, s.Country, s.Language, s.Tier));
        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "sources", "list"]));
        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "sources", "export"]));
        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "sources", "remove", s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
        Assert.Empty(await Store(db).ListAsync(CancellationToken.None));
        Assert.Equal(1, await SalientCli.RunAsync(["--db", db, "sources", "remove", "999"]));
    }

    [Theory]
    [InlineData("not-a-url")]
    [InlineData("ftp://example.com/feed")]
    public async Task Adding_something_that_is_not_a_web_address_is_a_usage_error(string url)
    {
        using var dir = new TempDir();
        Assert.Equal(2, await SalientCli.RunAsync(["--db", dir.File("s.db"), "sources", "add", url]));
    }

    [Fact]
    public async Task A_broken_opml_file_imports_nothing_and_keeps_what_was_stored()
    {
        using var dir = new TempDir();
        var db = dir.File("s.db");
        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "sources", "add", "https://kept.example/rss"]));
        File.WriteAllText(dir.File("bad.opml"), "<opml><body><outline xmlUrl=\"https://new.example/rss\"></body>");
        Assert.Equal(1, await SalientCli.RunAsync(["--db", db, "sources", "import", dir.File("bad.opml")]));
        Assert.Equal(["https://kept.example/rss"], (await Store(db).ListAsync(CancellationToken.None)).Select(s => s.Url));
        Assert.Equal(2, await SalientCli.RunAsync(["--db", db, "sources", "import", dir.File("missing.opml")]));
    }

    [Fact]
    public async Task Importing_into_a_new_store_keeps_it_from_ever_being_seeded_with_the_defaults()
    {
        using var dir = new TempDir();
        var db = dir.File("s.db");
        File.WriteAllText(dir.File("mine.opml"), "<opml><body><outline xmlUrl=\"https://mine.example/rss\"/></body></opml>");
        Assert.Equal(0, await SalientCli.RunAsync(["--db", db, "sources", "import", dir.File("mine.opml")]));
        var store = Store(db);
        var seeder = new SourceSeeder(store, new SourcesOptions(), new PollingOptions());
        Assert.Equal(0, await seeder.SeedIfNewAsync(skip: false, CancellationToken.None, [Default("https://default.example/rss")]));
        Assert.Single(await store.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_new_store_is_seeded_once_and_a_removed_default_never_comes_back()
    {
        using var dir = new TempDir();
        var database = Database.Create(dir.File("s.db"));
        await database.MigrateAsync(CancellationToken.None);
        var store = new SourceStore(database, TimeProvider.System);
        var seeder = new SourceSeeder(store, new SourcesOptions(), new PollingOptions());
        IReadOnlyList<DefaultSource> list = [Default("https://one.example/rss"), Default("https://two.example/rss")];
        Assert.Equal(0, await seeder.SeedIfNewAsync(skip: true, CancellationToken.None, list));
        Assert.Equal(2, await seeder.SeedIfNewAsync(skip: false, CancellationToken.None, list));
        var one = (await store.FindByUrlAsync("https://one.example/rss", CancellationToken.None))!;
        Assert.True(await store.RemoveAsync(one.Id, CancellationToken.None));
        Assert.Equal(0, await seeder.SeedIfNewAsync(skip: false, CancellationToken.None, list));
        var (added, _) = await store.AddAsync(list.Select(d => d.ToNewSource()).ToList(), byUser: false, 900, CancellationToken.None);
        Assert.Equal(0, added);
        Assert.Equal(["https://two.example/rss"], (await store.ListAsync(CancellationToken.None)).Select(s => s.Url));
    }

    [Fact]
    public async Task Seeding_can_be_turned_off_by_configuration()
    {
        using var dir = new TempDir();
        var database = Database.Create(dir.File("s.db"));
        await database.MigrateAsync(CancellationToken.None);
        var store = new SourceStore(database, TimeProvider.System);
        var seeder = new SourceSeeder(store, new SourcesOptions { SeedDefaults = false }, new PollingOptions());
        Assert.Equal(0, await seeder.SeedIfNewAsync(skip: false, CancellationToken.None, [Default("https://one.example/rss")]));
        Assert.Empty(await store.ListAsync(CancellationToken.None));
    }

    [Fact]
    public void The_shipped_default_list_reads_with_valid_feed_addresses_and_tiers()
    {
        var list = DefaultSources.Load();
        Assert.NotEmpty(list);
        Assert.All(list, d =>
        {
            Assert.True(Uri.TryCreate(d.Url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https", d.Url);
            Assert.InRange(d.Tier, 1, 3);
            Assert.False(string.IsNullOrWhiteSpace(d.Name));
        });
        Assert.Equal(list.Count, list.Select(d => d.Url).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Re_adding_a_source_changes_only_the_options_given_says_what_changed_and_a_new_one_gets_tier_2()
    {
        using var dir = new TempDir();
        var db = dir.File("s.db");
        Task<(int Exit, string[] Lines, string Stderr)> Run(params string[] args) => SalientProcess.RunAsync(["--db", db, .. args], dir);
        Assert.Equal(0, (await Run("sources", "add", "https://news.example/rss", "--name", "News", "--country", "fr", "--language", "fr", "--tier", "1", "--category", "world")).Exit);

        var tier = await Run("sources", "add", "https://news.example/rss", "--tier", "3");
        Assert.Equal(0, tier.Exit);
        Assert.Contains("(tier 1 → 3): News <https://news.example/rss>", string.Join('\n', tier.Lines), StringComparison.Ordinal);
        var s = Assert.Single(await Store(db).ListAsync(CancellationToken.None));
        Assert.Equal(("News", "FR", "fr", 3, "world"), (s.Name, s.Country, s.Language, s.Tier, s.Category));

        var two = await Run("sources", "add", "https://news.example/rss", "--country", "be", "--name", "Nouvelles");
        Assert.Contains("(name News → Nouvelles; country FR → BE)", string.Join('\n', two.Lines), StringComparison.Ordinal);
        s = Assert.Single(await Store(db).ListAsync(CancellationToken.None));
        Assert.Equal(("Nouvelles", "BE", "fr", 3, "world"), (s.Name, s.Country, s.Language, s.Tier, s.Category));

        var same = await Run("sources", "add", "https://news.example/rss", "--tier", "3");
        Assert.Contains("already polls <https://news.example/rss>; nothing changed", string.Join('\n', same.Lines), StringComparison.Ordinal);

        Assert.Equal(0, (await Run("sources", "add", "https://other.example/rss")).Exit);
        Assert.Equal(2, (await Store(db).FindByUrlAsync("https://other.example/rss", CancellationToken.None))!.Tier);
    }

    [Theory]
    [InlineData("--tier", "abc", "--tier must be 1, 2 or 3, not 'abc'")]
    [InlineData("--tier", "0", "--tier must be 1, 2 or 3, not '0'")]
    [InlineData("--tier", "4", "--tier must be 1, 2 or 3, not '4'")]
    [InlineData("--tier", "99999999999999999999", "--tier must be 1, 2 or 3")]
    [InlineData("--country", "<b>GB</b>", "--country '<b>GB</b>' is not a two-letter ISO 3166 country code")]
    [InlineData("--country", "GBR", "--country 'GBR' is not a two-letter ISO 3166 country code")]
    [InlineData("--language", "english", "--language 'english' is not an ISO 639 language code")]
    public async Task A_bad_tier_country_or_language_is_refused_naming_the_option_and_changes_nothing(string option, string bad, string message)
    {
        using var dir = new TempDir();
        var db = dir.File("s.db");
        Task<(int Exit, string[] Lines, string Stderr)> Run(params string[] args) => SalientProcess.RunAsync(["--db", db, .. args], dir);
        Assert.Equal(0, (await Run("sources", "add", "https://news.example/rss", "--name", "News", "--country", "GB", "--tier", "1")).Exit);

        var changed = await Run("sources", "add", "https://news.example/rss", "--name", "Renamed", option, bad);
        var added = await Run("sources", "add", "https://new.example/rss", option, bad);

        foreach (var r in new[] { changed, added })
        {
            Assert.Equal(2, r.Exit);
            Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
            SalientProcess.NoStackTrace(r.Stderr);
        }
        var s = Assert.Single(await Store(db).ListAsync(CancellationToken.None));
        Assert.Equal(("News", "GB", 1), (s.Name, s.Country, s.Tier));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Updating_a_sources_details_keeps_its_poll_state(string engine)
    {
        await using var t = await TestDatabase.CreateAsync(engine);
        var store = new SourceStore(t.Database, TimeProvider.System);
        await store.AddAsync([new NewSource("https://news.example/rss", "News", null, "GB", "en", 1, "world")], byUser: true, 600, CancellationToken.None);
        var before = (await store.FindByUrlAsync("https://news.example/rss", CancellationToken.None))!;

        Assert.True(await store.UpdateDetailsAsync(before.Id, " Nouvelles ", "FR", null, 3, null, CancellationToken.None));
        Assert.False(await store.UpdateDetailsAsync(before.Id + 1000, "Nobody", null, null, 2, null, CancellationToken.None));

        var after = (await store.GetAsync(before.Id, CancellationToken.None))!;
        Assert.Equal(("Nouvelles", "FR", (string?)null, 3, (string?)null), (after.Name, after.Country, after.Language, after.Tier, after.Category));
        Assert.Equal((before.PollIntervalSeconds, before.NextPollAt, before.Enabled), (after.PollIntervalSeconds, after.NextPollAt, after.Enabled));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.UpdateDetailsAsync(before.Id, "News", null, null, 4, null, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_feed_address_longer_than_any_server_serves_is_refused_by_add_and_skipped_by_import_on_both_engines(string engine)
    {
        // PostgreSQL cannot index such an address (a btree entry holds 2,704 bytes): stored as given, it ends the command.
        await using var t = await TestDatabase.CreateAsync(engine, migrate: false);
        using var dir = new TempDir();
        var random = new Random(5);
        var tooLong = "https://news.example/rss?" + new string(Enumerable.Range(0, 6000).Select(_ => (char)('a' + random.Next(26))).ToArray());
        Assert.Equal(0, await SalientCli.RunAsync(["--db", t.Target, "sources", "add", "https://kept.example/rss"]));

        Assert.Equal(2, await SalientCli.RunAsync(["--db", t.Target, "sources", "add", tooLong]));
        File.WriteAllText(dir.File("feeds.opml"), $"<opml version=\"2.0\"><body><outline text=\"Long\" xmlUrl=\"{tooLong}\"/><outline text=\"New\" xmlUrl=\"https://new.example/rss\"/></body></opml>");
        Assert.Equal(0, await SalientCli.RunAsync(["--db", t.Target, "sources", "import", dir.File("feeds.opml")]));
        var (added, skipped) = await new SourceStore(t.Database, TimeProvider.System).AddAsync([new NewSource(tooLong, "Long", null, null, null, 2, null)], byUser: true, 600, CancellationToken.None);

        Assert.Equal((0, 1), (added, skipped));
        Assert.Equal(["https://kept.example/rss", "https://new.example/rss"], (await new SourceStore(t.Database, TimeProvider.System).ListAsync(CancellationToken.None)).Select(s => s.Url).Order(StringComparer.Ordinal));
        Assert.Contains("6,025 characters long; a feed address may have at most 2,000", SourceStore.UrlTooLong(tooLong), StringComparison.Ordinal);
    }

    private static DefaultSource Default(string url) => new("Default", url, null, "GB", "en", 1, "world", true);
}
