using Microsoft.Extensions.DependencyInjection;
using Salient.Cli;
using Salient.Digest;
using Salient.Storage;

namespace Salient.Tests.Support;

/// <summary>
/// A fresh store with the digest's services and fast retries, and helpers to add stories. Everything — the store, the
/// service and the stories added here — reads one <see cref="ManualClock"/>, which stands still unless the test moves it.
/// </summary>
internal sealed class DigestFixture : IAsyncDisposable
{
    private readonly TestDatabase _db;

    private DigestFixture(SalientApp app, DigestOptions options, TestDatabase db, ManualClock clock)
    {
        App = app;
        Options = options;
        _db = db;
        Clock = clock;
    }

    public ManualClock Clock { get; }

    public SalientApp App { get; }
    public DigestOptions Options { get; }
    public DigestStore Store => App.Get<DigestStore>();
    public DigestService Service => App.Get<DigestService>();

    /// <param name="services">Further registrations (other stages' options, say); they win over the defaults.</param>
    public static async Task<DigestFixture> CreateAsync(Action<DigestOptions>? configure = null, string engine = "sqlite", Action<IServiceCollection>? services = null)
    {
        var db = await TestDatabase.CreateAsync(engine, migrate: false);
        var options = new DigestOptions { RetryDelaySeconds = 0.05, SiteUrl = "http://127.0.0.1:5080", Secret = "test-secret" };
        configure?.Invoke(options);
        var clock = new ManualClock();
        var app = await SalientApp.OpenAsync(db.Target, null, CancellationToken.None,
            configure: s =>
            {
                s.AddSingleton(options).AddSingleton<TimeProvider>(clock);
                services?.Invoke(s);
            });
        return new DigestFixture(app, options, db, clock);
    }

    public async Task<long> AddStoryAsync(string title, double score, string? summary = null, string[]? outlets = null, DateTimeOffset? scoredAt = null)
    {
        await using var conn = await App.Database.OpenAsync(CancellationToken.None);
        var now = global::Salient.Storage.Clock.ToUnixMs(scoredAt ?? Clock.GetUtcNow());
        return await Sql.LongAsync(conn, null, """
            INSERT INTO stories (status, first_seen, last_updated, article_count, outlet_count, outlets, score, scored_at, title, summary, version, scored_version)
            VALUES ('open', @now, @now, 2, 2, @outlets, @score, @now, @title, @summary, 1, 1) RETURNING id
            """, CancellationToken.None, ("now", now), ("outlets", System.Text.Json.JsonSerializer.Serialize(outlets ?? ["Reuters", "BBC News"])),
            ("score", score), ("title", title), ("summary", summary ?? $"Summary of {title}."));
    }

    /// <summary>Files a story under desks (primary first) and the countries it is about, as scoring does.</summary>
    public Task FileAsync(long id, string[] desks, params string[] countries) =>
        App.Get<SectionStore>().SaveAsync(id, new global::Salient.Sections.StorySections(desks.Select(d => new global::Salient.Sections.TopicScore(d, 0.8)).ToList(), countries),
            CancellationToken.None);

    public async Task GrowStoryAsync(long id, double newScore)
    {
        await using var conn = await App.Database.OpenAsync(CancellationToken.None);
        await Sql.ExecuteAsync(conn, null, "UPDATE stories SET score = @s, scored_at = @now, last_updated = @now, article_count = article_count + 3, version = version + 1 WHERE id = @id",
            CancellationToken.None, ("s", newScore), ("now", global::Salient.Storage.Clock.ToUnixMs(Clock.GetUtcNow())), ("id", id));
    }

    /// <summary>Merges <paramref name="gone"/> into <paramref name="keep"/> as the group stage does.</summary>
    public async Task MergeAsync(long gone, long keep)
    {
        await using var conn = await App.Database.OpenAsync(CancellationToken.None);
        await Sql.ExecuteAsync(conn, null, "UPDATE stories SET merged_into = @keep WHERE merged_into = @gone", CancellationToken.None, ("keep", keep), ("gone", gone));
        await Sql.ExecuteAsync(conn, null, "UPDATE stories SET status = 'merged', merged_into = @keep, article_count = 0, version = version + 1 WHERE id = @gone",
            CancellationToken.None, ("keep", keep), ("gone", gone));
    }

    public async Task<string> DeliveryStatusAsync(long subscriberId)
    {
        await using var conn = await App.Database.OpenAsync(CancellationToken.None);
        return (string)(await Sql.ScalarAsync(conn, null, "SELECT status FROM digest_deliveries WHERE subscriber_id = @id ORDER BY id DESC LIMIT 1", CancellationToken.None, ("id", subscriberId)))!;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await _db.DisposeAsync();
    }
}
