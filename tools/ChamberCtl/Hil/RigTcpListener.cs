using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace ChamberCtl.Hil;

/// <summary>
/// Serves the rig control protocol on TCP 127.0.0.1 (never another interface: the rig protocol
/// is unauthenticated test plumbing). One session at a time, each on a fresh target from the
/// factory; a second client waits until the first says BYE or disconnects. Stops on cancellation.
/// </summary>
internal sealed class RigTcpListener : IDisposable
{
    /// <summary>A session idle this long is closed, so a client that vanished cannot hold the rig for ever.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(2);

    private readonly Func<IHilTarget> _targets;
    private readonly TcpListener _listener;

    public RigTcpListener(Func<IHilTarget> targets, int port)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        _targets = targets ?? throw new ArgumentNullException(nameof(targets));
        _listener = new TcpListener(IPAddress.Loopback, port);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Sessions served to the end so far.</summary>
    public int Sessions { get; private set; }

    /// <summary>Binds the port (throws SocketException when it is taken).</summary>
    public void Start() => _listener.Start();

    /// <summary>Accepts and serves sessions one after the other until <paramref name="cancellationToken"/> is cancelled or <paramref name="maxSessions"/> have ended.</summary>
    public async Task RunAsync(CancellationToken cancellationToken, int? maxSessions = null)
    {
        while (!cancellationToken.IsCancellationRequested && (maxSessions is null || Sessions < maxSessions))
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
            catch (ObjectDisposedException)
            {
                return;
            }

            using (client)
            using (var target = _targets())
            using (cancellationToken.Register(client.Dispose))
            {
                client.NoDelay = true;
                client.ReceiveTimeout = (int)IdleTimeout.TotalMilliseconds;
                var server = new RigProtocolServer(target, target.Description);
                await Task.Run(() => server.Serve(client.GetStream()), CancellationToken.None).ConfigureAwait(false);
                Sessions++;
            }
        }
    }

    public void Dispose() => _listener.Stop();
}
