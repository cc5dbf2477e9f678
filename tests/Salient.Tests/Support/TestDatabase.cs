using Npgsql;
using Salient.Storage;

namespace Salient.Tests.Support;

/// <summary>
/// A fresh, empty database of either engine for one test: a SQLite file in a folder of its own, or a new
/// database on the PostgreSQL server named by SALIENT_TEST_POSTGRES (test.sh starts one on 127.0.0.1).
/// Storage tests take the engine as a theory parameter from <see cref="Engines"/>, so the same test runs on both.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly TempDir? _dir;
    private readonly string? _pgName;

    private TestDatabase(string engine, string target, TempDir? dir, string? pgName)
    {
        Engine = engine;
        Target = target;
        _dir = dir;
        _pgName = pgName;
        Database = Database.Create(target);
    }

    public string Engine { get; }

    /// <summary>What --db takes: a file path or a connection string.</summary>
    public string Target { get; }

    public Database Database { get; }

    public static string? PostgresServer => Environment.GetEnvironmentVariable("SALIENT_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    /// <summary>The engines to run storage tests on: SQLite always, PostgreSQL when a server is configured.</summary>
    public static TheoryData<string> Engines()
    {
        var data = new TheoryData<string> { "sqlite" };
        if (PostgresServer is not null)
        {
            data.Add("postgres");
        }
        return data;
    }

    public static async Task<TestDatabase> CreateAsync(string engine, bool migrate = true)
    {
        TestDatabase db;
        if (engine == "postgres")
        {
            var server = PostgresServer ?? throw new InvalidOperationException("SALIENT_TEST_POSTGRES is not set");
            var name = "salient_t_" + Guid.NewGuid().ToString("N")[..16];
            var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
            db = new TestDatabase(engine, builder.ConnectionString, null, name);
        }
        else
        {
            var dir = new TempDir();
            db = new TestDatabase(engine, dir.File("salient.db"), dir, null);
        }
        if (migrate)
        {
            await db.Database.MigrateAsync(CancellationToken.None);
        }
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        if (_pgName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            var builder = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false };
            await using var conn = new NpgsqlConnection(builder.ConnectionString);
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"DROP DATABASE IF EXISTS \"{_pgName}\" WITH (FORCE)";
            await cmd.ExecuteNonQueryAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _dir?.Dispose();
        }
    }
}
