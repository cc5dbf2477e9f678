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

    /// <summary>
    /// The value as JSON with validators: 304 when the client has it already. The body is written into pooled memory
    /// (an API answer is often over the large object heap's 85 KB) and hashed there before it is sent.
    /// </summary>
    public static IResult Json<T>(HttpContext http, T value, JsonSerializerOptions options, DateTimeOffset? lastModified) =>
        Body(http, body =>
        {
            using var writer = new Utf8JsonWriter(body);
            JsonSerializer.Serialize(writer, value, options);
        }, lastModified);

    /// <summary>
    /// A JSON array of elements already written as JSON (<paramref name="items"/>, each one whole value) with validators,
    /// as <see cref="Json{T}"/> gives it: the same bytes serialising the array in one go writes.
    /// </summary>
    public static IResult JsonArray(HttpContext http, IReadOnlyList<byte[]> items, DateTimeOffset? lastModified) =>
        Body(http, body =>
        {
            var length = 2 + Math.Max(0, items.Count - 1);
            foreach (var item in items)
            {
                length += item.Length;
            }
            var span = body.GetSpan(length);
            var at = 0;
            span[at++] = (byte)'[';
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0)
                {
                    span[at++] = (byte)',';
                }
                items[i].CopyTo(span[at..]);
                at += items[i].Length;
            }
            span[at++] = (byte)']';
            body.Advance(at);
        }, lastModified);

    private static IResult Body(HttpContext http, Action<System.Buffers.IBufferWriter<byte>> write, DateTimeOffset? lastModified)
    {
        var body = new PooledBody();
        try
        {
            write(body);
            if (NotModified(http, ETagOf(body.Written), lastModified))
            {
                body.Dispose();
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    /// <summary>A JSON body in memory rented from the shared pool, returned to it once sent.</summary>
    private sealed class PooledBody : System.Buffers.IBufferWriter<byte>, IResult, IDisposable
    {
        private byte[] _buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16_384);
        private int _length;

        public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

        public void Advance(int count) => _length += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _buffer.AsMemory(_length);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _buffer.AsSpan(_length);
        }

        private void Ensure(int sizeHint)
        {
            var needed = _length + Math.Max(sizeHint, 1);
            if (needed <= _buffer.Length)
            {
                return;
            }
            var larger = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            System.Buffers.ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            try
            {
                var response = httpContext.Response;
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = "application/json; charset=utf-8";
                response.ContentLength = _length;
                await response.Body.WriteAsync(_buffer.AsMemory(0, _length), httpContext.RequestAborted).ConfigureAwait(false);
            }
            finally
            {
                Dispose();
            }
        }

        public void Dispose()
        {
            var buffer = Interlocked.Exchange(ref _buffer, []);
            if (buffer.Length > 0)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
