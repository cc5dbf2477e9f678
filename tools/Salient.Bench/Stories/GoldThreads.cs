using System.Text.Json;
using Salient.Cli;

namespace Salient.Bench.Stories;

/// <summary>
/// The gold threads of the AllSides stories (<c>data/threads/allsides-threads-v1.jsonl</c>, one line
/// <c>{"story_id": "as6112", "thread": "climate-summit-2021" | null}</c> per story; see data/threads/README.md): which
/// long-running matter each story follows, if any. With them, a listed or linked pair of gold stories is right when the
/// two share a gold topic or a labelled thread.
/// </summary>
internal sealed class GoldThreads
{
    /// <summary>Where the labels are kept, from the repository's root.</summary>
    public const string DefaultPath = "data/threads/allsides-threads-v1.jsonl";

    private readonly Dictionary<string, string> _threadOf;

    private GoldThreads(string path, Dictionary<string, string> threadOf, int lines)
    {
        Path = path;
        _threadOf = threadOf;
        Lines = lines;
    }

    /// <summary>The file the labels were read from.</summary>
    public string Path { get; }

    /// <summary>How many stories the file labels (those in a thread and those in none).</summary>
    public int Lines { get; }

    /// <summary>How many stories are in a thread.</summary>
    public int InThreads => _threadOf.Count;

    /// <summary>How many threads there are.</summary>
    public int Threads => _threadOf.Values.Distinct(StringComparer.Ordinal).Count();

    /// <summary>The thread of a story, or null when it is in none or not labelled.</summary>
    public string? ThreadOf(string storyId) => _threadOf.GetValueOrDefault(storyId);

    /// <summary>Whether two different stories are labelled into one thread.</summary>
    public bool ShareThread(string a, string b) => ThreadOf(a) is { } t && string.Equals(t, ThreadOf(b), StringComparison.Ordinal);

    /// <summary>Whether a pair of gold stories is right: they share a gold topic, or (with threads) a labelled thread.</summary>
    public static bool Right(GoldThreads? threads, string idA, IReadOnlySet<string> topicsA, string idB, IReadOnlySet<string> topicsB) =>
        topicsA.Overlaps(topicsB) || (threads is not null && threads.ShareThread(idA, idB));

    /// <summary>
    /// Reads the labels at <paramref name="path"/>. A line that is not a JSON object with a non-empty <c>story_id</c>
    /// and a <c>thread</c> that is a non-empty string or null, or that labels a story a second time, is refused with the
    /// file and its line number (<see cref="FormatException"/>).
    /// </summary>
    public static GoldThreads Read(string path)
    {
        var threadOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var reader = new StreamReader(path);
        foreach (var (number, line) in JsonLines.Read(reader))
        {
            string Bad(string why) => throw new FormatException($"{path}, line {number}: {why}");
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                Bad("not JSON");
                return null!;
            }
            using (doc)
            {
                var e = doc.RootElement;
                if (e.ValueKind != JsonValueKind.Object)
                {
                    Bad("not a JSON object");
                }
                if (!e.TryGetProperty("story_id", out var id) || id.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(id.GetString()))
                {
                    Bad("no story_id");
                }
                var story = id.GetString()!;
                if (!seen.Add(story))
                {
                    Bad($"story {story} is labelled a second time");
                }
                if (!e.TryGetProperty("thread", out var thread) || thread.ValueKind is not (JsonValueKind.String or JsonValueKind.Null)
                    || (thread.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(thread.GetString())))
                {
                    Bad("no thread; give a thread's name or null");
                }
                if (thread.ValueKind == JsonValueKind.String)
                {
                    threadOf[story] = thread.GetString()!;
                }
            }
        }
        return new GoldThreads(path, threadOf, seen.Count);
    }

    /// <summary>
    /// The labels named by <c>--threads</c>, or, without it, those kept in the repository (none when the repository or
    /// its file is not there). Null and false (after saying so on stderr) when the file named is missing or malformed.
    /// </summary>
    public static bool TryLoad(string? given, out GoldThreads? threads)
    {
        threads = null;
        var path = given ?? RepositoryFile();
        if (path is null)
        {
            return true;
        }
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"salient-bench: --threads '{path}' does not exist; give the gold threads file (JSON Lines {{story_id, thread}}) with --threads");
            return false;
        }
        try
        {
            threads = Read(path);
            return true;
        }
        catch (FormatException ex)
        {
            Console.Error.WriteLine($"salient-bench: --threads: {ex.Message}");
            return false;
        }
    }

    /// <summary>The labels file of the repository the tool runs in (found from the working folder up), when it is there.</summary>
    private static string? RepositoryFile()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Salient.sln")))
            {
                var file = System.IO.Path.Combine(dir.FullName, DefaultPath);
                return File.Exists(file) ? file : null;
            }
        }
        return null;
    }

    /// <summary>One line saying which labels judge the pairs.</summary>
    public static string Describe(GoldThreads? threads) => threads is null
        ? "gold threads: none (no --threads and no data/threads/allsides-threads-v1.jsonl in the repository); pairs are judged by gold topics alone"
        : $"gold threads: {threads.Path} ({threads.Threads} threads holding {threads.InThreads} of its {threads.Lines} stories); a pair is right by topics when it shares a gold topic, by topics or threads when it also may share a labelled thread instead";
}
