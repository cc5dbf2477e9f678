using Salient.Cli;

namespace Salient.Significance;

/// <summary>Configuration section <c>Significance</c>: the factor weights and where the student model lives.</summary>
internal sealed class SignificanceOptions : ISettings
{
    public const string Section = "Significance";

    /// <summary>Weight of each factor in the geometric mean (<c>Significance:Weights:scale</c>, …); the rubric's defaults.</summary>
    public FactorWeights Weights { get; set; } = new();

    /// <summary>Path of the student's weights; empty means the model shipped next to the executable.</summary>
    public string? ModelPath { get; set; }

    /// <summary>Stories scored per pipeline batch.</summary>
    public int BatchSize { get; set; } = 200;

    public void Validate() => Weights.Validate();
}

/// <summary>The weights of the factors in the score, defaults from rubric version 1.</summary>
internal sealed class FactorWeights
{
    public double Scale { get; set; } = 1.0;
    public double Impact { get; set; } = 1.0;
    public double Novelty { get; set; } = 0.6;
    public double Potential { get; set; } = 0.9;
    public double Legacy { get; set; } = 0.9;
    public double Positivity { get; set; } = 0.2;
    public double Credibility { get; set; } = 0.4;

    public double[] ToArray() => [Scale, Impact, Novelty, Potential, Legacy, Positivity, Credibility];

    public void Validate()
    {
        var w = ToArray();
        if (w.Any(x => !double.IsFinite(x) || x < 0) || w.Sum() <= 0)
        {
            throw new SalientException("Significance:Weights must be non-negative numbers with a positive sum; check the configuration");
        }
    }
}
