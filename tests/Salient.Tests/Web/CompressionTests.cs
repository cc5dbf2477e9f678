using System.IO.Compression;
using System.Net;
using Salient.Tests.Support;

namespace Salient.Tests.Web;

public sealed class CompressionTests
{
    private const string Token = "correct horse battery staple";

    private static async Task<HttpResponseMessage> GetAsync(SiteFixture site, string path, string encoding, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        return await site.Client.SendAsync(request);
    }

    [Fact]
    public async Task Pages_feeds_and_the_api_are_compressed_for_clients_that_ask_and_read_the_same_once_decompressed()
    {
        await using var site = await SiteFixture.CreateAsync();
        var first = await site.AddStoryAsync("Parliament passes budget number 0 after a long debate", 7.0);
        for (var i = 1; i < 20; i++)
        {
            await site.AddStoryAsync($"Parliament passes budget number {i} after a long debate", 7.0);
        }
        var plain = await (await GetAsync(site, "/", "identity")).Content.ReadAsStringAsync();
        Assert.Contains("Parliament passes budget number 19", plain, StringComparison.Ordinal);

        using var br = await GetAsync(site, "/", "br");
        Assert.Equal(HttpStatusCode.OK, br.StatusCode);
        Assert.Equal(["br"], br.Content.Headers.ContentEncoding);
        var compressed = await br.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length < plain.Length / 3, $"{compressed.Length} bytes compressed for {plain.Length}");
        await using (var brotli = new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress))
        using (var reader = new StreamReader(brotli))
        {
            Assert.Contains("Parliament passes budget number 19", await reader.ReadToEndAsync(), StringComparison.Ordinal);
        }

        foreach (var path in new[] { "/feed.xml", "/api/stories", $"/story/{first}" })
        {
            using var gz = await GetAsync(site, path, "gzip");
            Assert.Equal(HttpStatusCode.OK, gz.StatusCode);
            Assert.Equal(["gzip"], gz.Content.Headers.ContentEncoding);
            await using var gzip = new GZipStream(await gz.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip);
            Assert.Contains("Parliament passes budget", await reader.ReadToEndAsync(), StringComparison.Ordinal);
        }
        // A browser that takes both gets gzip, the cheaper of the two.
        using var both = await GetAsync(site, "/", "gzip, deflate, br, zstd");
        Assert.Equal(["gzip"], both.Content.Headers.ContentEncoding);
        // The security headers stay on compressed answers.
        Assert.True(br.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task Admin_pages_which_carry_a_csrf_token_are_never_compressed()
    {
        await using var site = await SiteFixture.CreateAsync(o => o.AdminToken = Token);
        await site.AddStoryAsync("Story", 6.0);
        var login = await site.Client.PostAsync("/admin/login", new FormUrlEncodedContent([new("token", Token)]));
        var session = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        foreach (var path in new[] { "/admin", "/Admin", "/admin/login" })
        {
            using var response = await GetAsync(site, path, "br, gzip", session);
            Assert.Empty(response.Content.Headers.ContentEncoding);
        }
        using var dashboard = await GetAsync(site, "/admin", "br, gzip", session);
        Assert.Contains("name=\"csrf\"", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
