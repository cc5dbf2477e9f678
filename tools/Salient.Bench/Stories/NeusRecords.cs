using System.Globalization;
using System.Text.Json;
using Salient.Cli;
using Salient.Stories;

namespace Salient.Bench.Stories;

/// <summary>One NeuS cluster: one event's articles (title and lead) and the editors' neutral roundup of it.</summary>
internal sealed record NeusCluster(string Id, string Split, IReadOnlyList<(int Position, string Title, string Text)> Articles, string ReferenceTitle, string ReferenceSummary);

/// <summary>
/// NeuS clusters (<c>{cluster_id, articles: [{position, title, text}]}</c>) as articles for <c>eval cluster</c>: each
/// cluster's articles are one gold story; the clusters follow each other an hour apart (jitter spreads them further),
/// so grouping meets them as a stream of events.
/// </summary>
internal static class NeusRecords
{
    private static readonly DateTimeOffset Start = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool Looks(string path)
    {
        if (path == "-" || !File.Exists(path))
        {
            return false;
        }
        using var reader = new StreamReader(path);
        var first = reader.ReadLine();
        return first is not null && first.Contains("\"cluster_id\"", StringComparison.Ordinal) && first.Contains("\"articles\"", StringComparison.Ordinal);
    }

    /// <summary>Every cluster of the file, in file order.</summary>
    public static List<NeusCluster> Clusters(string path)
    {
        var list = new List<NeusCluster>();
        var n = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            n++;
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var cluster = root.GetProperty("cluster_id").GetString() ?? throw new SalientException($"{path}: cluster {n} has no cluster_id");
            var articles = root.GetProperty("articles").EnumerateArray()
                .Select(a => (a.GetProperty("position").GetInt32(), a.GetProperty("title").GetString() ?? "", a.GetProperty("text").GetString() ?? ""))
                .ToList();
            list.Add(new NeusCluster(cluster, Str(root, "split"), articles, Str(root, "reference_title"), Str(root, "reference_summary")));
        }
        return list;

        static string Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";
    }

    /// <summary>The clusters of one split ("train", "val"; null: all), at most <paramref name="limit"/> of them (0: all).</summary>
    public static List<NeusCluster> Select(List<NeusCluster> clusters, string? split, int limit)
    {
        IEnumerable<NeusCluster> chosen = clusters;
        if (!string.IsNullOrEmpty(split))
        {
            chosen = chosen.Where(c => string.Equals(c.Split, split, StringComparison.Ordinal));
        }
        var list = chosen.ToList();
        if (list.Count == 0)
        {
            throw new UsageException($"no NeuS cluster has split '{split}'; the file's splits are {string.Join(", ", clusters.Select(c => c.Split).Distinct(StringComparer.Ordinal))}");
        }
        return limit > 0 ? list.Take(limit).ToList() : list;
    }

    /// <summary>The clusters' articles as records, one gold story per cluster, the n-th cluster n hours after the start.</summary>
    public static List<ClusterRecord> Records(IReadOnlyList<NeusCluster> clusters, Func<NeusCluster, int, string>? text = null)
    {
        var records = new List<ClusterRecord>();
        for (var n = 1; n <= clusters.Count; n++)
        {
            var cluster = clusters[n - 1];
            var at = Start.AddHours(n);
            foreach (var (position, title, lead) in cluster.Articles)
            {
                var id = $"{cluster.Id}-{position.ToString(CultureInfo.InvariantCulture)}";
                records.Add(new ClusterRecord(n, JsonSerializer.Serialize(id), title, text is null ? lead : text(cluster, position),
                    at.AddMinutes(10 * position), $"outlet-{position.ToString(CultureInfo.InvariantCulture)}", null, cluster.Id));
            }
        }
        return records;
    }

    public static List<ClusterRecord> Read(string path) => Records(Clusters(path));
}
