using System.Globalization;
using System.Text;

namespace Salient.Significance;

/// <summary>
/// Explains a score in one sentence from what the model actually used: which factors lift it, which hold it
/// back, and who covers the story. It states estimates, never facts about the event.
/// </summary>
internal static class ReasonWriter
{
    private static readonly (string High, string Low)[] Phrases =
    [
        ("affects many people", "affects few people"),
        ("strong immediate effect", "little immediate effect"),
        ("unusual or unprecedented", "routine or expected"),
        ("likely to shape what follows", "little likely to follow from it"),
        ("may be remembered as a turning point", "unlikely to be remembered"),
        ("good news", "bad news"),
        ("well-sourced", "weakly sourced"),
    ];

    /// <summary>Factors that decide the score; positivity and credibility only nudge it.</summary>
    private static readonly int[] Drivers = [0, 1, 3, 4, 2];

    public static string Write(double score, Factors factors, Coverage coverage, double coverageEffect = 0, double feedbackEffect = 0)
    {
        ArgumentNullException.ThrowIfNull(factors);
        ArgumentNullException.ThrowIfNull(coverage);
        var ic = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(ic, $"Score {ScoreFormula.Round(score):0.0}");
        var highs = Drivers.Where(i => factors[i] >= 6).OrderByDescending(i => factors[i]).Take(2).ToList();
        var lows = Drivers.Where(i => factors[i] <= 3.5).OrderBy(i => factors[i]).Take(2).ToList();
        if (highs.Count == 0 && lows.Count == 0)
        {
            var top = Drivers.OrderByDescending(i => factors[i]).First();
            sb.Append(ic, $": middling on every factor, highest {Factors.Names[top]} ({factors[top]:0.#})");
        }
        else
        {
            if (highs.Count > 0)
            {
                sb.Append(": ").Append(string.Join(", ", highs.Select(i => $"{Phrases[i].High} ({Factors.Names[i]} {factors[i].ToString("0.#", ic)})")));
            }
            if (lows.Count > 0)
            {
                sb.Append(highs.Count > 0 ? "; held back as " : ": ");
                sb.Append(string.Join(", ", lows.Select(i => $"{Phrases[i].Low} ({Factors.Names[i]} {factors[i].ToString("0.#", ic)})")));
            }
        }
        if (factors.Positivity >= 7)
        {
            sb.Append(", good news");
        }
        sb.Append(". ");
        if (Math.Abs(feedbackEffect) >= 0.1)
        {
            sb.Append(ic, $"{(feedbackEffect > 0 ? "+" : "−")}{Math.Abs(feedbackEffect):0.0} from feedback on similar stories. ");
        }
        if (!coverage.Known)
        {
            sb.Append("Coverage unknown: rated on its content alone.");
            return sb.ToString();
        }
        sb.Append(Describe(coverage));
        if (Math.Abs(coverageEffect) >= 0.1)
        {
            sb.Append(ic, $" ({(coverageEffect > 0 ? "+" : "−")}{Math.Abs(coverageEffect):0.0} for {(coverageEffect > 0 ? "wide" : "thin")} coverage)");
        }
        sb.Append('.');
        return sb.ToString();
    }

    private static string Describe(Coverage coverage)
    {
        if (coverage.Outlets <= 1)
        {
            var tier = coverage.TopTier > 0 ? "a top-tier outlet" : coverage.LowTier > 0 ? "a low-credibility outlet" : "one outlet";
            return coverage.TopTier > 0 || coverage.LowTier > 0 ? $"Reported so far by {tier} only" : "Reported so far by one outlet";
        }
        var text = $"Reported by {coverage.Outlets} outlets";
        if (coverage.TopTier > 0)
        {
            text += $", {coverage.TopTier} of them top-tier";
        }
        if (coverage.Countries > 1)
        {
            text += $", in {coverage.Countries} countries";
        }
        return text;
    }
}
