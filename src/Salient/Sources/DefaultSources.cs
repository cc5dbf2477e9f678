using System.Text.Json;
using System.Text.Json.Serialization;
using Salient.Storage;

namespace Salient.Sources;

/// <summary>One entry of the default list that ships with Salient (the resource <c>Salient.Sources.default-sources.json</c>).</summary>
internal sealed record DefaultSource(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("site_url")] string? SiteUrl,
    [property: JsonPropertyName("country")] string? Country,
    [property: JsonPropertyName("language")] string? Language,
    [property: JsonPropertyName("tier")] int Tier,
    [property: JsonPropertyName("category")] string? Category,
    [property: JsonPropertyName("url_verified")] bool UrlVerified)
{
    public NewSource ToNewSource() => new(Url, Name, SiteUrl, Country, Language, Tier is >= 1 and <= 3 ? Tier : 2, Category, UrlVerified);
}

/// <summary>The default list of outlets, read from the embedded resource.</summary>
internal static class DefaultSources
{
    public const string ResourceName = "Salient.Sources.default-sources.json";

    public static IReadOnlyList<DefaultSource> Load()
    {
        using var stream = typeof(DefaultSources).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"resource {ResourceName} is missing from the build");
        return Parse(stream);
    }

    public static IReadOnlyList<DefaultSource> Parse(Stream json)
    {
        var list = JsonSerializer.Deserialize<List<DefaultSource>>(json) ?? [];
        return list.Where(s => !string.IsNullOrWhiteSpace(s.Url) && Uri.TryCreate(s.Url, UriKind.Absolute, out _)).ToList();
    }
}
