using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Salient.Web;

/// <summary>
/// Conditional answers for pages and the API, as the feeds give them: a weak <c>ETag</c> over the body (weak: the same
/// body compressed differently is the same answer), <c>Last-Modified</c>, and <c>304 Not Modified</c> with no body to a
/// client whose <c>If-None-Match</c> names the body it already has. <c>Cache-Control: no-cache</c> makes clients ask each time.
/// </summary>
internal static class Validators
{
    /// <summary>A weak validator over <paramref name="body"/>.</summary>
    public static string ETagOf(ReadOnlySpan<byte> body)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(body);
        return "W/\"" + Convert.ToHexString(hash, 0, 12).ToLowerInvariant() + "\"";
    }

    /// <summary>Sets the validators on the response; true when the request already holds this body (answer 304).</summary>
    public static bool NotModified(HttpContext http, string etag, DateTimeOffset? lastModified)
    {
        ArgumentNullException.ThrowIfNull(http);
        var headers = http.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = "no-cache";
        if (lastModified is { } changed && changed > DateTimeOffset.UnixEpoch)
        {
            headers.LastModified = changed.ToString("r", CultureInfo.InvariantCulture);
        }
        return FeedEndpoints.Matches(http.Request.Headers.IfNoneMatch, etag);
    }

    /// <summary>The value as JSON with validators: 304 when the client has it already.</summary>
    public static IResult Json<T>(HttpContext http, T value, JsonSerializerOptions options, DateTimeOffset? lastModified)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, options);
        return NotModified(http, ETagOf(body), lastModified)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(body, "application/json; charset=utf-8");
    }
}
