using System.Globalization;
using Salient.Cli;

namespace Salient.Digest;

/// <summary>Configuration of the e-mail digest (section <c>Digest</c>).</summary>
internal sealed class DigestOptions : ISettings
{
    public const string Section = "Digest";

    /// <summary>smtp[s]://user:pass@host:port; SALIENT_SMTP_URL or --smtp override it.</summary>
    public string? SmtpUrl { get; set; }

    /// <summary>The From address of every message.</summary>
    public string From { get; set; } = "Salient <digest@localhost>";

    /// <summary>The site's public address, for links in messages (story pages, confirm, unsubscribe).</summary>
    public string SiteUrl { get; set; } = "http://localhost:5080";

    /// <summary>Key for signing confirmation and unsubscribe links; generated and stored in the database when empty.</summary>
    public string? Secret { get; set; }

    /// <summary>How long a confirmation link stays valid.</summary>
    public int ConfirmHours { get; set; } = 48;

    /// <summary>Local time of day at which <c>salient run</c> sends digests (HH:mm).</summary>
    public string SendAt { get; set; } = "07:00";

    /// <summary>IANA or Windows time zone id for <see cref="SendAt"/>.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Day of the week weekly digests go out.</summary>
    public DayOfWeek WeeklyDay { get; set; } = DayOfWeek.Monday;

    /// <summary>When nothing reaches a subscriber's threshold: send nothing (false) or a one-line note (true).</summary>
    public bool SendEmptyNote { get; set; }

    /// <summary>Attempts within one run for a temporary (4xx) failure before leaving it for the next run.</summary>
    public int AttemptsPerRun { get; set; } = 3;

    /// <summary>Delay before the first retry; doubles with every attempt.</summary>
    public double RetryDelaySeconds { get; set; } = 30;

    /// <summary>Attempts in all before a delivery is given up.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Most stories in one message.</summary>
    public int MaxStories { get; set; } = 25;

    /// <summary>A local time of day as <c>HH:mm</c> (or <c>H:mm</c>).</summary>
    public static bool TryParseSendAt(string? text, out TimeOnly at) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out at);

    /// <summary>
    /// A typo here would send every subscriber's digest at the wrong hour, from a bad address or not at all, found
    /// only when the day comes: each setting is checked when the app starts instead.
    /// </summary>
    public void Validate()
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            throw new SalientException($"Digest:TimeZone '{TimeZone}' is not a time zone this machine knows; give an IANA name such as Europe/Paris, or UTC");
        }
        if (!TryParseSendAt(SendAt, out _))
        {
            throw new SalientException($"Digest:SendAt '{SendAt}' is not a time of day; give HH:mm, for example 07:00");
        }
        if (!Uri.TryCreate(SiteUrl, UriKind.Absolute, out var site) || site.Scheme is not ("http" or "https"))
        {
            throw new SalientException($"Digest:SiteUrl '{SiteUrl}' is not an http(s) address; give the site's public address for links in messages, e.g. https://news.example.org");
        }
        if (!MimeKit.MailboxAddress.TryParse(From, out _))
        {
            throw new SalientException($"Digest:From '{From}' is not an e-mail address; give one like Salient <digest@news.example.org>");
        }
        if (!string.IsNullOrWhiteSpace(SmtpUrl))
        {
            try
            {
                SmtpEndpoint.Parse(SmtpUrl);
            }
            catch (ArgumentException e)
            {
                throw new SalientException($"Digest:SmtpUrl (or SALIENT_SMTP_URL): {e.Message}");
            }
        }
        if (ConfirmHours < 1 || AttemptsPerRun < 1 || MaxAttempts < 1 || MaxStories < 1 || RetryDelaySeconds < 0 || double.IsNaN(RetryDelaySeconds))
        {
            throw new SalientException("Digest: ConfirmHours, AttemptsPerRun, MaxAttempts and MaxStories must be at least 1, RetryDelaySeconds not negative");
        }
    }
}
