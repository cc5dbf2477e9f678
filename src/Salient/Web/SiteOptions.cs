using Salient.Cli;

namespace Salient.Web;

/// <summary>Configuration of the site, feeds, API and admin (section <c>Site</c>).</summary>
internal sealed class SiteOptions : ISettings
{
    public const string Section = "Site";

    /// <summary>The lowest score shown when the reader has not chosen one.</summary>
    public double DefaultMinScore { get; set; } = 5.5;

    /// <summary>The site's public address for absolute links in feeds; when empty, the request's own address is used.</summary>
    public string? SiteUrl { get; set; }

    /// <summary>Token (or password) that opens /admin; the admin stays closed while it is empty.</summary>
    public string? AdminToken { get; set; }

    /// <summary>When true, any reader may tell a story's score should rank higher, lower or is about right (the admin always may).</summary>
    public bool Feedback { get; set; }

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
        if (!string.IsNullOrWhiteSpace(SiteUrl)
            && (!Uri.TryCreate(SiteUrl, UriKind.Absolute, out var site) || site.Scheme is not ("http" or "https")))
        {
            throw new SalientException($"Site:SiteUrl '{SiteUrl}' is not an http(s) address; give the site's public address for links in feeds, e.g. https://news.example.org, or leave it out");
        }
    }
}
