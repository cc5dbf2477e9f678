using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Salient.Cli;
using Salient.Sections;
using Salient.Sources;

namespace Salient.Bench.Sections;

/// <summary><c>eval sections</c>: how often the gazetteer names the country a place community of the shared stream stands for.</summary>
internal static class SectionTools
{
    /// <summary>Communities of the shared stream that name a place, and the country each stands for.</summary>
    internal static readonly IReadOnlyDictionary<string, string> PlaceCommunities = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["ukraine"] = "UA", ["florida"] = "US", ["miami"] = "US", ["FLgovernment"] = "US",
    };

    public static Command Eval()
    {
        var data = new Option<string?>("--data") { Description = "The shared data folder (default: ../shared/data beside the repository)." };
        var cmd = new Command("sections", "Country accuracy on the shared stream's place communities (ukraine → UA; florida, miami, FLgovernment → US): the first country named, from the headline and the outlet's country, against the community's.") { data };
        cmd.SetAction((parse, ct) =>
        {
            var dir = parse.GetValue(data) ?? SharedDataFolder.Find();
            var path = dir is null ? null : Path.Combine(dir, "fwd_reddit_headlines", "headlines_2021-11_2022-07.jsonl");
            if (path is null || !File.Exists(path))
            {
                Console.Error.WriteLine("salient-bench: the shared headline stream was not found; give the shared data folder with --data");
                return Task.FromResult(2);
            }
            var gazetteer = Gazetteer.Shipped;
            var registry = OutletRegistry.Default;
            var byCommunity = new SortedDictionary<string, (int N, int First, int Named, int Silent, int OutletOnly)>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in File.ReadLines(path))
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }
                using var doc = JsonDocument.Parse(line);
                var e = doc.RootElement;
                var community = e.GetProperty("subreddit").GetString() ?? "";
                if (!PlaceCommunities.TryGetValue(community, out var expected))
                {
                    continue;
                }
                var title = e.GetProperty("title").GetString();
                var outlet = registry.Find(e.GetProperty("domain").GetString(), e.GetProperty("url").GetString());
                var countries = gazetteer.CountriesOf(title, null, [outlet?.Country]);
                var silent = gazetteer.CountriesOf(title, null).Count == 0;
                var c = byCommunity.GetValueOrDefault(community);
                byCommunity[community] = (c.N + 1, c.First + (countries.Count > 0 && countries[0] == expected ? 1 : 0),
                    c.Named + (countries.Contains(expected) ? 1 : 0), c.Silent + (silent ? 1 : 0),
                    c.OutletOnly + (string.Equals(outlet?.Country, expected, StringComparison.OrdinalIgnoreCase) ? 1 : 0));
            }
            var ic = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(ic, $"{"community",-14} {"items",6} {"first",7} {"named",7} {"silent",7} {"outlet only",12}"));
            foreach (var (name, c) in byCommunity)
            {
                Console.WriteLine(string.Create(ic, $"{name,-14} {c.N,6} {(double)c.First / c.N,7:0.000} {(double)c.Named / c.N,7:0.000} {(double)c.Silent / c.N,7:0.000} {(double)c.OutletOnly / c.N,12:0.000}"));
            }
            var all = byCommunity.Values.Aggregate((N: 0, First: 0, Named: 0, Silent: 0, OutletOnly: 0), (a, c) => (a.N + c.N, a.First + c.First, a.Named + c.Named, a.Silent + c.Silent, a.OutletOnly + c.OutletOnly));
            if (all.N > 0)
            {
                Console.WriteLine(string.Create(ic, $"{"all",-14} {all.N,6} {(double)all.First / all.N,7:0.000} {(double)all.Named / all.N,7:0.000} {(double)all.Silent / all.N,7:0.000} {(double)all.OutletOnly / all.N,12:0.000}"));
            }
            Console.WriteLine("first: the first country named is the community's; named: it is among those named; silent: the headline names no place; outlet only: the outlet's own country is the community's (a baseline).");
            return Task.FromResult(0);
        });
        return cmd;
    }
}
