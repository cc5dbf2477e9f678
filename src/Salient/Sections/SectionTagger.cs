using Salient.Sources;

namespace Salient.Sections;

/// <summary>A story's sections: its desks (primary first, with confidence) and the countries it is about (most central first).</summary>
internal sealed record StorySections(IReadOnlyList<TopicScore> Topics, IReadOnlyList<string> Countries)
{
    public IReadOnlyList<string> TopicSlugs => Topics.Select(t => t.Desk).ToList();
}

/// <summary>An outlet that covered a story, as the tagger reads it: its desk and country in the source list.</summary>
internal sealed record OutletFacts(string? Desk, string? Country)
{
    public static OutletFacts Of(Outlet? outlet) => new(outlet?.Desk, outlet?.Country);
}

/// <summary>Files a story under its desks and the countries it is about, from its embedding, title, text and outlets.</summary>
internal sealed class SectionTagger
{
    private readonly Lazy<TopicModel> _model;

    public SectionTagger(SectionsOptions options, Gazetteer? gazetteer = null, Func<TopicModel>? model = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Gazetteer = gazetteer ?? Gazetteer.Shipped;
        _model = new Lazy<TopicModel>(model ?? (() => string.IsNullOrWhiteSpace(options.ModelPath) ? TopicModel.Shipped : TopicModel.Load(options.ModelPath)),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public Gazetteer Gazetteer { get; }

    public TopicModel Model => _model.Value;

    public StorySections Tag(ReadOnlySpan<float> embedding, string? title, string? text, IReadOnlyList<OutletFacts> outlets)
    {
        ArgumentNullException.ThrowIfNull(outlets);
        var topics = Model.Classify(embedding, outlets.Select(o => o.Desk).ToList());
        var countries = Gazetteer.CountriesOf(title, text, outlets.Select(o => o.Country).ToList());
        return new StorySections(topics, countries);
    }
}
