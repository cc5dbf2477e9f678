using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;

namespace Salient.Storage;

/// <summary>
/// What differs between the two engines Salient stores its data in, SQLite and PostgreSQL; every other statement
/// is written once and runs on both (<c>@name</c> parameters, times as Unix milliseconds, and upserts as
/// <c>INSERT … ON CONFLICT … DO UPDATE/DO NOTHING … RETURNING</c>, which both engines take as written).
/// <list type="bullet">
/// <item>Lease claims: PostgreSQL skips rows another worker is claiming (<c>FOR UPDATE SKIP LOCKED</c>); SQLite lets
/// one writer at a time in, so its claim needs nothing more.</item>
/// <item>Locks: PostgreSQL session advisory locks, released by the server when a worker dies; SQLite serves one
/// process, so an in-process semaphore does (and migrations need none: their transaction holds the file's write lock).</item>
/// <item>Full-text search: FTS5 tables (<c>articles_fts</c>, <c>stories_fts</c>) on SQLite, <c>tsvector</c> on PostgreSQL.</item>
/// </list>
/// </summary>
internal abstract class SqlDialect
{
    public static readonly SqlDialect Sqlite = new SqliteDialect();
    public static readonly SqlDialect Postgres = new PostgresDialect();

    /// <summary>The advisory lock that serialises migrations across workers that start together.</summary>
    public const long MigrationLockKey = 7245001;

    /// <summary>The lock that serialises grouping across workers.</summary>
    public const long GroupingLockKey = 7245030;

    /// <summary>The engine's name, as its migrations folder is named (<c>Migrations/Sqlite</c>, <c>Migrations/Postgres</c>).</summary>
    public abstract string Name { get; }

    public override string ToString() => Name;

    /// <summary>Appended to the <c>SELECT</c> that picks the rows a lease claim takes.</summary>
    public abstract string ClaimLock { get; }

    /// <summary>Holds <paramref name="key"/> on this connection until disposed (migrations).</summary>
    public abstract Task<IAsyncDisposable> HoldLockAsync(DbConnection conn, long key, CancellationToken ct);

    /// <summary>Takes <paramref name="key"/> for the caller until disposed; null when another worker holds it right now.</summary>
    public abstract Task<IAsyncDisposable?> TryLockAsync(Database db, long key, CancellationToken ct);

    /// <summary>
    /// A condition on articles (alias <c>a</c>) that holds when the article matches what a reader typed, with the value
    /// of its parameter <c>@q</c>; null when the text holds nothing searchable.
    /// </summary>
    public abstract (string Where, string Arg)? ArticleSearch(string text);

    /// <summary>
    /// What follows <c>FROM articles a</c> when the articles are chosen by a full-text match: on SQLite the index by id that
    /// holds their stage, story and time (<c>ix_articles_site</c>), so choosing them never reads their rows, most of which
    /// lie in overflow pages behind the article's text; nothing on PostgreSQL, whose rows keep long text apart.
    /// </summary>
    public abstract string MatchedArticles { get; }

    /// <summary>A condition on stories (alias <c>s</c>) that holds when the story's text or any of its articles matches, with <c>@q</c>'s value; null when nothing is searchable.</summary>
    public abstract (string Where, string Arg)? StorySearch(string text);

    /// <summary>
    /// A subquery of (id, rank) over stories whose title or summary holds any of <paramref name="words"/>, best first,
    /// with <c>@match</c>'s value; null where the engine has no such ranking (PostgreSQL).
    /// </summary>
    public abstract (string Sql, string Arg)? StoriesWithAnyWord(IReadOnlyList<string> words);

    private sealed class Releaser(Func<ValueTask> release) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => release();
    }

    private sealed class SqliteDialect : SqlDialect
    {
        private static readonly ConcurrentDictionary<long, SemaphoreSlim> Local = new();

        public override string Name => "Sqlite";

        public override string ClaimLock => string.Empty;

        public override Task<IAsyncDisposable> HoldLockAsync(DbConnection conn, long key, CancellationToken ct) =>
            Task.FromResult<IAsyncDisposable>(new Releaser(() => ValueTask.CompletedTask));

        public override async Task<IAsyncDisposable?> TryLockAsync(Database db, long key, CancellationToken ct)
        {
            var gate = Local.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync(ct).ConfigureAwait(false);
            return new Releaser(() => { gate.Release(); return ValueTask.CompletedTask; });
        }

        public override (string Where, string Arg)? ArticleSearch(string text) =>
            FtsQuery.Build(text) is { } match ? ("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH @q)", match) : null;

        public override string MatchedArticles => " INDEXED BY ix_articles_site";

        public override (string Where, string Arg)? StorySearch(string text) =>
            FtsQuery.Build(text) is { } match
                ? ($"""
                   (s.id IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH @q)
                    OR s.id IN (SELECT a.story_id FROM articles a{MatchedArticles} WHERE a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH @q)))
                   """, match)
                : null;

        public override (string Sql, string Arg)? StoriesWithAnyWord(IReadOnlyList<string> words) =>
            words.Count == 0 ? null : ("SELECT rowid AS id, rank FROM stories_fts WHERE stories_fts MATCH @match ORDER BY rank LIMIT 50", string.Join(" OR ", words.Select(FtsQuery.Quote)));
    }

    private sealed class PostgresDialect : SqlDialect
    {
        private const string ArticleVector = "to_tsvector('simple', COALESCE(a.title, '') || ' ' || COALESCE(a.excerpt, a.feed_summary, ''))";

        public override string Name => "Postgres";

        public override string ClaimLock => " FOR UPDATE SKIP LOCKED";

        public override async Task<IAsyncDisposable> HoldLockAsync(DbConnection conn, long key, CancellationToken ct)
        {
            await Sql.ExecuteAsync(conn, null, $"SELECT pg_advisory_lock({key})", ct).ConfigureAwait(false);
            return new Releaser(async () => await Sql.ExecuteAsync(conn, null, $"SELECT pg_advisory_unlock({key})", CancellationToken.None).ConfigureAwait(false));
        }

        public override async Task<IAsyncDisposable?> TryLockAsync(Database db, long key, CancellationToken ct)
        {
            var conn = await db.OpenAsync(ct).ConfigureAwait(false);
            try
            {
                if (await Sql.ScalarAsync(conn, null, $"SELECT pg_try_advisory_lock({key})", ct).ConfigureAwait(false) is not true)
                {
                    await conn.DisposeAsync().ConfigureAwait(false);
                    return null;
                }
            }
            catch
            {
                await conn.DisposeAsync().ConfigureAwait(false);
                throw;
            }
            return new Releaser(async () =>
            {
                try
                {
                    await Sql.ExecuteAsync(conn, null, $"SELECT pg_advisory_unlock({key})", CancellationToken.None).ConfigureAwait(false);
                }
                finally
                {
                    await conn.DisposeAsync().ConfigureAwait(false);
                }
            });
        }

        public override (string Where, string Arg)? ArticleSearch(string text) =>
            ($"{ArticleVector} @@ websearch_to_tsquery('simple', @q)", text);

        public override string MatchedArticles => string.Empty;

        public override (string Where, string Arg)? StorySearch(string text) =>
            ($"""
              (to_tsvector('simple', COALESCE(s.title, '') || ' ' || COALESCE(s.summary, '')) @@ websearch_to_tsquery('simple', @q)
               OR s.id IN (SELECT a.story_id FROM articles a WHERE {ArticleVector} @@ websearch_to_tsquery('simple', @q)))
              """, text);

        public override (string Sql, string Arg)? StoriesWithAnyWord(IReadOnlyList<string> words) => null;
    }
}

/// <summary>Turns what a reader types into a safe FTS5 query: words and "quoted phrases", all required; word* for a prefix.</summary>
internal static class FtsQuery
{
    public static string? Build(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var parts = new List<string>();
        var i = 0;
        var s = text.Length > 500 ? text[..500] : text;
        while (i < s.Length)
        {
            if (s[i] == '"')
            {
                var end = s.IndexOf('"', i + 1);
                var phrase = end < 0 ? s[(i + 1)..] : s[(i + 1)..end];
                i = end < 0 ? s.Length : end + 1;
                var words = Words(phrase).ToList();
                if (words.Count > 0)
                {
                    parts.Add(Quote(string.Join(' ', words)));
                }
                continue;
            }
            var next = s.IndexOfAny([' ', '\t', '\n', '\r', '"'], i);
            var token = next < 0 ? s[i..] : s[i..next];
            i = next < 0 ? s.Length : (s[next] == '"' ? next : next + 1);
            var prefix = token.EndsWith('*');
            foreach (var w in Words(token))
            {
                parts.Add(Quote(w));
            }
            if (prefix && parts.Count > 0 && Words(token).Any())
            {
                parts[^1] += "*";
            }
        }
        return parts.Count == 0 ? null : string.Join(' ', parts.Take(20));
    }

    /// <summary>The words of a text: runs of letters and digits.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0)
            {
                yield return sb.ToString();
                sb.Clear();
            }
        }
        if (sb.Length > 0)
        {
            yield return sb.ToString();
        }
    }

    public static string Quote(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
