using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Salient.Tests.Support;

/// <summary>A real SMTP server (the SmtpServer package) on 127.0.0.1 that keeps every message it accepts.</summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private SmtpSink(int port, Task running)
    {
        Port = port;
        _running = running;
    }

    public int Port { get; }

    public string Url => $"smtp://127.0.0.1:{Port}";

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    public static SmtpSink Start()
    {
        var port = FreePort();
        SmtpSink? sink = null;
        var store = new Store(m => sink!.Messages.Enqueue(m));
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        var server = new SmtpServer.SmtpServer(options, services);
        var cts = new CancellationTokenSource();
        sink = new SmtpSink(port, server.StartAsync(cts.Token));
        sink._stop.Token.Register(cts.Cancel);
        WaitForPort(port);
        return sink;
    }

    /// <summary>
    /// Waits until <paramref name="count"/> messages arrived. The timeout is a hang guard only (generous, so a loaded
    /// machine never fails a test by being slow); a message that never comes fails the test when it runs out.
    /// </summary>
    public async Task<MimeMessage> WaitForMessageAsync(int count = 1, int timeoutMs = 120_000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (Messages.Count < count && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
        }
        Assert.True(Messages.Count >= count, $"expected {count} message(s) at the SMTP server, got {Messages.Count}");
        return Messages.ElementAt(count - 1);
    }

    internal static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static void WaitForPort(int port)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var c = new TcpClient();
                c.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(20);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
        }
        _stop.Dispose();
    }

    private sealed class Store(Action<MimeMessage> keep) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            keep(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
