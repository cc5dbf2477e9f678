using System.Text.Json.Nodes;
using Salient.Significance;
using Salient.Sources;

namespace Salient.Sections;

/// <summary>The <c>topics</c> and <c>countries</c> fields that <c>salient score</c> adds to each output line.</summary>
internal static class SectionFields
{
    public static void Add(JsonObject line, SectionTagger tagger, float[] embedding, BatchItem item, OutletRegistry outlets)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(tagger);
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(outlets);
        var facts = new[] { item.Source }.Concat(item.Outlets).Where(o => !string.IsNullOrWhiteSpace(o))
            .Distinct(StringComparer.OrdinalIgnoreCase).Select(o => OutletFacts.Of(outlets.Find(o))).ToList();
        var sections = tagger.Tag(embedding, item.Title, item.Text, facts);
        line["topics"] = new JsonArray(sections.TopicSlugs.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray());
        line["countries"] = new JsonArray(sections.Countries.Select(c => (JsonNode)JsonValue.Create(c)!).ToArray());
    }
}
