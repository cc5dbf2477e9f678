using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Salient.Cli;
using Salient.Embeddings;
using Salient.Storage;
using Salient.Web;

namespace Salient.Bench.Stories;

/// <summary>
/// <c>bench related</c>: what "More on this topic" costs the site on a day of synthetic stories in a SQLite store: loading
/// the index, making every story's list once (what a full recompute costs), and, round after round, a refresh that
/// reads a few changed and new stories, with how many kept lists it drops and how long asking for every list again takes.
/// </summary>
internal static class RelatedBench
{
    private static readonly string[] Syllables = ["ka", "lo", "mi", "ra", "tu", "ven", "dor", "sel", "qua", "bri", "zen", "hol"];
    private static readonly string[] Desks = ["politics", "economy", "science", "sport"];
    private static readonly string[] Countries = ["US", "GB", "FR", "DE", "IN", "BR"];
    private static readonly string[] Verbs = ["approves", "rejects", "delays", "announces", "questions", "defends"];

    /// <summary>The index's clock, moved only by the bench, so a refresh happens exactly when the bench asks for one.</summary>
    private sealed class BenchClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    public static Command Command()
    {
        var stories = new Option<int>("--stories") { Description = "Stories in the day (the index keeps them all).", DefaultValueFactory = _ => 3000 };
        var changes = new Option<int>("--changes") { Description = "Stories changed or added before each refresh (half moved to another topic, half new).", DefaultValueFactory = _ => 20 };
        var rounds = new Option<int>("--rounds") { Description = "Refreshes to time.", DefaultValueFactory = _ => 5 };
        var cmd = new Command("related",
            "\"More on this topic\" on a day of synthetic stories: loading the index, making every list, and refreshes after a few changes (time, lists dropped, time to serve every list again).")
        {
            stories, changes, rounds,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(stories);
            var m = parse.GetValue(changes);
            var r = parse.GetValue(rounds);
            if (n is < 10 or > 200_000)
            {
                throw new UsageException($"--stories is {n}; give 10 to 200000");
            }
            if (m is < 1 or > 10_000 || r is < 1 or > 100)
            {
                throw new UsageException($"--changes is {m} and --rounds {r}; give --changes from 1 to 10000 and --rounds from 1 to 100");
            }
            var dir = Directory.CreateTempSubdirectory("salient-related-bench");
            try
            {
                var db = Database.Create(Path.Combine(dir.FullName, "salient.db"));
                await db.MigrateAsync(ct).ConfigureAwait(false);
                var random = new Random(20210401);
                var topics = Math.Max(2, n / 8);
                var centers = Enumerable.Range(0, topics).Select(_ => Unit(random)).ToArray();
                var dayEnd = new DateTimeOffset(2026, 5, 20, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
                var dayStart = dayEnd - 24 * 3_600_000L;
                var fill = Stopwatch.StartNew();
                await using (var conn = await db.OpenAsync(ct).ConfigureAwait(false))
                await using (var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false))
                {
                    for (var i = 0; i < n; i++)
                    {
                        var at = dayStart + (long)(random.NextDouble() * 24 * 3_600_000L);
                        await InsertAsync(conn, tx, random, centers, random.Next(topics), at, ct).ConfigureAwait(false);
                    }
                    await tx.CommitAsync(ct).ConfigureAwait(false);
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"store: {n:N0} stories over one day on {topics:N0} topics, {Desks.Length} desks, {Countries.Length} countries (filled in {fill.Elapsed.TotalSeconds:0.0} s)"));

                var store = new StoryStore(db, TimeProvider.System);
                var clock = new BenchClock();
                var index = new RelatedStories(store, clock);
                var sw = Stopwatch.StartNew();
                await index.IdsAsync(1, 5, ct).ConfigureAwait(false);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load: {sw.Elapsed.TotalMilliseconds:0} ms for {index.Count:N0} stories"));
                var all = await AskAllAsync(index, ct).ConfigureAwait(false);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"every list made once (a full recompute): {all.Ms:0} ms for {index.KeptListIds().Count:N0} lists, {all.Listed / (double)index.Count:0.00} listed on average"));

                var refresh = new List<double>();
                var dropped = new List<int>();
                var again = new List<double>();
                var stamp = dayEnd;
                var nextId = (long)n + 1;
                for (var round = 0; round < r; round++)
                {
                    await using (var conn = await db.OpenAsync(ct).ConfigureAwait(false))
                    {
                        for (var i = 0; i < m; i++)
                        {
                            stamp += 1_000;
                            if (i % 2 == 0)
                            {
                                // An existing story takes an article that moves it to another topic.
                                var id = 1 + random.Next(n);
                                await Sql.ExecuteAsync(conn, null, "UPDATE stories SET centroid = @c, last_updated = @u WHERE id = @id", ct,
                                    ("c", TextEmbedder.ToBytes(Near(random, centers[random.Next(topics)]))), ("u", stamp), ("id", id)).ConfigureAwait(false);
                            }
                            else
                            {
                                await InsertAsync(conn, null, random, centers, random.Next(topics), dayEnd - random.Next(3_600_000), ct, stamp).ConfigureAwait(false);
                                nextId++;
                            }
                        }
                    }
                    var before = index.KeptListIds();
                    clock.Advance(RelatedStories.RefreshEvery + TimeSpan.FromSeconds(1));
                    sw.Restart();
                    await index.RefreshAsync(ct).ConfigureAwait(false);
                    refresh.Add(sw.Elapsed.TotalMilliseconds);
                    var after = index.KeptListIds();
                    dropped.Add(before.Count(id => !after.Contains(id)));
                    again.Add((await AskAllAsync(index, ct).ConfigureAwait(false)).Ms);
                }
                refresh.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"refresh after {m} changes ({m / 2} moved, {m - m / 2} new), {r} rounds: median {refresh[refresh.Count / 2]:0.0} ms, max {refresh[^1]:0.0} ms; " +
                    $"kept lists dropped per refresh: mean {dropped.Average():0.0} of {index.KeptListIds().Count:N0}; every list asked again after it: mean {again.Average():0} ms"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stories in the index at the end: {index.Count:N0} (ids up to {nextId - 1})"));
                return ExitCodes.Ok;
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                dir.Delete(recursive: true);
            }
        });
        return cmd;
    }

    private static async Task<(double Ms, long Listed)> AskAllAsync(RelatedStories index, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        long listed = 0;
        // Only stories the index holds: the others fall to the store's query, which is not what is timed here.
        foreach (var id in index.HeldIds())
        {
            listed += (await index.IdsAsync(id, 5, ct).ConfigureAwait(false))?.Count ?? 0;
        }
        return (sw.Elapsed.TotalMilliseconds, listed);
    }

    private static async Task InsertAsync(System.Data.Common.DbConnection conn, System.Data.Common.DbTransaction? tx, Random random, float[][] centers, int topic, long at,
        CancellationToken ct, long? updated = null)
    {
        var title = $"{Name(topic)} {Name(topic * 7 + 3)} minister {Verbs[random.Next(Verbs.Length)]} plan";
        await Sql.ExecuteAsync(conn, tx, """
            INSERT INTO stories (status, first_seen, last_updated, first_published, last_published, article_count, outlet_count, centroid, version, title, topics, about_countries)
            VALUES ('open', @p, @u, @p, @p, 2, 2, @c, 1, @t, @d, @k)
            """, ct, ("p", at), ("u", updated ?? at), ("c", TextEmbedder.ToBytes(Near(random, centers[topic]))), ("t", title),
            ("d", $",{Desks[topic % Desks.Length]},"), ("k", $",{Countries[topic % Countries.Length]},")).ConfigureAwait(false);
    }

    /// <summary>A made-up proper name per number: three syllables, so topics share no names.</summary>
    private static string Name(int k)
    {
        var s = Syllables.Length;
        var name = Syllables[k % s] + Syllables[k / s % s] + Syllables[k / (s * s) % s];
        return char.ToUpperInvariant(name[0]) + name[1..];
    }

    private static float[] Unit(Random random)
    {
        var v = new float[TextEmbedder.Dimensions];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = (float)(random.NextDouble() * 2 - 1);
        }
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    /// <summary>A story's centroid: its topic's centre and some noise of its own (cosine about 0.6 with another of the topic).</summary>
    private static float[] Near(Random random, float[] center)
    {
        var noise = Unit(random);
        return center.Select((x, i) => 0.8f * x + 0.6f * noise[i]).ToArray();
    }
}
