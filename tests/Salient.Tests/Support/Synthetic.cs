using Salient.Embeddings;
using Salient.Stories;

namespace Salient.Tests.Support;

/// <summary>Made-up article streams with known events: unit vectors near each event's direction and headlines that share its names.</summary>
internal static class Synthetic
{
    private static readonly string[] Names = ["Oslo", "Lima", "Quito", "Hanoi", "Accra", "Tbilisi", "Riga", "Dakar", "Perth", "Minsk", "Sapporo", "Cusco", "Bergen", "Tromso", "Malmo", "Gdansk"];
    private static readonly string[] Things = ["flood", "strike", "election", "merger", "verdict", "wildfire", "summit", "outage", "protest", "budget", "vaccine", "tariff"];

    public static float[] Unit(float[] v)
    {
        var n = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / n).ToArray();
    }

    public static float[] RandomUnit(Random rng) => Unit(Enumerable.Range(0, TextEmbedder.Dimensions).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray());

    public static float[] Near(float[] centre, Random rng, float noise)
    {
        var r = RandomUnit(rng);
        return Unit(centre.Select((x, i) => x + noise * r[i]).ToArray());
    }

    /// <summary>A vector at <paramref name="degrees"/> from e1 towards e2.</summary>
    public static float[] Angle(double degrees, int towards = 1)
    {
        var v = new float[TextEmbedder.Dimensions];
        v[0] = (float)Math.Cos(degrees * Math.PI / 180);
        v[towards] = (float)Math.Sin(degrees * Math.PI / 180);
        return v;
    }

    /// <summary>
    /// A stream of <paramref name="events"/> events over <paramref name="days"/> days, 2 to 5 articles each from different
    /// outlets, in time order; with <paramref name="runningDays"/>, one more event (numbered <paramref name="events"/>)
    /// is reported every 4 hours from the start for that many days, longer than the window.
    /// </summary>
    public static List<(StoryArticle Article, int Event)> Stream(int seed, int events, double days, double runningDays = 0)
    {
        var rng = new Random(seed);
        var list = new List<(StoryArticle, int)>();
        long id = 1;
        for (var e = 0; e < events; e++)
        {
            var centre = RandomUnit(rng);
            var start = (long)(rng.NextDouble() * days * 86_400_000);
            var name = Names[rng.Next(Names.Length)] + " " + Things[rng.Next(Things.Length)] + " " + e;
            var n = 2 + rng.Next(4);
            for (var k = 0; k < n; k++)
            {
                var t = start + (long)(rng.NextDouble() * 20 * 3_600_000);
                list.Add((new StoryArticle(0, $"{name}: outlet {k} reports", $"Officials in {name} spoke on the {name} matter.", $"outlet{k}",
                    $"https://outlet{k}.example/{e}", t, Near(centre, rng, 0.5f)), e));
            }
        }
        if (runningDays > 0)
        {
            var centre = RandomUnit(rng);
            var name = "Gdansk shipyard strike " + events;
            for (var k = 0; k * 4 < runningDays * 24; k++)
            {
                var outlet = k % 5;
                list.Add((new StoryArticle(0, $"{name}: day {k / 6 + 1} update {k}", $"Workers in {name} kept up the {name} action.", $"outlet{outlet}",
                    $"https://outlet{outlet}.example/running/{k}", k * 4 * 3_600_000L + 1_800_000, Near(centre, rng, 0.5f)), events));
            }
        }
        list.Sort((a, b) => a.Item1.TimeMs.CompareTo(b.Item1.TimeMs));
        return list.Select(x => (x.Item1 with { Id = id++ }, x.Item2)).ToList();
    }
}
