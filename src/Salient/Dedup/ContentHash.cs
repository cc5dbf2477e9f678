using System.Security.Cryptography;
using System.Text;
using Salient.Text;

namespace Salient.Dedup;

/// <summary>
/// A fingerprint of what an article says, so the same story served under two URLs (an AMP copy, a mirror,
/// a re-dated item) is stored once. Only the words count: tags, entities, case, punctuation and spacing do not.
/// Texts too short to tell articles apart (a bare title, "Read more") get no hash and are never merged by it.
/// </summary>
internal static class ContentHash
{
    /// <summary>Fewer letters than this in the body say too little to decide two articles are one.</summary>
    public const int MinimumBodyLetters = 120;

    /// <summary>The hash of title and body (HTML or text), or null when the body is too short to be a fingerprint.</summary>
    public static string? Of(string? title, string? body)
    {
        var words = PlainText.Words(body);
        if (words.Count(char.IsLetterOrDigit) < MinimumBodyLetters)
        {
            return null;
        }
        var text = PlainText.Words(title) + "\n" + words;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}
