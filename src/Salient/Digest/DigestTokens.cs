using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Salient.Digest;

/// <summary>
/// Signed links for confirming and leaving the digest: <c>purpose.subscriber.expiry.signature</c>, HMAC-SHA256
/// over the first three parts. Nothing secret is in the token; without the key it cannot be forged.
/// </summary>
internal sealed class DigestTokens(byte[] key, TimeProvider time)
{
    public const string Confirm = "c";
    public const string Unsubscribe = "u";

    /// <summary>The link in every digest to the subscriber's own settings page.</summary>
    public const string Manage = "m";

    public string Create(string purpose, long subscriberId, TimeSpan? validFor)
    {
        var expiry = validFor is { } v ? time.GetUtcNow().Add(v).ToUnixTimeSeconds() : 0;
        var body = $"{purpose}.{subscriberId.ToString(CultureInfo.InvariantCulture)}.{expiry.ToString(CultureInfo.InvariantCulture)}";
        return body + "." + Sign(body);
    }

    /// <summary>Returns the subscriber id when the token is genuine, for this purpose and not expired; else null.</summary>
    public long? Validate(string? token, string purpose)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return null;
        }
        var parts = token.Split('.');
        if (parts.Length != 4 || parts[0] != purpose)
        {
            return null;
        }
        var body = $"{parts[0]}.{parts[1]}.{parts[2]}";
        var expected = Encoding.ASCII.GetBytes(Sign(body));
        var given = Encoding.ASCII.GetBytes(parts[3]);
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return null;
        }
        if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry))
        {
            return null;
        }
        if (expiry != 0 && time.GetUtcNow().ToUnixTimeSeconds() > expiry)
        {
            return null;
        }
        return id;
    }

    private string Sign(string body)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(body));
        return Convert.ToBase64String(mac, 0, 18).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
