using Salient.Embeddings;
using Salient.Writing;

namespace Salient.Tests.Support;

/// <summary>Stories written for the writing tests, and one embedder shared by them (the model takes a second to load).</summary>
internal static class WritingFixtures
{
    private static readonly Lazy<TextEmbedder> SharedEmbedder = new(() => new TextEmbedder());

    public static TextEmbedder Embedder => SharedEmbedder.Value;

    public static ExtractiveWriter Extractive(WritingOptions? options = null) => new(Embedder, options ?? new WritingOptions());

    public static IReadOnlyList<SourceArticle> Storm() =>
    [
        new("You won't believe what this storm did to Bangladesh", "Click here to sign up for our newsletter. A cyclone struck the coast of Bangladesh on Monday. It was terrifying.", "Viral Daily", "https://viral.example/storm"),
        new("Cyclone kills 12 in Bangladesh, thousands evacuated | Reuters",
            "DHAKA, May 3 (Reuters) - A cyclone killed 12 people in Bangladesh on Monday and forced the evacuation of more than 200,000 residents from low-lying coastal districts, officials said. " +
            "The storm made landfall near the port of Chittagong with winds of up to 150 km per hour. " +
            "The disaster management ministry said rescue teams were searching for fishermen missing at sea. (Reporting by Ruma Paul; Editing by Alex Richardson)",
            "Reuters", "https://www.reuters.com/world/cyclone"),
        new("CYCLONE BATTERS BANGLADESH COAST",
            "By Sam Writer, Coastal Herald Cyclone winds battered the Bangladesh coast on Monday, killing 12 people, according to officials. " +
            "More than 200,000 residents were moved to shelters before the storm made landfall near Chittagong. " +
            "Read more about how to prepare for storms on our website.",
            "Coastal Herald", "https://herald.example/cyclone"),
    ];
}
