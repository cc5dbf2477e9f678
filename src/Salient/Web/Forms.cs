using Microsoft.AspNetCore.Http;

namespace Salient.Web;

/// <summary>Reading a posted form that may be malformed (bad percent-encoding, control characters, a broken multipart body).</summary>
internal static class Forms
{
    /// <summary>The form, or null when its body cannot be read as one; the caller answers 400 with its own page.</summary>
    public static async Task<IFormCollection?> TryReadAsync(HttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await request.ReadFormAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }
}
