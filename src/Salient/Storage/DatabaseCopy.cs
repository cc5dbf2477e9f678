using System.Data.Common;
using System.Globalization;

namespace Salient.Storage;

/// <summary>
/// Copies every table of one Salient database into another, empty one of the same schema version, for
/// moving from SQLite to PostgreSQL (<c>salient db copy</c>). Parents are copied before children, ids are
/// kept, and identity sequences continue after the copied ids. Full-text indexes are rebuilt by the
/// target's own triggers or migrations, so the search tables themselves are not copied.
/// </summary>
internal sealed class DatabaseCopy(Database from, Database to)
{
    private const int BatchRows = 200;

    /// <summary>
    /// Tables whose rows the migrations write (a counter every database starts with): an empty target already holds
    /// them, and the copy replaces them with the source's.
    /// </summary>
    private static readonly HashSet<string> SeededTables = new(StringComparer.Ordinal) { "thread_epoch" };

    public sealed record TableCount(string Table, long Rows);

    public async Task<IReadOnlyList<TableCount>> RunAsync(Action<string, long>? progress, CancellationToken ct)
    {
        if (from.Dialect != SqlDialect.Sqlite)
        {
            throw new SalientException($"db copy reads from a SQLite file; '{from.Display}' is not one");
        }
        await from.MigrateAsync(ct).ConfigureAwait(false);
        await to.MigrateAsync(ct).ConfigureAwait(false);
        await using var src = await from.OpenAsync(ct).ConfigureAwait(false);
        await using var dst = await to.OpenAsync(ct).ConfigureAwait(false);
        var tables = await SourceTablesAsync(src, ct).ConfigureAwait(false);
        var targetColumns = await TargetColumnsAsync(dst, ct).ConfigureAwait(false);
        foreach (var table in tables.Where(t => targetColumns.ContainsKey(t) && !SeededTables.Contains(t)))
        {
            if (await Sql.LongAsync(dst, null, $"SELECT COUNT(*) FROM {table}", ct).ConfigureAwait(false) > 0)
            {
                throw new SalientException($"target '{to.Display}' already holds data in table '{table}'; copy into an empty database (nothing was copied)");
            }
        }
        var counts = new List<TableCount>();
        await using var tx = await dst.BeginTransactionAsync(ct).ConfigureAwait(false);
        foreach (var table in tables)
        {
            if (!targetColumns.TryGetValue(table, out var columns))
            {
                continue;
            }
            if (SeededTables.Contains(table))
            {
                await Sql.ExecuteAsync(dst, tx, $"DELETE FROM {table}", ct).ConfigureAwait(false);
            }
            var sourceColumns = await Sql.QueryAsync(src, null, $"SELECT name FROM pragma_table_info('{table}')", r => r.GetString(0), ct).ConfigureAwait(false);
            var shared = sourceColumns.Where(columns.ContainsKey).ToList();
            var rows = await CopyTableAsync(src, dst, tx, table, shared, columns, progress, ct).ConfigureAwait(false);
            counts.Add(new TableCount(table, rows));
        }
        if (to.IsPostgres)
        {
            foreach (var table in counts.Select(c => c.Table).Where(t => targetColumns[t].ContainsKey("id")))
            {
                var hasIdentity = await Sql.ScalarAsync(dst, tx, "SELECT pg_get_serial_sequence(@t, 'id')", ct, ("t", table)).ConfigureAwait(false);
                if (hasIdentity is string sequence)
                {
                    await Sql.ExecuteAsync(dst, tx, $"SELECT setval('{sequence}', GREATEST((SELECT COALESCE(MAX(id), 0) FROM {table}), 1), (SELECT COUNT(*) > 0 FROM {table}))", ct).ConfigureAwait(false);
                }
            }
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return counts;
    }

    private static async Task<long> CopyTableAsync(DbConnection src, DbConnection dst, DbTransaction tx, string table, List<string> columns,
        Dictionary<string, string> types, Action<string, long>? progress, CancellationToken ct)
    {
        var orderBy = columns.Contains("id") ? " ORDER BY id" : string.Empty;
        await using var read = Sql.Command(src, null, $"SELECT {string.Join(", ", columns)} FROM {table}{orderBy}");
        await using var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var batch = new List<object?[]>(BatchRows);
        long total = 0;
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var row = new object?[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Convert(reader.GetValue(i), types[columns[i]]);
            }
            batch.Add(row);
            if (batch.Count == BatchRows)
            {
                total += await InsertAsync(dst, tx, table, columns, batch, ct).ConfigureAwait(false);
                batch.Clear();
                progress?.Invoke(table, total);
            }
        }
        if (batch.Count > 0)
        {
            total += await InsertAsync(dst, tx, table, columns, batch, ct).ConfigureAwait(false);
            progress?.Invoke(table, total);
        }
        return total;
    }

    private static async Task<int> InsertAsync(DbConnection dst, DbTransaction tx, string table, List<string> columns, List<object?[]> rows, CancellationToken ct)
    {
        var values = new List<string>(rows.Count);
        var args = new List<(string, object?)>(rows.Count * columns.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            var names = new string[columns.Count];
            for (var c = 0; c < columns.Count; c++)
            {
                names[c] = $"@p{r}_{c}";
                args.Add(($"p{r}_{c}", rows[r][c]));
            }
            values.Add("(" + string.Join(", ", names) + ")");
        }
        var sql = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES {string.Join(", ", values)}";
        return await Sql.ExecuteAsync(dst, tx, sql, ct, args.ToArray()).ConfigureAwait(false);
    }

    /// <summary>Converts a SQLite value to the type the target column holds.</summary>
    private static object Convert(object value, string targetType) => targetType switch
    {
        "integer" or "int" or "int4" => System.Convert.ToInt32(value, CultureInfo.InvariantCulture),
        "bigint" or "int8" => System.Convert.ToInt64(value, CultureInfo.InvariantCulture),
        "smallint" => System.Convert.ToInt16(value, CultureInfo.InvariantCulture),
        "double precision" or "real" or "numeric" => System.Convert.ToDouble(value, CultureInfo.InvariantCulture),
        "boolean" => System.Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0,
        "bytea" => value as byte[] ?? System.Text.Encoding.UTF8.GetBytes(System.Convert.ToString(value, CultureInfo.InvariantCulture)!),
        "text" or "character varying" => value as string ?? System.Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => value,
    };

    /// <summary>SQLite's ordinary tables, parents before children (by their foreign keys).</summary>
    private static async Task<List<string>> SourceTablesAsync(DbConnection src, CancellationToken ct)
    {
        var names = await Sql.QueryAsync(src, null,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
            r => r.GetString(0), ct).ConfigureAwait(false);
        // FTS5 keeps shadow tables named <fts>_data, _idx, _content, _docsize, _config.
        var virtualTables = await Sql.QueryAsync(src, null, "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'", r => r.GetString(0), ct).ConfigureAwait(false);
        names.RemoveAll(n => virtualTables.Any(v => n.StartsWith(v + "_", StringComparison.Ordinal)));
        var parents = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var refs = await Sql.QueryAsync(src, null, $"SELECT \"table\" FROM pragma_foreign_key_list('{name}')", r => r.GetString(0), ct).ConfigureAwait(false);
            parents[name] = refs.Where(p => p != name && names.Contains(p)).ToHashSet(StringComparer.Ordinal);
        }
        var ordered = new List<string>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string table, HashSet<string> path)
        {
            if (done.Contains(table) || !path.Add(table))
            {
                return;
            }
            foreach (var parent in parents[table])
            {
                Visit(parent, path);
            }
            done.Add(table);
            ordered.Add(table);
        }
        foreach (var name in names)
        {
            Visit(name, new HashSet<string>(StringComparer.Ordinal));
        }
        return ordered;
    }

    private async Task<Dictionary<string, Dictionary<string, string>>> TargetColumnsAsync(DbConnection dst, CancellationToken ct)
    {
        var result = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        if (to.IsPostgres)
        {
            var rows = await Sql.QueryAsync(dst, null, """
                SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
                WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER'
                """, r => (r.GetString(0), r.GetString(1), r.GetString(2)), ct).ConfigureAwait(false);
            foreach (var (table, column, type) in rows)
            {
                if (!result.TryGetValue(table, out var cols))
                {
                    result[table] = cols = new Dictionary<string, string>(StringComparer.Ordinal);
                }
                cols[column] = type;
            }
            return result;
        }
        foreach (var table in await SourceTablesAsync(dst, ct).ConfigureAwait(false))
        {
            var cols = await Sql.QueryAsync(dst, null, $"SELECT name FROM pragma_table_info('{table}')", r => r.GetString(0), ct).ConfigureAwait(false);
            result[table] = cols.ToDictionary(c => c, _ => "any", StringComparer.Ordinal);
        }
        return result;
    }
}
