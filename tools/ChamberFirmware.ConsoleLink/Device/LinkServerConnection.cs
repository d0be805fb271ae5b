using System;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Transport;
using ChamberFirmware.Core.Link;

namespace ChamberFirmware.ConsoleLink.Device;

/// <summary>
/// Moves frames between one transport connection and a device's link endpoint (what the BLE GATT
/// adapter does on the board): each received frame goes to HandleLinkFrame, its response goes back;
/// the end of the connection is OnLinkTransportClosed (link loss for the chamber). With deadlines
/// (the TCP host), a connection that has not confirmed a session within the handshake deadline, or
/// whose bound session took no frame within the idle deadline, or whose bound session ended, is
/// closed, so it cannot hold the device's one link slot. An empty record is handed to the device
/// as the bad frame it is (rejected Truncated), not read as the end of the connection.
/// </summary>
public sealed class LinkServerConnection
{
    private readonly IDeviceLinkEndpoint _server;
    private readonly ILinkTransport _transport;
    private readonly TimeProvider? _time;
    private readonly LinkSlotDeadlines? _deadlines;
    private readonly byte[] _receive = new byte[LinkProtocol.MaxFrameSize + 1];
    private readonly byte[] _response = new byte[LinkProtocol.MaxFrameSize];
    private readonly byte[] _telemetry = new byte[LinkProtocol.MaxFrameSize];
    private readonly object _telemetryLock = new();

    public LinkServerConnection(IDeviceLinkEndpoint server, ILinkTransport transport)
    {
        _server = server ?? throw new ArgumentNullException(nameof(server));
        _transport = transport;
    }

    /// <summary>A connection that must earn the slot within <paramref name="deadlines"/> on <paramref name="time"/>.</summary>
    public LinkServerConnection(IDeviceLinkEndpoint server, ILinkTransport transport, TimeProvider time, LinkSlotDeadlines deadlines)
        : this(server, transport)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _deadlines = deadlines ?? throw new ArgumentNullException(nameof(deadlines));
    }

    /// <summary>The link layer alone (link tests); a chamber is served through its runtime.</summary>
    public LinkServerConnection(LinkServer server, ILinkTransport transport)
        : this(new LinkServerEndpoint(server), transport)
    {
    }

    /// <summary>Why the connection ended (after <see cref="RunAsync"/> returned).</summary>
    public string EndReason { get; private set; } = string.Empty;

    /// <summary>Serves until the transport closes, a deadline passes or cancellation; always reports the close to the server.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        long start = _time?.GetTimestamp() ?? 0;
        long lastTaken = start;
        int accepted = _server.AcceptedFrameCount;
        bool bound = false;
        EndReason = "the console closed the connection";
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                TimeSpan? remaining = null;
                if (_time is not null && _deadlines is not null)
                {
                    remaining = bound
                        ? _deadlines.Idle - _time.GetElapsedTime(lastTaken)
                        : _deadlines.Handshake - _time.GetElapsedTime(start);
                    if (remaining <= TimeSpan.Zero)
                    {
                        EndReason = DeadlineReason(bound);
                        break;
                    }
                }

                int length;
                using (var deadline = remaining is { } r ? new CancellationTokenSource(r, _time!) : null)
                using (var linked = deadline is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token))
                {
                    try
                    {
                        length = await _transport.ReceiveRecordAsync(_receive, linked?.Token ?? cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (deadline is { IsCancellationRequested: true } && !cancellationToken.IsCancellationRequested)
                    {
                        EndReason = DeadlineReason(bound);
                        break;
                    }
                }

                if (length < 0)
                {
                    break;
                }

                int responseLength = _server.HandleLinkFrame(_receive, 0, length, _response, 0);
                bool nowBound = _server.IsSessionBound;
                int nowAccepted = _server.AcceptedFrameCount;
                if (bound && !nowBound)
                {
                    EndReason = "its session ended";
                    break;
                }

                if (nowBound && (!bound || nowAccepted != accepted))
                {
                    lastTaken = _time?.GetTimestamp() ?? 0;
                }

                bound = nowBound;
                accepted = nowAccepted;
                if (responseLength > 0)
                {
                    await _transport.SendAsync(_response.AsMemory(0, responseLength), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            EndReason = "the device stopped";
        }
        catch (FrameDeadlineException e)
        {
            EndReason = e.Message;
        }
        catch (System.IO.IOException)
        {
            EndReason = "the connection broke";
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

    private string DeadlineReason(bool bound) => bound
        ? "its bound session took no frame for " + _deadlines!.Idle.TotalSeconds + " s (a dead session)"
        : "no session was confirmed within " + _deadlines!.Handshake.TotalSeconds + " s of connecting";
}
