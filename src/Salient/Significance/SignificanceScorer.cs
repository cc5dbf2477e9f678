using Salient.Embeddings;

namespace Salient.Significance;

/// <summary>A story's significance as stored and shown.</summary>
internal sealed record ScoredStory(double Score, Factors Factors, string Reason);

/// <summary>What the scorer needs of a story when it has no embedding yet.</summary>
internal sealed record ScoringInput(string Title, string? Text, Coverage Coverage);

/// <summary>
/// Scores stories with the student model: embedding (title + lead) → factors → their learned combination with the coverage → score map → reason.
/// Thread-safe; the model is loaded once.
/// </summary>
internal sealed class SignificanceScorer
{
    private readonly TextEmbedder _embedder;
    private readonly Lazy<StudentModel> _model;

    public SignificanceScorer(TextEmbedder embedder, SignificanceOptions options, Func<StudentModel>? model = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _embedder = embedder;
        Formula = new ScoreFormula(options.Weights);
        _model = new Lazy<StudentModel>(model ?? (() => StudentModel.Load(string.IsNullOrWhiteSpace(options.ModelPath) ? StudentModel.DefaultPath() : options.ModelPath)),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public ScoreFormula Formula { get; }

    /// <summary>The embedder the scorer reads stories with (the batch tools reuse its vectors for sections).</summary>
    public TextEmbedder Embedder => _embedder;

    public StudentModel Model => _model.Value;

    public ScoredStory Score(ReadOnlySpan<float> embedding, Coverage coverage)
    {
        var scored = Model.Score(embedding, coverage, Formula);
        return new ScoredStory(scored.Score, scored.Factors, ReasonWriter.Write(scored.Score, scored.Factors, coverage, scored.CoverageEffect, scored.FeedbackEffect));
    }

    public IReadOnlyList<ScoredStory> Score(IReadOnlyList<ScoringInput> inputs, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var vectors = _embedder.Embed(inputs.Select(i => EmbeddingText.Of(i.Title, i.Text)).ToList(), ct);
        var result = new ScoredStory[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            result[i] = Score(vectors[i], inputs[i].Coverage);
        }
        return result;
    }
}
