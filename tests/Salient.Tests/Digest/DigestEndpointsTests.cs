using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Salient.Digest;
using Salient.Storage;
using Salient.Tests.Support;
using Salient.Tests.Web;

namespace Salient.Tests.Digest;

/// <summary>The subscription form and the confirmation link over HTTP, with a real SMTP server on 127.0.0.1.</summary>
public sealed partial class DigestEndpointsTests
{
    [GeneratedRegex(@"/confirm\?token=([A-Za-z0-9%_\-\.~]+)")]
    private static partial Regex ConfirmLink();

    private static async Task<(string Status, long Count)> SubscriberAsync(SiteFixture site, string email)
    {
        await using var conn = await site.App.Database.OpenAsync(CancellationToken.None);
        var count = await Sql.LongAsync(conn, null, "SELECT COUNT(*) FROM subscribers", CancellationToken.None);
        var status = await Sql.ScalarAsync(conn, null, "SELECT status FROM subscribers WHERE email = @e", CancellationToken.None, ("e", email));
        return (status as string ?? "none", count);
    }

    [Fact]
    public async Task A_malformed_form_is_refused_with_the_form_again_a_good_one_sends_one_link_and_the_link_confirms()
    {
        await using var smtp = SmtpSink.Start();
        await using var site = await SiteFixture.CreateAsync(services: s => s.AddSingleton(new DigestOptions
        {
            SmtpUrl = smtp.Url, SiteUrl = "http://127.0.0.1:5080", Secret = "endpoint-test-secret",
        }));

        // Percent-encoding that decodes to a NUL and one that is not hex: the form cannot be read.
        using var broken = new StringContent("email=reader%00%40example.test&cadence=%ZZ", Encoding.ASCII, "application/x-www-form-urlencoded");
        var refused = await site.Client.PostAsync("/subscribe", broken);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("The form could not be read", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/subscribe\">", refusedHtml, StringComparison.Ordinal);
        Assert.Equal(("none", 0L), await SubscriberAsync(site, "reader@example.test"));

        var accepted = await site.Client.PostAsync("/subscribe", new FormUrlEncodedContent(
            [new("email", "Reader@Example.test"), new("cadence", "daily"), new("threshold", "6")]));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("confirmation link is on its way", await accepted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var message = await smtp.WaitForMessageAsync();
        Assert.Equal("reader@example.test", message.To.Mailboxes.Single().Address, ignoreCase: true);
        Assert.Equal("pending", (await SubscriberAsync(site, "reader@example.test")).Status);

        var token = ConfirmLink().Match(message.TextBody ?? message.HtmlBody ?? string.Empty).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the message carries a confirmation link");
        var (badStatus, badHtml, _) = await site.GetAsync("/confirm?token=" + token[..^2] + "xx");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Contains("not valid", badHtml, StringComparison.Ordinal);
        Assert.Equal("pending", (await SubscriberAsync(site, "reader@example.test")).Status);

        var (okStatus, okHtml, _) = await site.GetAsync("/confirm?token=" + token);
        Assert.Equal(HttpStatusCode.OK, okStatus);
        Assert.Contains("Your subscription is confirmed", okHtml, StringComparison.Ordinal);
        Assert.Equal(("confirmed", 1L), await SubscriberAsync(site, "reader@example.test"));
        Assert.Single(smtp.Messages);
    }
}
