using System.Globalization;
using System.Text.Json;
using Salient.Stories;

namespace Salient.Bench.Stories;

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

    public static List<ClusterRecord> Read(string path)
    {
        var records = new List<ClusterRecord>();
        var n = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            n++;
            using var doc = JsonDocument.Parse(line);
            var cluster = doc.RootElement.GetProperty("cluster_id").GetString() ?? throw new SalientException($"{path}: cluster {n} has no cluster_id");
            var at = Start.AddHours(n);
            foreach (var a in doc.RootElement.GetProperty("articles").EnumerateArray())
            {
                var position = a.GetProperty("position").GetInt32();
                var id = $"{cluster}-{position.ToString(CultureInfo.InvariantCulture)}";
                records.Add(new ClusterRecord(n, JsonSerializer.Serialize(id), a.GetProperty("title").GetString() ?? "", a.GetProperty("text").GetString(),
                    at.AddMinutes(10 * position), $"outlet-{position.ToString(CultureInfo.InvariantCulture)}", null, cluster));
            }
        }
        return records;
    }
}
