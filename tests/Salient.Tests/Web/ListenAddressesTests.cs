using System.Net;
using System.Net.Sockets;
using Salient.Tests.Support;

namespace Salient.Tests.Web;

/// <summary>Addresses given with <c>--urls</c> that cannot be served are a message, before anything is stored or started.</summary>
public sealed class ListenAddressesTests
{
    [Theory]
    [InlineData("notaurl")]
    [InlineData("ftp://127.0.0.1:2121")]
    [InlineData("http://127.0.0.1:5080/some/path")]
    [InlineData(";")]
    public async Task An_address_that_is_not_an_http_url_is_a_usage_error(string urls)
    {
        using var dir = new TempDir();
        var (exit, _, stderr) = await SalientProcess.RunAsync(["--db", dir.File("salient.db"), "serve", "--urls", urls], dir);
        Assert.Equal(2, exit);
        SalientProcess.NoStackTrace(stderr);
        Assert.Contains("--urls", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_already_in_use_stops_run_before_the_store_is_seeded()
    {
        using var dir = new TempDir();
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;

        var (exit, _, stderr) = await SalientProcess.RunAsync(["--db", dir.File("salient.db"), "run", "--urls", $"http://127.0.0.1:{port}"], dir);

        Assert.Equal(1, exit);
        SalientProcess.NoStackTrace(stderr);
        Assert.Contains($"cannot listen on http://127.0.0.1:{port}: the port is already in use", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("salient.db")), "nothing was stored");
    }

    [Fact]
    public async Task An_address_this_machine_does_not_have_is_named()
    {
        using var dir = new TempDir();
        // 192.0.2.0/24 is reserved for documentation: no machine has it, and binding sends nothing anywhere.
        var (exit, _, stderr) = await SalientProcess.RunAsync(["--db", dir.File("salient.db"), "serve", "--urls", "http://192.0.2.10:5080"], dir);
        Assert.Equal(1, exit);
        SalientProcess.NoStackTrace(stderr);
        Assert.Contains("cannot listen on http://192.0.2.10:5080: this machine has no such address", stderr, StringComparison.Ordinal);
    }
}
