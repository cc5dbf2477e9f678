using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Salient.Web;

/// <summary>
/// Who may use the admin (and read <c>/metrics</c> from elsewhere): the admin token, given in the login form or as
/// <c>Authorization: Bearer</c>, compared in constant time; a login starts a session, a random id kept on the server
/// (never derived from the token) that ends at logout or after <see cref="SessionLifetime"/>. Failed attempts — a wrong
/// token in the form or the header, an unknown or ended session cookie — are logged and counted per client address;
/// after <see cref="MaxFailures"/> in <see cref="FailureWindow"/> that address is answered 429 until the window passes.
/// </summary>
internal sealed partial class AdminAuth(SiteOptions options, TimeProvider clock, ILogger<AdminAuth> logger)
{
    public const string Cookie = "salient_admin";

    public const int MaxFailures = 10;

    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    public enum Verdict
    {
        /// <summary>No credentials were given.</summary>
        None,
        Allowed,
        Denied,

        /// <summary>Too many failures from this address: answer 429 whatever was given.</summary>
        Limited,
    }

    /// <summary>A logged-in session: the token its forms must carry, and when it ends.</summary>
    public sealed record Session(string Csrf, DateTimeOffset Expires);

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    private sealed class Failures(DateTimeOffset start)
    {
        public DateTimeOffset Start = start;
        public int Count;
    }

    public bool Open => !string.IsNullOrEmpty(options.AdminToken);

    /// <summary>The address failures are counted against.</summary>
    public static string Client(HttpContext http) => http?.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>The bearer token of the request, if it has one: <see cref="Verdict.None"/> without.</summary>
    public Verdict CheckBearer(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && !header.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return Verdict.None;
        }
        if (Limited(http))
        {
            return Verdict.Limited;
        }
        if (Open && Matches(header.Length > 7 ? header[7..].Trim() : string.Empty))
        {
            return Verdict.Allowed;
        }
        return Fail(http, "bearer");
    }

    /// <summary>The bearer token, else the session cookie; the session is returned when that is what opened the door.</summary>
    public (Verdict Verdict, Session? Session) Authenticate(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var bearer = CheckBearer(http);
        if (bearer != Verdict.None)
        {
            return (bearer, null);
        }
        if (http.Request.Cookies[Cookie] is not { Length: > 0 } id)
        {
            return (Verdict.None, null);
        }
        if (Limited(http))
        {
            return (Verdict.Limited, null);
        }
        var key = Key(id);
        if (_sessions.TryGetValue(key, out var session))
        {
            if (session.Expires > clock.GetUtcNow())
            {
                return (Verdict.Allowed, session);
            }
            _sessions.TryRemove(key, out _);
        }
        return (Fail(http, "cookie"), null);
    }

    /// <summary>Checks a token typed in the login form: <see cref="Verdict.Allowed"/>, <see cref="Verdict.Denied"/> or <see cref="Verdict.Limited"/>.</summary>
    public Verdict CheckForm(HttpContext http, string? token)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (Limited(http))
        {
            return Verdict.Limited;
        }
        return Open && Matches(token ?? string.Empty) ? Verdict.Allowed : Fail(http, "form");
    }

    /// <summary>Whether this address has failed too often lately (checked before any credential is looked at).</summary>
    public bool Limited(HttpContext http)
    {
        var now = clock.GetUtcNow();
        return _failures.TryGetValue(Client(http), out var f) && Locked(f, now) && f.Count >= MaxFailures;
    }

    /// <summary>Starts a session for a request that gave the right token, and sets its cookie.</summary>
    public void StartSession(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var now = clock.GetUtcNow();
        foreach (var (key, old) in _sessions)
        {
            if (old.Expires <= now)
            {
                _sessions.TryRemove(key, out _);
            }
        }
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        _sessions[Key(id)] = new Session(Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant(), now + SessionLifetime);
        http.Response.Cookies.Append(Cookie, id, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/admin", Secure = http.Request.IsHttps, MaxAge = SessionLifetime, IsEssential = true,
        });
    }

    /// <summary>Ends the request's session (its cookie stops working everywhere) and clears the cookie.</summary>
    public void EndSession(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.Cookies[Cookie] is { Length: > 0 } id)
        {
            _sessions.TryRemove(Key(id), out _);
        }
        http.Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/admin" });
    }

    /// <summary>The answer to a limited address: 429 with Retry-After.</summary>
    public static Task TooManyAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = ((int)FailureWindow.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync("Too many failed admin logins from this address; wait and try again.\n", http.RequestAborted);
    }

    public static bool SameSecret(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private bool Matches(string given) => options.AdminToken is { Length: > 0 } token && SameSecret(given, token);

    private Verdict Fail(HttpContext http, string how)
    {
        var now = clock.GetUtcNow();
        var client = Client(http);
        if (_failures.Count > 50_000)
        {
            _failures.Clear();
        }
        var f = _failures.GetOrAdd(client, _ => new Failures(now));
        int count;
        lock (f)
        {
            if (!Locked(f, now))
            {
                f.Start = now;
                f.Count = 0;
            }
            count = ++f.Count;
        }
        LogFailed(logger, how, client, http.Request.Path.Value ?? "/", count);
        if (count == MaxFailures)
        {
            LogLimited(logger, client, MaxFailures, (int)FailureWindow.TotalMinutes);
        }
        return count > MaxFailures ? Verdict.Limited : Verdict.Denied;
    }

    private static bool Locked(Failures f, DateTimeOffset now) => now - f.Start < FailureWindow;

    private static string Key(string sessionId) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin authentication failed ({How}) from {Client} on {Path}: failure {Count} in this window")]
    private static partial void LogFailed(ILogger logger, string how, string client, string path, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin authentication from {Client} is refused (429) after {Failures} failures; it opens again {Minutes} minutes after the first")]
    private static partial void LogLimited(ILogger logger, string client, int failures, int minutes);
}
