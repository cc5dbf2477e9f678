using MailKit.Security;

namespace Salient.Digest;

/// <summary>An SMTP server address parsed from <c>smtp[s]://user:pass@host:port</c>.</summary>
internal sealed record SmtpEndpoint(string Host, int Port, SecureSocketOptions Security, string? User, string? Password)
{
    /// <summary>Parses an SMTP URL; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static SmtpEndpoint Parse(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new ArgumentException("no SMTP server configured: set SALIENT_SMTP_URL=smtp://user:pass@host:port, pass --smtp, or set Digest:SmtpUrl");
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException($"SMTP URL '{Redact(url)}' is not a URL; use smtp://user:pass@host:port or smtps://…");
        }
        var (security, defaultPort) = uri.Scheme.ToLowerInvariant() switch
        {
            "smtp" => (SecureSocketOptions.StartTlsWhenAvailable, 25),
            "smtps" => (SecureSocketOptions.SslOnConnect, 465),
            _ => throw new ArgumentException($"SMTP URL '{Redact(url)}' has scheme '{uri.Scheme}'; use smtp:// (STARTTLS where offered) or smtps:// (TLS)"),
        };
        string? user = null, password = null;
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }
        return new SmtpEndpoint(uri.Host, uri.IsDefaultPort || uri.Port <= 0 ? defaultPort : uri.Port, security, user, password);
    }

    /// <summary>The URL without its password, for messages.</summary>
    public static string Redact(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            return url.Replace(uri.UserInfo, uri.UserInfo[..uri.UserInfo.IndexOf(':', StringComparison.Ordinal)] + ":***", StringComparison.Ordinal);
        }
        return url;
    }

    public override string ToString() => $"{Host}:{Port}";
}
