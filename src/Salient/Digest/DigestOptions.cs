using Microsoft.Extensions.Configuration;

namespace Salient.Digest;

/// <summary>Configuration of the e-mail digest (section <c>Digest</c>).</summary>
internal sealed class DigestOptions
{
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

    public static DigestOptions Load(IConfiguration configuration)
    {
        var options = new DigestOptions();
        configuration.GetSection("Digest").Bind(options);
        options.SmtpUrl = Environment.GetEnvironmentVariable("SALIENT_SMTP_URL") is { Length: > 0 } env ? env : options.SmtpUrl;
        return options;
    }
}
