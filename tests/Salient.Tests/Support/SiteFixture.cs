using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Salient.Cli;
using Salient.Storage;
using Salient.Web;

namespace Salient.Tests.Support;

/// <summary>A fresh store served by the real site on 127.0.0.1, an HTTP client that does not follow redirects, and helpers to add data.</summary>
internal sealed class SiteFixture : IAsyncDisposable
{
    private readonly TempDir _dir;
    private readonly TestDatabase? _postgres;
    private long _articleSeq;

    private SiteFixture(TempDir dir, SalientApp app, SiteHost site, SiteOptions options, TestDatabase? postgres = null)
    {
        _dir = dir;
        _postgres = postgres;
        App = app;
        Site = site;
        Options = options;
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = site.BaseUri };
    }

    public SalientApp App { get; }
    public SiteHost Site { get; }
    public SiteOptions Options { get; }
    public HttpClient Client { get; }
    public Uri BaseUri => Site.BaseUri;

    /// <summary>The SQLite file the site serves, for a <c>salient</c> command run against the same store.</summary>
    public string DatabaseFile => _dir.File("salient.db");

    /// <summary>A folder of the fixture's own, to give a <c>salient</c> command run against this store as its data directory.</summary>
    public TempDir Folder => _dir;
    public static DateTimeOffset Now => DateTimeOffset.UtcNow;

    /// <param name="configure">Changes to the site's options.</param>
    /// <param name="services">Further registrations for the site's services (other stages' options, say); they win over the defaults.</param>
    /// <param name="engine">"sqlite" (a file of the fixture's own) or "postgres" (a new database on the server SALIENT_TEST_POSTGRES names).</param>
    public static async Task<SiteFixture> CreateAsync(Action<SiteOptions>? configure = null, Action<IServiceCollection>? services = null, string engine = "sqlite")
    {
        var dir = new TempDir();
        var options = new SiteOptions { ApiRequestsPerMinute = 0 };
        configure?.Invoke(options);
        var postgres = engine == "postgres" ? await TestDatabase.CreateAsync("postgres", migrate: false) : null;
        var app = await SalientApp.OpenAsync(postgres?.Target ?? dir.File("salient.db"), null, CancellationToken.None);
        var site = await SiteHost.StartAsync(app, "http://127.0.0.1:0", CancellationToken.None, hostedServices: false,
            configure: s =>
            {
                s.AddSingleton(options);
                services?.Invoke(s);
            });
        return new SiteFixture(dir, app, site, options, postgres);
    }

    public async Task<long> AddSourceAsync(string name, string country = "GB")
    {
        await using var conn = await App.Database.OpenAsync(CancellationToken.None);
        return await Sql.LongAsync(conn, null, "INSERT INTO sources (url, name, country, language, tier, created_at) VALUES (@u, @n, @c, 'en', 1, 0) RETURNING id",
            CancellationToken.None, ("u", $"https://{Guid.NewGuid():N}.example/feed.xml"), ("n", name), ("c", country));
    }

    public async Task<long> AddArticleAsync(long? sourceId, string title, DateTimeOffset at, long? storyId = null, string? url = null, string? excerpt = null)
    {
        await using var conn = await App.Database.OpenAsync(CancellationToken.None);
        var n = Interlocked.Increment(ref _articleSeq);
        return await Sql.LongAsync(conn, null, """
            INSERT INTO articles (source_id, url, canonical_url, title, excerpt, published_at, discovered_at, stage, story_id)
            VALUES (@s, @u, @cu, @t, @e, @at, @at, 30, @story) RETURNING id
            """, CancellationToken.None, ("s", sourceId), ("u", url ?? $"https://news.example/a/{n}"), ("cu", $"https://news.example/a/{n}-{Guid.NewGuid():N}"),
            ("t", title), ("e", excerpt), ("at", Clock.ToUnixMs(at)), ("story", storyId));
    }

    /// <summary>Adds a story with <paramref name="articles"/> articles from the named outlets (created as sources).</summary>
    public async Task<long> AddStoryAsync(string title, double? score, DateTimeOffset? at = null, string? summary = null, string[]? outlets = null,
        int articles = 2, object? factors = null, string? reason = null, Func<IReadOnlyList<long>, object>? summarySources = null)
    {
        var when = at ?? Now.AddHours(-2);
        outlets ??= ["Reuters", "BBC News"];
        await using var conn = await App.Database.OpenAsync(CancellationToken.None);
        var id = await Sql.LongAsync(conn, null, """
            INSERT INTO stories (status, first_seen, last_updated, first_published, last_published, article_count, outlet_count, outlets, countries,
                score, factors, reason, title, summary, version, scored_version)
            VALUES ('open', @t, @t, @t, @t, @n, @oc, @o, '["GB"]', @score, @f, @r, @title, @summary, 1, 1) RETURNING id
            """, CancellationToken.None, ("t", Clock.ToUnixMs(when)), ("n", articles), ("oc", outlets.Length), ("o", JsonSerializer.Serialize(outlets)),
            ("score", score), ("f", factors is null ? null : JsonSerializer.Serialize(factors)), ("r", reason), ("title", title), ("summary", summary ?? $"What happened: {title}."));
        var ids = new List<long>();
        for (var i = 0; i < articles; i++)
        {
            var outlet = outlets[i % outlets.Length];
            var sourceId = await Sql.ScalarAsync(conn, null, "SELECT id FROM sources WHERE name = @n", CancellationToken.None, ("n", outlet)) is { } sid
                ? Convert.ToInt64(sid, System.Globalization.CultureInfo.InvariantCulture)
                : await AddSourceAsync(outlet);
            ids.Add(await AddArticleAsync(sourceId, $"{title} ({outlet})", when.AddMinutes(-i), id));
        }
        await Sql.ExecuteAsync(conn, null, "UPDATE stories SET representative_article_id = @a, summary_sources = @ss WHERE id = @id", CancellationToken.None,
            ("a", ids[0]), ("ss", summarySources is null ? null : JsonSerializer.Serialize(summarySources(ids))), ("id", id));
        return id;
    }

    public async Task ExecuteAsync(string sql, params (string, object?)[] args)
    {
        await using var conn = await App.Database.OpenAsync(CancellationToken.None);
        await Sql.ExecuteAsync(conn, null, sql, CancellationToken.None, args);
    }

    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(string path, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        var response = await Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public async Task<JsonElement> JsonAsync(string path)
    {
        var (status, body, _) = await GetAsync(path);
        Assert.True(status == HttpStatusCode.OK, $"{path} answered {(int)status}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Site.DisposeAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        _dir.Dispose();
    }
}
