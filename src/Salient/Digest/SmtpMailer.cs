using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace Salient.Digest;

/// <summary>How a send ended: sent, a temporary failure worth retrying (4xx, connection lost) or a permanent one (5xx).</summary>
internal enum SendOutcome
{
    Sent,
    Temporary,
    Permanent,
}

/// <summary>Sends messages over SMTP with MailKit: STARTTLS where the server offers it, authentication when the URL has a user.</summary>
internal sealed class SmtpMailer(SmtpEndpoint endpoint) : IAsyncDisposable
{
    private readonly SmtpClient _client = new() { Timeout = 30_000 };

    public async Task<(SendOutcome Outcome, string? Error)> SendAsync(MimeMessage message, CancellationToken ct)
    {
        try
        {
            if (!_client.IsConnected)
            {
                await _client.ConnectAsync(endpoint.Host, endpoint.Port, endpoint.Security, ct).ConfigureAwait(false);
                if (endpoint.User is not null && _client.Capabilities.HasFlag(SmtpCapabilities.Authentication))
                {
                    await _client.AuthenticateAsync(endpoint.User, endpoint.Password ?? string.Empty, ct).ConfigureAwait(false);
                }
            }
            await _client.SendAsync(message, ct).ConfigureAwait(false);
            return (SendOutcome.Sent, null);
        }
        catch (SmtpCommandException e)
        {
            await ResetAsync().ConfigureAwait(false);
            var code = (int)e.StatusCode;
            var error = $"SMTP {code} from {endpoint}: {e.Message.Trim()}";
            return (code is >= 400 and < 500 ? SendOutcome.Temporary : SendOutcome.Permanent, error);
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or System.Net.Sockets.SocketException or ServiceNotConnectedException or TimeoutException)
        {
            await ResetAsync().ConfigureAwait(false);
            return (SendOutcome.Temporary, $"SMTP connection to {endpoint} failed: {e.Message.Trim()}");
        }
        catch (MailKit.Security.AuthenticationException e)
        {
            await ResetAsync().ConfigureAwait(false);
            return (SendOutcome.Temporary, $"SMTP login to {endpoint} refused: {e.Message.Trim()}; check the user and password in the SMTP URL");
        }
    }

    private async Task ResetAsync()
    {
        try
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync(false, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SmtpProtocolException or System.Net.Sockets.SocketException)
        {
            // The connection is already gone; the next send reconnects.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ResetAsync().ConfigureAwait(false);
        _client.Dispose();
    }
}
