using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace ChamberFirmware.ConsoleLink.Transport;

/// <summary>The console end over TCP (simulator on 127.0.0.1), length-prefixed frames.</summary>
public sealed class TcpLinkClientTransport : LengthPrefixedStreamTransport
{
    private readonly TcpClient _client;

    private TcpLinkClientTransport(TcpClient client)
        : base(client.GetStream())
    {
        _client = client;
    }

    public static async Task<TcpLinkClientTransport> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        var client = new TcpClient(endPoint.AddressFamily) { NoDelay = true };
        try
        {
            await client.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return new TcpLinkClientTransport(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync().ConfigureAwait(false);
        _client.Dispose();
    }
}
