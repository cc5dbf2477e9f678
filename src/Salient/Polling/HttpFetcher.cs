using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Salient.Polling;

/// <summary>What a conditional GET may send: the validators of the copy we already have.</summary>
internal sealed record Validators(string? ETag, string? LastModified);

/// <summary>How a fetch ended.</summary>
internal enum FetchStatus
{
    /// <summary>A 2xx response with its body.</summary>
    Ok,

    /// <summary>304: the copy we have is current.</summary>
    NotModified,

    /// <summary>Anything else; <see cref="FetchResult.Error"/> says what.</summary>
    Failed,
}

/// <summary>The outcome of one GET (after redirects): never an exception, always a result to record.</summary>
internal sealed record FetchResult(
    FetchStatus Status,
    Uri RequestedUrl,
    Uri FinalUrl,
    int? HttpStatus,
    byte[] Body,
    string? ContentType,
    string? ETag,
    string? LastModified,
    TimeSpan? MaxAge,
    TimeSpan? RetryAfter,
    string? Error,
    TimeSpan Duration)
{
    public bool IsOk => Status == FetchStatus.Ok;

    /// <summary>Where the resource now lives when every redirect on the way was permanent (301 or 308); null otherwise.</summary>
    public Uri? MovedPermanentlyTo { get; init; }

    /// <summary>True when the <see cref="NetworkPolicy"/> refused to connect (an internal address the user did not choose); nothing was fetched.</summary>
    public bool Refused { get; init; }
}

/// <summary>
/// The one HTTP client Salient fetches feeds and article pages with, and the place its politeness rules live:
/// an honest User-Agent, compressed transfers, at most <see cref="PollingOptions.MaxConcurrentPerHost"/> requests
/// per host, redirects followed by hand (at most <see cref="PollingOptions.MaxRedirects"/>, loops refused), connect,
/// read and total timeouts, a body cap, Retry-After from 429/503 remembered per host, and the <see cref="NetworkPolicy"/>
/// on every hop: no internal address unless the user chose it.
/// </summary>
internal sealed class HttpFetcher : IDisposable
{
    /// <summary>The internal addresses one request may connect to (a request without it reaches public addresses only).</summary>
    private static readonly HttpRequestOptionsKey<IReadOnlySet<IPAddress>> Reach = new("salient.reach");

    private readonly PollingOptions _options;
    private readonly TimeProvider _clock;
    private readonly NetworkPolicy _policy;
    // Two connection pools, so a connection opened to an internal address is never reused by a request that may not reach one.
    private readonly HttpClient _public;
    private readonly HttpClient _internal;
    private readonly SemaphoreSlim _global;
    private readonly ConcurrentDictionary<string, HostGate> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public HttpFetcher(PollingOptions options, TimeProvider clock, NetworkPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _clock = clock;
        _policy = policy ?? new NetworkPolicy();
        _public = new HttpClient(Handler(options)) { Timeout = Timeout.InfiniteTimeSpan };
        _internal = new HttpClient(Handler(options)) { Timeout = Timeout.InfiniteTimeSpan };
        _global = new SemaphoreSlim(options.MaxConcurrentRequests);
    }

    private SocketsHttpHandler Handler(PollingOptions options) => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,
        ConnectTimeout = TimeSpan.FromSeconds(options.ConnectTimeoutSeconds),
        MaxConnectionsPerServer = options.MaxConcurrentPerHost,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        UseCookies = false,
        UseProxy = false,
        ConnectCallback = ConnectAsync,
    };

    public PollingOptions Options => _options;

    /// <summary>
    /// Connects to the first address of the host that the request may reach, resolving the name again here: the check
    /// before the request and the connection see the same answer, so a name cannot point elsewhere in between.
    /// </summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = await _policy.AddressesAsync(host, ct).ConfigureAwait(false);
        if (!_options.AllowPrivateNetworks)
        {
            context.InitialRequestMessage.Options.TryGetValue(Reach, out var reach);
            foreach (var address in addresses)
            {
                if (_policy.IsInternal(host, address) && reach?.Contains(address) != true)
                {
                    throw new AddressRefusedException(Refusal(host, address));
                }
            }
        }
        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    private static string Refusal(string host, IPAddress address) =>
        $"{host} is {NetworkPolicy.Describe(NetworkPolicy.Classify(address))} ({address}); Salient fetches internal addresses only for a source " +
        "whose own feed is there, or with Polling:AllowPrivateNetworks";

    /// <summary>
    /// Whether a request to <paramref name="url"/> may go out, and which internal addresses it may reach: none when every
    /// address of its host is public; the addresses of <paramref name="chosenUrl"/>'s host (the user's choice) otherwise.
    /// </summary>
    private async Task<(string? Refused, IReadOnlySet<IPAddress>? Reach)> CheckAsync(Uri url, Uri? chosenUrl, CancellationToken ct)
    {
        if (_options.AllowPrivateNetworks)
        {
            return (null, null);
        }
        IPAddress[] addresses;
        try
        {
            addresses = await _policy.AddressesAsync(url, ct).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            // The name does not resolve: the connection fails with the resolver's own message.
            return (null, null);
        }
        var host = url.DnsSafeHost;
        var inside = addresses.Where(a => _policy.IsInternal(host, a)).ToList();
        if (inside.Count == 0)
        {
            return (null, null);
        }
        var reach = new HashSet<IPAddress>();
        if (chosenUrl is not null)
        {
            try
            {
                // only the chosen host's internal addresses: a public feed makes nothing internal reachable
                var chosenHost = chosenUrl.DnsSafeHost;
                reach.UnionWith((await _policy.AddressesAsync(chosenUrl, ct).ConfigureAwait(false)).Where(a => _policy.IsInternal(chosenHost, a)));
            }
            catch (SocketException)
            {
                // the chosen host does not resolve now: it allows nothing
            }
        }
        foreach (var address in inside)
        {
            if (!reach.Contains(address))
            {
                return (Refusal(host, address), null);
            }
        }
        return (null, reach);
    }

    /// <summary>Fetches <paramref name="url"/>; only cancellation by <paramref name="ct"/> throws.</summary>
    /// <param name="url">What to fetch.</param>
    /// <param name="chosenUrl">
    /// The address the user chose (a source's feed URL; for a feed, the feed's own): the internal addresses its host
    /// resolves to may be reached, on every hop. Null: public addresses only (unless Polling:AllowPrivateNetworks).
    /// </param>
    /// <param name="accept">The Accept header.</param>
    /// <param name="validators">What a conditional GET sends.</param>
    /// <param name="ct">Stops the request.</param>
    public async Task<FetchResult> GetAsync(Uri url, Uri? chosenUrl, string accept, Validators? validators, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        var started = Stopwatch.StartNew();
        var current = url;
        var visited = new HashSet<string>(StringComparer.Ordinal) { url.AbsoluteUri };
        // The total timeout counts the time this request holds a connection slot, not the time it queued for one:
        // another feed's slow drip on the same host must not use up this one's budget.
        var busy = new Stopwatch();
        var permanent = true;
        for (var hop = 0; ; hop++)
        {
            if (current.Scheme != Uri.UriSchemeHttp && current.Scheme != Uri.UriSchemeHttps)
            {
                return Fail(url, current, null, $"cannot fetch '{current}': only http and https URLs are fetched", started) with { Refused = true };
            }
            var (refused, reach) = await CheckAsync(current, chosenUrl, ct).ConfigureAwait(false);
            if (refused is not null)
            {
                return Fail(url, current, null, $"refused to fetch '{current}'{(hop > 0 ? $" (redirected from '{url}')" : "")}: {refused}", started) with { Refused = true };
            }
            var response = await SendOnceAsync(url, current, accept, validators, reach, started, busy, ct).ConfigureAwait(false);
            if (response.Redirect is not { } next)
            {
                return hop > 0 && permanent ? response.Result! with { MovedPermanentlyTo = current } : response.Result!;
            }
            permanent &= response.HttpStatus is 301 or 308;
            if (!visited.Add(next.AbsoluteUri))
            {
                return Fail(url, current, response.HttpStatus, $"redirect loop: '{current}' redirects back to '{next}'", started);
            }
            if (hop + 1 > _options.MaxRedirects)
            {
                return Fail(url, current, response.HttpStatus, $"too many redirects: more than {_options.MaxRedirects} starting at '{url}'", started);
            }
            current = next;
        }
    }

    private sealed record Hop(Uri? Redirect, FetchResult? Result, int? HttpStatus);

    private async Task<Hop> SendOnceAsync(Uri requested, Uri url, string accept, Validators? validators, IReadOnlySet<IPAddress>? reach, Stopwatch started,
        Stopwatch busy, CancellationToken ct)
    {
        var gate = _hosts.GetOrAdd(url.IdnHost, _ => new HostGate(_options.MaxConcurrentPerHost));
        var wait = gate.NotBefore - _clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            if (wait > TimeSpan.FromSeconds(_options.MaxHostWaitSeconds))
            {
                return new Hop(null, Fail(requested, url, null, $"{url.IdnHost} asked to be left alone until {gate.NotBefore:u} (Retry-After)", started, wait), null);
            }
            await Task.Delay(wait, _clock, ct).ConfigureAwait(false);
        }
        await gate.Slots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await _global.WaitAsync(ct).ConfigureAwait(false);
            busy.Start();
            try
            {
                return await SendAsync(requested, url, accept, validators, reach, gate, started, busy, ct).ConfigureAwait(false);
            }
            finally
            {
                busy.Stop();
                _global.Release();
            }
        }
        finally
        {
            gate.Slots.Release();
        }
    }

    private async Task<Hop> SendAsync(Uri requested, Uri url, string accept, Validators? validators, IReadOnlySet<IPAddress>? reach, HostGate gate, Stopwatch started,
        Stopwatch busy, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (reach is not null)
        {
            request.Options.Set(Reach, reach);
        }
        var client = reach is null && !_options.AllowPrivateNetworks ? _public : _internal;
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (!string.IsNullOrEmpty(validators?.ETag))
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", validators.ETag);
        }
        if (!string.IsNullOrEmpty(validators?.LastModified))
        {
            request.Headers.TryAddWithoutValidation("If-Modified-Since", validators.LastModified);
        }
        var total = TimeSpan.FromSeconds(_options.TotalTimeoutSeconds) - busy.Elapsed;
        var read = TimeSpan.FromSeconds(_options.ReadTimeoutSeconds);
        using var totalCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        totalCts.CancelAfter(total > TimeSpan.Zero ? total : TimeSpan.FromMilliseconds(1));
        using var readCts = CancellationTokenSource.CreateLinkedTokenSource(totalCts.Token);
        readCts.CancelAfter(read);
        var phase = "waiting for the response";
        int? status = null;
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, readCts.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            if (status is >= 300 and < 400 && status != 304)
            {
                var location = response.Headers.Location;
                if (location is null)
                {
                    return new Hop(null, Fail(requested, url, status, $"HTTP {status} redirect from '{url}' without a Location header", started), status);
                }
                return new Hop(location.IsAbsoluteUri ? location : new Uri(url, location), null, status);
            }
            var etag = response.Headers.ETag?.ToString();
            var lastModified = response.Content.Headers.LastModified?.ToString("R");
            var maxAge = response.Headers.CacheControl?.MaxAge;
            var contentType = response.Content.Headers.ContentType?.ToString();
            if (status == 304)
            {
                return new Hop(null, new FetchResult(FetchStatus.NotModified, requested, url, status, [], contentType, etag ?? validators?.ETag,
                    lastModified ?? validators?.LastModified, maxAge, null, null, started.Elapsed), status);
            }
            if (status is 429 or 503)
            {
                var retryAfter = RetryAfter(response.Headers.RetryAfter);
                if (retryAfter is { } ra)
                {
                    gate.Defer(_clock.GetUtcNow() + ra);
                }
                var suffix = retryAfter is { } r ? $"; the server asks to retry after {r.TotalSeconds:0} s" : string.Empty;
                return new Hop(null, Fail(requested, url, status, $"HTTP {status} {response.ReasonPhrase}{suffix}", started, retryAfter), status);
            }
            if (status is < 200 or >= 300)
            {
                return new Hop(null, Fail(requested, url, status, $"HTTP {status} {response.ReasonPhrase} from '{url}'", started), status);
            }
            if (response.Content.Headers.ContentLength is { } length && length > _options.MaxBodyBytes)
            {
                return new Hop(null, Fail(requested, url, status, $"body of {length} bytes is larger than the {_options.MaxBodyBytes}-byte limit", started), status);
            }
            phase = "reading the body";
            var body = await ReadCappedAsync(response.Content, readCts, read, ct).ConfigureAwait(false);
            if (body is null)
            {
                return new Hop(null, Fail(requested, url, status, $"body is larger than the {_options.MaxBodyBytes}-byte limit", started), status);
            }
            return new Hop(null, new FetchResult(FetchStatus.Ok, requested, url, status, body, contentType, etag, lastModified, maxAge, null, null, started.Elapsed), status);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            var what = totalCts.IsCancellationRequested ? $"took longer than {_options.TotalTimeoutSeconds} s in all" : $"timed out after {_options.ReadTimeoutSeconds} s {phase}";
            return new Hop(null, Fail(requested, url, status, $"'{url}' {what}", started), status);
        }
        catch (HttpRequestException e) when (e.GetBaseException() is AddressRefusedException refused)
        {
            return new Hop(null, Fail(requested, url, status, $"refused to fetch '{url}': {refused.Message}", started) with { Refused = true }, status);
        }
        catch (HttpRequestException e)
        {
            return new Hop(null, Fail(requested, url, status, $"cannot fetch '{url}': {Describe(e)}", started), status);
        }
        catch (IOException e)
        {
            return new Hop(null, Fail(requested, url, status, $"connection to '{url}' broke while {phase}: {e.Message}", started), status);
        }
        catch (InvalidDataException e)
        {
            return new Hop(null, Fail(requested, url, status, $"'{url}' sent a body that cannot be decompressed: {e.Message}", started), status);
        }
    }

    /// <summary>Reads the body, at most MaxBodyBytes of it, renewing the read timeout after every piece; null when over the cap.</summary>
    private async Task<byte[]?> ReadCappedAsync(HttpContent content, CancellationTokenSource readCts, TimeSpan read, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(readCts.Token).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            readCts.CancelAfter(read);
            var n = await stream.ReadAsync(chunk, readCts.Token).ConfigureAwait(false);
            if (n == 0)
            {
                return buffer.ToArray();
            }
            if (buffer.Length + n > _options.MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, n);
            ct.ThrowIfCancellationRequested();
        }
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header is null)
        {
            return null;
        }
        var wait = header.Delta ?? (header.Date is { } date ? date - _clock.GetUtcNow() : (TimeSpan?)null);
        if (wait is null)
        {
            return null;
        }
        var capped = wait.Value < TimeSpan.Zero ? TimeSpan.Zero : wait.Value;
        return capped > _options.MaxInterval ? _options.MaxInterval : capped;
    }

    private static string Describe(HttpRequestException e)
    {
        var inner = e.InnerException is { } i && !string.IsNullOrEmpty(i.Message) && i.Message != e.Message ? $" ({i.Message})" : string.Empty;
        return e.Message + inner;
    }

    private static FetchResult Fail(Uri requested, Uri url, int? status, string error, Stopwatch started, TimeSpan? retryAfter = null) =>
        new(FetchStatus.Failed, requested, url, status, [], null, null, null, null, retryAfter, error, started.Elapsed);

    public void Dispose()
    {
        _public.Dispose();
        _internal.Dispose();
        _global.Dispose();
        foreach (var gate in _hosts.Values)
        {
            gate.Slots.Dispose();
        }
    }

    /// <summary>A host's share of requests and the time until which it asked to be left alone.</summary>
    private sealed class HostGate(int slots)
    {
        private long _notBeforeTicks;

        public SemaphoreSlim Slots { get; } = new(slots);

        public DateTimeOffset NotBefore => new(Interlocked.Read(ref _notBeforeTicks), TimeSpan.Zero);

        public void Defer(DateTimeOffset until)
        {
            long seen;
            do
            {
                seen = Interlocked.Read(ref _notBeforeTicks);
                if (until.UtcTicks <= seen)
                {
                    return;
                }
            }
            while (Interlocked.CompareExchange(ref _notBeforeTicks, until.UtcTicks, seen) != seen);
        }
    }
}
