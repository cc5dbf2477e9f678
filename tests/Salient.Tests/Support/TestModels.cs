using Salient.Embeddings;
using Salient.Significance;

namespace Salient.Tests.Support;

/// <summary>Hand-made student models and embeddings for tests: every factor is 3 + 6·(first embedding dimension).</summary>
internal static class TestModels
{
    public static StudentModel Linear()
    {
        var file = new StudentModelFile { Labels = 0 };
        foreach (var name in Factors.Names)
        {
            var w = new float[StudentFeatures.Count];
            w[0] = 6;
            file.Factors[name] = new FactorRegressor { Intercept = 3, Weights = w, CalibrationSlope = 1, CalibrationIntercept = 0 };
        }
        return new StudentModel(file);
    }

    /// <summary>A unit vector whose first dimension is <paramref name="first"/>.</summary>
    public static float[] Vector(double first, int seed = 1)
    {
        var v = new float[TextEmbedder.Dimensions];
        var rest = Math.Sqrt(Math.Max(0, 1 - first * first));
        v[0] = (float)first;
        v[1 + (seed % (TextEmbedder.Dimensions - 1))] = (float)rest;
        return v;
    }

    public static SignificanceScorer Scorer(StudentModel model) =>
        new(new TextEmbedder(), new SignificanceOptions(), () => model);
}
