using Salient.Cli;

namespace Salient.Web;

/// <summary>Configuration of the site, feeds, API and admin (section <c>Site</c>).</summary>
internal sealed class SiteOptions : ISettings
{
    public const string Section = "Site";

    /// <summary>The lowest score shown when the reader has not chosen one.</summary>
    public double DefaultMinScore { get; set; } = 5.5;

    /// <summary>
    /// The site's public address, for absolute links in feeds and the API (required when the site listens on an address
    /// other than loopback, unless <see cref="AllowedHosts"/> is given). Absolute links never come from a request's
    /// <c>Host</c> header unless that host is allowed.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>The older name of <see cref="BaseUrl"/>, still read.</summary>
    public string? SiteUrl { get; set; }

    /// <summary>Host names (with a port where it is not the default) whose <c>Host</c> header may form absolute links when <see cref="BaseUrl"/> is not set.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Token (or password) that opens /admin; the admin stays closed while it is empty. At least 16 characters.</summary>
    public string? AdminToken { get; set; }

    /// <summary>When true, any reader may tell a story's score should rank higher, lower or is about right (the admin always may).</summary>
    public bool Feedback { get; set; }

    /// <summary>
    /// Addresses (like <c>http://127.0.0.1:5081</c>) where the admin is served instead of on the site's own addresses;
    /// when set, <c>/admin</c> answers 404 on every other address.
    /// </summary>
    public string? AdminUrls { get; set; }

    public const int MinAdminTokenLength = 16;

    /// <summary>The public address without a trailing slash, or null when none is configured.</summary>
    public string? PublicBaseUrl => (string.IsNullOrWhiteSpace(BaseUrl) ? SiteUrl : BaseUrl) is { } u && !string.IsNullOrWhiteSpace(u) ? u.Trim().TrimEnd('/') : null;

    /// <summary>API requests allowed per client address per minute; 0 turns the limit off.</summary>
    public int ApiRequestsPerMinute { get; set; } = 600;

    /// <summary>Default and largest number of stories one API call returns.</summary>
    public int ApiDefaultLimit { get; set; } = 200;

    public int ApiMaxLimit { get; set; } = 1000;

    /// <summary>Most stories in a feed.</summary>
    public int FeedItems { get; set; } = 50;

    /// <summary>How long a rendered front page is served again before it is made afresh (seconds); 0 makes it for every request.</summary>
    public double FrontPageCacheSeconds { get; set; } = 5;

    /// <summary>How long a rendered story page is served again while its story is unchanged (seconds); 0 makes it for every request.</summary>
    public double StoryPageCacheSeconds { get; set; } = 30;

    /// <summary>The readers' language (ISO 639-1): stories in another are labelled with theirs.</summary>
    public string Language { get; set; } = "en";

    /// <summary>The admin token from <c>SALIENT_ADMIN_TOKEN</c> wins over the file's; API limits are brought into range.</summary>
    public void Normalize()
    {
        if (Environment.GetEnvironmentVariable("SALIENT_ADMIN_TOKEN") is { Length: > 0 } token)
        {
            AdminToken = token;
        }
        ApiMaxLimit = Math.Max(1, ApiMaxLimit);
        ApiDefaultLimit = Math.Clamp(ApiDefaultLimit, 1, ApiMaxLimit);
    }

    public void Validate()
    {
        if (!Languages.IsCode(Language?.Trim()))
        {
            throw new SalientException($"Site:Language is '{Language}'; give the readers' language as a two-letter ISO 639-1 code such as en, de or fr");
        }
        Language = Language!.Trim().ToLowerInvariant();
        if (DefaultMinScore is < 0 or > 10 || double.IsNaN(DefaultMinScore))
        {
            throw new SalientException($"Site:DefaultMinScore is {DefaultMinScore}; give a number from 0 to 10");
        }
        if (FrontPageCacheSeconds is < 0 or > 300 || double.IsNaN(FrontPageCacheSeconds))
        {
            throw new SalientException($"Site:FrontPageCacheSeconds is {FrontPageCacheSeconds}; give a number of seconds from 0 (no cache) to 300");
        }
        if (StoryPageCacheSeconds is < 0 or > 3600 || double.IsNaN(StoryPageCacheSeconds))
        {
            throw new SalientException($"Site:StoryPageCacheSeconds is {StoryPageCacheSeconds}; give a number of seconds from 0 (no cache) to 3600");
        }
        foreach (var (name, value) in new[] { ("BaseUrl", BaseUrl), ("SiteUrl", SiteUrl) })
        {
            if (!string.IsNullOrWhiteSpace(value)
                && (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var site) || site.Scheme is not ("http" or "https") || site.Query.Length > 0 || site.UserInfo.Length > 0))
            {
                throw new SalientException($"Site:{name} '{value}' is not an http(s) address; give the site's public address for links in feeds and the API, e.g. https://news.example.org, or leave it out");
            }
        }
        foreach (var host in AllowedHosts)
        {
            if (string.IsNullOrWhiteSpace(host) || !Uri.TryCreate($"http://{host.Trim()}", UriKind.Absolute, out var parsed)
                || parsed.PathAndQuery != "/" || parsed.UserInfo.Length > 0 || host.Trim().EndsWith('/'))
            {
                throw new SalientException($"Site:AllowedHosts has '{host}', which is not a host name; give names like news.example.org (with :port where needed)");
            }
        }
        if (AdminToken is { Length: > 0 } token && (string.IsNullOrWhiteSpace(token) || token.Trim().Length < MinAdminTokenLength))
        {
            throw new SalientException($"Site:AdminToken (or SALIENT_ADMIN_TOKEN) is {(string.IsNullOrWhiteSpace(token) ? "blank" : $"only {token.Trim().Length} characters long")}; " +
                $"give a random token of at least {MinAdminTokenLength} characters (for example the output of 'openssl rand -hex 24'), or leave it out to keep the admin closed");
        }
    }
}
