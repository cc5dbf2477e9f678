using System.Globalization;
using Microsoft.AspNetCore.Http;
using Salient.Text;

namespace Salient.Web;

/// <summary>Languages as the site shows and filters them: ISO 639-1 codes, their English names, and <c>?lang=</c>.</summary>
internal static class Languages
{
    /// <summary>True for a two-letter code (any case), the only form a language is stored or asked for in.</summary>
    public static bool IsCode(string? text) => text is { Length: 2 } && char.IsAsciiLetter(text[0]) && char.IsAsciiLetter(text[1]);

    /// <summary>The English name of a language code ("de" → "German"), or the code itself in capitals when it names none.</summary>
    public static string Name(string? code)
    {
        if (!IsCode(code))
        {
            return "an unknown language";
        }
        try
        {
            var culture = CultureInfo.GetCultureInfo(code!.ToLowerInvariant());
            return culture.ThreeLetterISOLanguageName.Length == 3 && !string.Equals(culture.EnglishName, code, StringComparison.OrdinalIgnoreCase)
                && !culture.EnglishName.StartsWith("Unknown", StringComparison.Ordinal)
                ? culture.EnglishName
                : code.ToUpperInvariant();
        }
        catch (CultureNotFoundException)
        {
            return code!.ToUpperInvariant();
        }
    }

    /// <summary>
    /// <c>?lang=</c>: null when absent or empty, else the lower-case code; a value that is not a two-letter code is an
    /// error naming it. A well-formed code no article has (<c>xx</c>) is no error: it matches no story.
    /// </summary>
    public static (string? Language, string? Error) Parse(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var text = http.Request.Query["lang"].ToString().Trim();
        if (text.Length == 0)
        {
            return (null, null);
        }
        return IsCode(text)
            ? (text.ToLowerInvariant(), null)
            : (null, $"lang must be a two-letter ISO 639-1 language code such as en, de or fr; '{PlainText.Shorten(text, 20)}' is not one");
    }
}
