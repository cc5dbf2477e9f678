using System.Text.Json.Serialization;

namespace Salient.Significance;

/// <summary>The seven factors of a story's significance, each from 0 to 10 (see docs/significance.md).</summary>
internal sealed record Factors(
    [property: JsonPropertyName("scale")] double Scale,
    [property: JsonPropertyName("impact")] double Impact,
    [property: JsonPropertyName("novelty")] double Novelty,
    [property: JsonPropertyName("potential")] double Potential,
    [property: JsonPropertyName("legacy")] double Legacy,
    [property: JsonPropertyName("positivity")] double Positivity,
    [property: JsonPropertyName("credibility")] double Credibility)
{
    public const int Count = 7;

    /// <summary>Factor names in the fixed order used by arrays, weights and the model file.</summary>
    public static readonly string[] Names = ["scale", "impact", "novelty", "potential", "legacy", "positivity", "credibility"];

    public double this[int i] => i switch
    {
        0 => Scale,
        1 => Impact,
        2 => Novelty,
        3 => Potential,
        4 => Legacy,
        5 => Positivity,
        6 => Credibility,
        _ => throw new ArgumentOutOfRangeException(nameof(i)),
    };

    public double[] ToArray() => [Scale, Impact, Novelty, Potential, Legacy, Positivity, Credibility];

    public static Factors FromArray(ReadOnlySpan<double> v)
    {
        if (v.Length != Count)
        {
            throw new ArgumentException($"expected {Count} factor values, got {v.Length}", nameof(v));
        }
        return new Factors(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }

    /// <summary>Each factor clamped to 0–10 and rounded to one decimal, as stored and shown.</summary>
    public Factors Clamped()
    {
        var v = ToArray();
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = Math.Round(Math.Clamp(double.IsFinite(v[i]) ? v[i] : 0, 0, 10), 1, MidpointRounding.AwayFromZero);
        }
        return FromArray(v);
    }
}
