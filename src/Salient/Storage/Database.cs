using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Salient.Storage;

/// <summary>
/// One database, SQLite or PostgreSQL, chosen by the shape of its target: a connection string with
/// <c>Host=</c> is PostgreSQL, anything else is a SQLite file path. Every statement lives in the stores of this
/// folder, written once for both engines with <c>@name</c> parameters; times are stored as Unix milliseconds
/// (integers). What differs between the engines is asked of <see cref="Dialect"/>.
/// </summary>
internal sealed class Database
{
    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _pg;

    private Database(SqlDialect dialect, string connectionString, string display)
    {
        Dialect = dialect;
        _connectionString = connectionString;
        Display = display;
        if (dialect == SqlDialect.Postgres)
        {
            _pg = NpgsqlDataSource.Create(connectionString);
        }
    }

    public SqlDialect Dialect { get; }

    private bool _triedCreate;

    /// <summary>Where the data lives, without secrets: a file path or host/database.</summary>
    public string Display { get; }

    public bool IsPostgres => Dialect == SqlDialect.Postgres;

    public static bool LooksLikePostgres(string target) =>
        target.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || target.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || target.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The database <paramref name="target"/> names, checked before anything is created: a PostgreSQL connection string
    /// must name a host and a database, text shaped like a connection string that is not one is refused (not taken
    /// for a file name), and a SQLite file's folder must exist unless <paramref name="createFolder"/> (the default data
    /// directory). Messages never repeat a password.
    /// </summary>
    public static Database Create(string target, bool createFolder = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        if (LooksLikePostgres(target))
        {
            NpgsqlConnectionStringBuilder builder;
            try
            {
                builder = target.Contains("://", StringComparison.Ordinal) ? FromUrl(target) : new NpgsqlConnectionStringBuilder(target);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException or KeyNotFoundException)
            {
                throw new SalientException($"database '{Redact(target)}' is not a valid PostgreSQL connection string ({Redact(e.Message)}); use the form Host=...;Database=...;Username=...", e);
            }
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                throw new SalientException($"database '{Redact(target)}' names no host; add Host=NAME (the PostgreSQL server) to the connection string");
            }
            if (string.IsNullOrWhiteSpace(builder.Database))
            {
                throw new SalientException($"database '{Redact(target)}' names no database; add Database=NAME to the connection string");
            }
            return new Database(SqlDialect.Postgres, builder.ConnectionString, $"postgresql://{builder.Host}/{builder.Database}");
        }
        if (target.Contains(';', StringComparison.Ordinal) && target.Contains('=', StringComparison.Ordinal))
        {
            throw new SalientException($"database '{Redact(target)}' looks like a connection string but names no Host; give a PostgreSQL connection string (Host=...;Database=...) or a SQLite file path");
        }
        var path = Path.GetFullPath(target);
        var dir = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(dir) && !Directory.Exists(dir))
        {
            if (!createFolder)
            {
                throw new SalientException($"the folder '{dir}' of database '{path}' does not exist; create it first or give another path with --db");
            }
            try
            {
                Directory.CreateDirectory(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new SalientException($"cannot create the folder '{dir}' for database '{path}': {e.Message}; choose another path with --db", e);
            }
        }
        if (Directory.Exists(path))
        {
            throw new SalientException($"database path '{path}' is a folder; give a file path with --db");
        }
        var cs = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Default,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        return new Database(SqlDialect.Sqlite, cs, path);
    }

    /// <summary>A connection string or URL with the value of every password (and the user information of a URL) replaced.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var noUrlPassword = System.Text.RegularExpressions.Regex.Replace(text, @"(://[^:/@\s]*):[^@/\s]*@", "$1:***@", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        return System.Text.RegularExpressions.Regex.Replace(noUrlPassword, @"(?i)\b(password|pwd|passfile)\s*=\s*[^;]*", "$1=***", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
    }

    /// <summary>A <c>postgres://user:pass@host:port/db</c> URL as a connection string.</summary>
    private static NpgsqlConnectionStringBuilder FromUrl(string url)
    {
        var uri = new Uri(url);
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host, Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }
        return builder;
    }

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        if (_pg is not null)
        {
            try
            {
                return await _pg.OpenConnectionAsync(ct).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName && !_triedCreate)
            {
                // A database that does not exist yet is created, as a SQLite file would be.
                _triedCreate = true;
                await CreatePostgresDatabaseAsync(ct).ConfigureAwait(false);
                return await _pg.OpenConnectionAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException or PostgresException)
            {
                throw new SalientException($"cannot open database '{Display}': {Redact(e.Message)}; check the connection string given with --db and that the server is running", e);
            }
        }
        var conn = new SqliteConnection(_connectionString);
        try
        {
            await conn.OpenAsync(ct).ConfigureAwait(false);
            await using var cmd = conn.CreateCommand();
            // mmap_size: reads come straight from the operating system's page cache, shared by every pooled connection,
            // instead of through each connection's own 2 MB cache, which a store larger than that keeps missing.
            cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000; PRAGMA mmap_size=268435456;";
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        catch (SqliteException e)
        {
            await conn.DisposeAsync().ConfigureAwait(false);
            throw new SalientException($"cannot open database '{Display}': {e.Message}; check the path given with --db is a Salient SQLite file you can write", e);
        }
        return conn;
    }

    private async Task CreatePostgresDatabaseAsync(CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(_connectionString);
        var name = builder.Database ?? throw new SalientException($"database '{Display}' names no database; add Database=NAME to the connection string");
        builder.Database = "postgres";
        builder.Pooling = false;
        await using var conn = new NpgsqlConnection(builder.ConnectionString);
        await conn.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\" ENCODING 'UTF8' TEMPLATE template0";
        try
        {
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another worker created it first.
        }
    }

    /// <summary>Applies every migration not yet applied, in order. Migrations are append-only files named NNNN_name.sql.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct)
    {
        var applied = new List<string>();
        await using var conn = await OpenAsync(ct).ConfigureAwait(false);
        // Serialise migrations across workers that start together.
        await using (await Dialect.HoldLockAsync(conn, SqlDialect.MigrationLockKey, ct).ConfigureAwait(false))
        {
            await Sql.ExecuteAsync(conn, null,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)", ct).ConfigureAwait(false);
            var rows = await Sql.QueryAsync(conn, null, "SELECT version, name FROM schema_migrations ORDER BY version",
                r => (Version: Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), Name: r.GetValue(1) as string ?? "?"), ct).ConfigureAwait(false);
            var done = rows.Select(r => r.Version).ToHashSet();
            var known = Migrations(Dialect);
            // A store already moved on by a newer version: this one's code would misread it, so it touches nothing.
            if (rows.Where(r => !known.Any(m => m.Version == r.Version)).ToList() is { Count: > 0 } unknown)
            {
                throw new SalientException(
                    $"'{Display}' was written by a newer version of Salient (it has migration {string.Join(", ", unknown.Select(u => $"{u.Version:D4}_{u.Name}"))}, which this version does not know); " +
                    "upgrade Salient to use it, or give another --db; nothing was changed");
            }
            foreach (var migration in known)
            {
                if (done.Contains(migration.Version))
                {
                    continue;
                }
                await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
                try
                {
                    // SQLite has no lock across processes before this transaction takes the write lock: another process
                    // that started at the same moment may have applied the migration meanwhile.
                    if (await Sql.ScalarAsync(conn, tx, "SELECT 1 FROM schema_migrations WHERE version = @v", ct, ("v", migration.Version)).ConfigureAwait(false) is not null)
                    {
                        await tx.RollbackAsync(ct).ConfigureAwait(false);
                        continue;
                    }
                    await Sql.ExecuteAsync(conn, tx, migration.Sql, ct).ConfigureAwait(false);
                    await Sql.ExecuteAsync(conn, tx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@v, @n, @t)", ct,
                        ("v", migration.Version), ("n", migration.Name), ("t", Clock.ToUnixMs(DateTimeOffset.UtcNow))).ConfigureAwait(false);
                    await tx.CommitAsync(ct).ConfigureAwait(false);
                }
                catch (DbException e)
                {
                    throw new SalientException($"migration {migration.Version:D4}_{migration.Name} failed on '{Display}': {e.Message}; the database is unchanged by it", e);
                }
                applied.Add($"{migration.Version:D4}_{migration.Name}");
            }
        }
        return applied;
    }

    /// <summary>Migrations this version knows that the store has not applied yet (all of them for a store never migrated).</summary>
    public async Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct).ConfigureAwait(false);
        var exists = await Sql.LongAsync(conn, null, IsPostgres
            ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'"
            : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'", ct).ConfigureAwait(false) > 0;
        var done = exists
            ? (await Sql.QueryAsync(conn, null, "SELECT version FROM schema_migrations", r => Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), ct).ConfigureAwait(false)).ToHashSet()
            : [];
        return Migrations(Dialect).Where(m => !done.Contains(m.Version)).Select(m => $"{m.Version:D4}_{m.Name}").ToList();
    }

    public sealed record Migration(int Version, string Name, string Sql);

    public static IReadOnlyList<Migration> Migrations(SqlDialect dialect)
    {
        var prefix = $"Salient.Migrations.{dialect}/";
        var asm = typeof(Database).Assembly;
        var list = new List<Migration>();
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var file = name[prefix.Length..^".sql".Length];
            var underscore = file.IndexOf('_', StringComparison.Ordinal);
            var version = int.Parse(file[..underscore], CultureInfo.InvariantCulture);
            using var stream = asm.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            list.Add(new Migration(version, file[(underscore + 1)..], reader.ReadToEnd()));
        }
        list.Sort((a, b) => a.Version.CompareTo(b.Version));
        return list;
    }
}

/// <summary>Small helpers for hand-written SQL with <c>@name</c> parameters.</summary>
internal static class Sql
{
    public static DbCommand Command(DbConnection conn, DbTransaction? tx, string sql, params (string Name, object? Value)[] args)
    {
        var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in args)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            // NUL is no character of any text, and PostgreSQL refuses a text holding one (22021): a feed or page that
            // smuggles one in must not stop its source, so both engines store the text without it.
            p.Value = value is string text && text.Contains('\0', StringComparison.Ordinal) ? text.Replace("\0", "", StringComparison.Ordinal) : value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    public static async Task<int> ExecuteAsync(DbConnection conn, DbTransaction? tx, string sql, CancellationToken ct, params (string Name, object? Value)[] args)
    {
        await using var cmd = Command(conn, tx, sql, args);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public static async Task<object?> ScalarAsync(DbConnection conn, DbTransaction? tx, string sql, CancellationToken ct, params (string Name, object? Value)[] args)
    {
        await using var cmd = Command(conn, tx, sql, args);
        var v = await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
        return v is DBNull ? null : v;
    }

    public static async Task<long> LongAsync(DbConnection conn, DbTransaction? tx, string sql, CancellationToken ct, params (string Name, object? Value)[] args)
    {
        var v = await ScalarAsync(conn, tx, sql, ct, args).ConfigureAwait(false);
        return v is null ? 0 : Convert.ToInt64(v, CultureInfo.InvariantCulture);
    }

    public static async Task<List<T>> QueryAsync<T>(DbConnection conn, DbTransaction? tx, string sql, Func<DbDataReader, T> map, CancellationToken ct, params (string Name, object? Value)[] args)
    {
        await using var cmd = Command(conn, tx, sql, args);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var list = new List<T>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(map(reader));
        }
        return list;
    }

    public static string? Str(this DbDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : r.GetString(i);
    }

    public static long? Long(this DbDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);
    }

    public static double? Double(this DbDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);
    }

    public static DateTimeOffset? Time(this DbDataReader r, string column) => r.Long(column) is { } ms ? Clock.FromUnixMs(ms) : null;

    public static byte[]? Bytes(this DbDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : (byte[])r.GetValue(i);
    }
}

/// <summary>Times are stored as Unix milliseconds in both engines.</summary>
internal static class Clock
{
    public static long ToUnixMs(DateTimeOffset t) => t.ToUnixTimeMilliseconds();
    public static long? ToUnixMs(DateTimeOffset? t) => t?.ToUnixTimeMilliseconds();
    public static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
