using System;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Transport;
using ChamberFirmware.Core.Link;

namespace ChamberFirmware.ConsoleLink.Device;

/// <summary>
/// Moves frames between one transport connection and a device's link endpoint (what the BLE GATT
/// adapter does on the board): each received frame goes to HandleLinkFrame, its response goes back;
/// the end of the connection is OnLinkTransportClosed (link loss for the chamber).
/// </summary>
public sealed class LinkServerConnection
{
    private readonly IDeviceLinkEndpoint _server;
    private readonly ILinkTransport _transport;
    private readonly byte[] _receive = new byte[LinkProtocol.MaxFrameSize + 1];
    private readonly byte[] _response = new byte[LinkProtocol.MaxFrameSize];
    private readonly byte[] _telemetry = new byte[LinkProtocol.MaxFrameSize];
    private readonly object _telemetryLock = new();

    public LinkServerConnection(IDeviceLinkEndpoint server, ILinkTransport transport)
    {
        _server = server ?? throw new ArgumentNullException(nameof(server));
        _transport = transport;
    }

    /// <summary>The link layer alone (link tests); a chamber is served through its runtime.</summary>
    public LinkServerConnection(LinkServer server, ILinkTransport transport)
        : this(new LinkServerEndpoint(server), transport)
    {
    }

    /// <summary>Serves until the transport closes or cancellation; always reports the close to the server.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                int length = await _transport.ReceiveAsync(_receive, cancellationToken).ConfigureAwait(false);
                if (length == 0)
                {
                    break;
                }

                int responseLength = _server.HandleLinkFrame(_receive, 0, length, _response, 0);
                if (responseLength > 0)
                {
                    await _transport.SendAsync(_response.AsMemory(0, responseLength), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (System.IO.IOException)
        {
        }
        finally
        {
            _server.OnLinkTransportClosed();
        }
    }

    /// <summary>Sends one telemetry frame if a session is bound. Returns whether one was sent.</summary>
    public async Task<bool> SendTelemetryAsync(CancellationToken cancellationToken)
    {
        byte[] frame;
        lock (_telemetryLock)
        {
            int length = _server.BuildTelemetryFrame(_telemetry, 0);
            if (length == 0)
            {
                return false;
            }

            frame = _telemetry.AsSpan(0, length).ToArray();
        }

        await _transport.SendAsync(frame, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
