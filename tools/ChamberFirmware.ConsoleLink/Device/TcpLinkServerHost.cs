using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Transport;
using ChamberFirmware.Core.Link;

namespace ChamberFirmware.ConsoleLink.Device;

/// <summary>
/// The device end over TCP for the simulator: listens on 127.0.0.1 (port 0 = ephemeral), serves
/// one console connection at a time with length-prefixed frames, and owns the device link's
/// transport side. A second connection waits in the backlog until the first ends (the board's BLE
/// server likewise accepts one central). Serve a chamber through its runtime
/// (<see cref="RuntimeLinkEndpoint"/>), as the board's BLE service does; the LinkServer
/// constructor serves the link layer alone. A connection holds the slot only while it earns it
/// (<see cref="LinkSlotDeadlines"/> on the injected clock): no confirmed session within the
/// handshake deadline, a bound session that took no frame within the idle deadline, or a frame
/// trickling in slower than the frame deadline ends it, and the next console is accepted.
/// </summary>
public sealed class TcpLinkServerHost : IAsyncDisposable
{
    private readonly IDeviceLinkEndpoint _server;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeProvider _time;
    private readonly LinkSlotDeadlines _deadlines;
    private readonly Channel<string> _ended = Channel.CreateBounded<string>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
    private Task? _acceptLoop;
    private volatile LinkServerConnection? _current;

    public TcpLinkServerHost(IDeviceLinkEndpoint endpoint, int port = 0)
        : this(endpoint, port, TimeProvider.System, new LinkSlotDeadlines())
    {
    }

    public TcpLinkServerHost(IDeviceLinkEndpoint endpoint, int port, TimeProvider time, LinkSlotDeadlines deadlines)
    {
        _server = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _deadlines = deadlines ?? throw new ArgumentNullException(nameof(deadlines));
        _listener = new TcpListener(IPAddress.Loopback, port);
    }

    /// <summary>The link layer alone (link tests): no runtime check-ins, counters or provisioning hook.</summary>
    public TcpLinkServerHost(LinkServer server, int port = 0)
        : this(new LinkServerEndpoint(server), port)
    {
    }

    public IDeviceLinkEndpoint Endpoint => _server;

    /// <summary>Where consoles connect (valid after Start).</summary>
    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    public bool HasConnection => _current != null;

    public LinkSlotDeadlines Deadlines => _deadlines;

    /// <summary>Why each served connection ended, in order (the last 16 kept).</summary>
    public ChannelReader<string> EndedConnections => _ended.Reader;

    public void Start()
    {
        if (_acceptLoop != null)
        {
            throw new InvalidOperationException("Already started.");
        }

        _listener.Start();
        _acceptLoop = AcceptLoopAsync(_stop.Token);
    }

    /// <summary>Sends a telemetry frame to the connected, bound console (call periodically). False when none.</summary>
    public async Task<bool> SendTelemetryAsync(CancellationToken cancellationToken)
    {
        var connection = _current;
        if (connection == null)
        {
            return false;
        }

        try
        {
            return await connection.SendTelemetryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (System.IO.IOException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        if (_acceptLoop != null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            client.NoDelay = true;
            var transport = new LengthPrefixedStreamTransport(client.GetStream(), _time, _deadlines.Frame);
            var connection = new LinkServerConnection(_server, transport, _time, _deadlines);
            _current = connection;
            try
            {
                // One console at a time: serve this one to its end before accepting the next.
                await connection.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _current = null;
                await transport.DisposeAsync().ConfigureAwait(false);
                client.Dispose();
                _ended.Writer.TryWrite(connection.EndReason);
            }
        }
    }
}
