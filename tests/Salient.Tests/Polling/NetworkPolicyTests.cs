using System.Net;
using Salient.Polling;

namespace Salient.Tests.Polling;

public sealed class NetworkPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1", "Loopback")]
    [InlineData("127.45.6.7", "Loopback")]
    [InlineData("::1", "Loopback")]
    [InlineData("::ffff:127.0.0.1", "Loopback")]
    [InlineData("::127.0.0.1", "Loopback")]
    [InlineData("64:ff9b::7f00:1", "Loopback")]
    [InlineData("2002:7f00:1::", "Loopback")]
    [InlineData("10.0.0.1", "Private")]
    [InlineData("172.16.0.1", "Private")]
    [InlineData("172.31.255.255", "Private")]
    [InlineData("192.168.1.1", "Private")]
    [InlineData("100.64.0.1", "Private")]
    [InlineData("fd00:ec2::254", "Private")]
    [InlineData("::ffff:10.1.2.3", "Private")]
    [InlineData("169.254.169.254", "LinkLocal")]
    [InlineData("fe80::1", "LinkLocal")]
    [InlineData("0.0.0.0", "Reserved")]
    [InlineData("::", "Reserved")]
    [InlineData("255.255.255.255", "Reserved")]
    [InlineData("224.0.0.1", "Reserved")]
    [InlineData("ff02::1", "Reserved")]
    [InlineData("93.184.216.34", "Public")]
    [InlineData("172.32.0.1", "Public")]
    [InlineData("2606:4700::1111", "Public")]
    public void Every_internal_range_is_recognised_in_IPv4_IPv6_and_mapped_forms(string address, string scope)
    {
        Assert.Equal(scope, NetworkPolicy.Classify(IPAddress.Parse(address)).ToString());
    }

    [Theory]
    [InlineData("http://2130706433/")]
    [InlineData("http://0x7f000001/")]
    [InlineData("http://0177.0.0.1/")]
    [InlineData("http://127.1/")]
    [InlineData("http://[::ffff:7f00:1]/")]
    public async Task Decimal_hex_octal_and_short_spellings_of_loopback_are_loopback(string url)
    {
        var addresses = await new NetworkPolicy().AddressesAsync(new Uri(url), CancellationToken.None);
        Assert.NotEmpty(addresses);
        Assert.All(addresses, a => Assert.Equal(AddressScope.Loopback, NetworkPolicy.Classify(a)));
    }
}
