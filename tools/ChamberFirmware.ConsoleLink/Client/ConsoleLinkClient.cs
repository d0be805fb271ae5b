using System;
using System.IO;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Transport;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Crypto;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Core.Wire;
using Tmds.DBus;

namespace ChamberFirmware.ConsoleLink.Client;

/// <summary>
/// The treatment console's end of the link: opens an authenticated session (Hello, challenge,
/// confirm), sends heartbeats on a ticker, and sends commands one at a time, each returning the
/// device's typed reply. Telemetry frames update LatestStatus. Frames that fail authentication
/// are counted and ignored. docs/protocol.md describes the exchange.
/// Whatever answers on the link may be hostile or garbled, so no wait depends on it alone: each
/// answer is awaited at most the reply timeout and closing waits at most <see cref="CloseTimeout"/>
/// for the receive loop, both on the injected clock. A transport failure (reset, disposal, dropped
/// radio link) ends the link: pending and later requests fail with "The link closed.". Anything else
/// the receive loop throws (a frame parser, a <see cref="TelemetryReceived"/> handler) also ends it, but
/// pending and later requests fail with that exception itself, never disguised as a close.
/// </summary>
public sealed class ConsoleLinkClient : IAsyncDisposable
{
    /// <summary>How long one request waits for its answer unless the client is given another bound.</summary>
    public static readonly TimeSpan DefaultReplyTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long closing waits for the receive loop to end after the transport was disposed.</summary>
    public static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(1);

    private readonly ILinkTransport _transport;
    private readonly TimeProvider _time;
    private readonly TimeSpan _replyTimeout;
    private readonly INonceSource _nonces;
    private readonly HmacSha256 _deviceKeyMac = new();
    private readonly LinkSession _session = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly SemaphoreSlim _commandLock = new(1, 1);
    private readonly byte[] _receive = new byte[LinkProtocol.MaxFrameSize + 1];
    private readonly byte[] _consoleNonce = new byte[LinkProtocol.NonceSize];
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource<byte[]>? _pending;
    private uint _pendingSequence;
    private int _linkClosed;
    private Exception? _loopFailure;
    private Task? _receiveLoop;
    private int _rejectedFrames;

    /// <param name="time">The clock the reply and close deadlines run on (default: the system's).</param>
    /// <param name="replyTimeout">How long one request waits for its answer (default <see cref="DefaultReplyTimeout"/>).</param>
    public ConsoleLinkClient(ILinkTransport transport, byte[] deviceKey, INonceSource? nonces = null, TimeProvider? time = null, TimeSpan? replyTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(deviceKey);
        if (deviceKey.Length != LinkProtocol.DeviceKeySize)
        {
            throw new ArgumentException($"The device key is {LinkProtocol.DeviceKeySize} bytes.", nameof(deviceKey));
        }

        if (replyTimeout is { } bound && bound <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(replyTimeout), "The reply timeout must be positive.");
        }

        _transport = transport;
        _time = time ?? TimeProvider.System;
        _replyTimeout = replyTimeout ?? DefaultReplyTimeout;
        _nonces = nonces ?? new RandomNonceSource();
        _deviceKeyMac.SetKey(deviceKey, 0, deviceKey.Length);
    }

    /// <summary>Raised (on the receive loop) for each authenticated telemetry frame.</summary>
    public event EventHandler<ChamberStatus>? TelemetryReceived;

    public bool IsConnected => _session.IsEstablished && _receiveLoop is { IsCompleted: false };

    /// <summary>Latest status from telemetry or GetStatus (null before the first).</summary>
    public ChamberStatus? LatestStatus { get; private set; }

    /// <summary>Device frames dropped because they failed framing, tag or sequence checks.</summary>
    public int RejectedFrames => Volatile.Read(ref _rejectedFrames);

    public int HeartbeatsSent { get; private set; }

    /// <summary>
    /// Unauthenticated factory key install (factory state + jumper fitted on the board only).
    /// Returns the device's result; sends nothing else and opens no session.
    /// </summary>
    public static async Task<CommandResult> FactoryProvisionAsync(ILinkTransport transport, byte[] deviceKey, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(deviceKey);
        byte[] frame = new byte[LinkProtocol.MaxFrameSize];
        deviceKey.CopyTo(frame, LinkProtocol.OffsetPayload);
        int length = LinkFrame.WriteUnauthenticated(frame, 0, (byte)LinkMessageType.FactoryProvision, deviceKey.Length);
        if (length == 0)
        {
            throw new ArgumentException("The key does not fit in a frame.", nameof(deviceKey));
        }

        await transport.SendAsync(frame.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        byte[] buffer = new byte[LinkProtocol.MaxFrameSize + 1];
        int received = await ReceiveWithinAsync(transport, buffer, LinkMessageType.FactoryProvision, time ?? TimeProvider.System, DefaultReplyTimeout, cancellationToken).ConfigureAwait(false);
        if (LinkFrame.ParseHeader(buffer, 0, received, out byte type, out _, out int payloadLength) != LinkRejectReason.None
            || type != (byte)LinkMessageType.Notice || payloadLength != LinkPayloads.NoticeSize
            || buffer[LinkProtocol.OffsetPayload] != (byte)LinkMessageType.FactoryProvision)
        {
            throw new LinkProtocolException("The device did not answer the factory provisioning request.");
        }

        return (CommandResult)buffer[LinkProtocol.OffsetPayload + 1];
    }

    /// <summary>
    /// Opens the session: Hello with a fresh nonce, checks the device's challenge (proves it holds
    /// the key), confirms. Returns the confirm reply with the device's status. Throws
    /// LinkProtocolException when the device is unprovisioned, holds another key, or refuses.
    /// </summary>
    public async Task<StatusReply> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_receiveLoop != null)
        {
            throw new InvalidOperationException("Already connected; use a new client for a new session.");
        }

        _nonces.Fill(_consoleNonce, 0, LinkProtocol.NonceSize);
        byte[] hello = new byte[LinkProtocol.MaxFrameSize];
        _consoleNonce.CopyTo(hello, LinkProtocol.OffsetPayload);
        int helloLength = LinkFrame.WriteUnauthenticated(hello, 0, (byte)LinkMessageType.Hello, LinkProtocol.NonceSize);
        await _transport.SendAsync(hello.AsMemory(0, helloLength), cancellationToken).ConfigureAwait(false);

        int received = await ReceiveWithinAsync(_transport, _receive, LinkMessageType.Hello, _time, _replyTimeout, cancellationToken).ConfigureAwait(false);
        LinkRejectReason framing = LinkFrame.ParseHeader(_receive, 0, received, out byte type, out uint sequence, out int payloadLength);
        if (framing != LinkRejectReason.None)
        {
            throw new LinkProtocolException($"The device's answer to Hello was malformed ({framing}).");
        }

        if (type == (byte)LinkMessageType.Notice && payloadLength == LinkPayloads.NoticeSize)
        {
            throw new LinkProtocolException($"The device refused the session: {(CommandResult)_receive[LinkProtocol.OffsetPayload + 1]}.");
        }

        int payload = LinkProtocol.OffsetPayload;
        if (type != (byte)LinkMessageType.HelloChallenge || payloadLength != LinkPayloads.ChallengeSize
            || !CryptographicOperations.FixedTimeEquals(_receive.AsSpan(payload + LinkProtocol.NonceSize, LinkProtocol.NonceSize), _consoleNonce))
        {
            throw new LinkProtocolException("The device's challenge did not answer this Hello.");
        }

        _session.Establish(_deviceKeyMac, _receive, payload, _consoleNonce, 0, asDevice: false);
        if (_session.Verify(_receive, 0, payloadLength, sequence) != LinkRejectReason.None)
        {
            _session.Clear();
            throw new LinkProtocolException("The device's challenge failed authentication: it does not hold this key.");
        }

        _session.Accept(sequence);
        _receiveLoop = ReceiveLoopAsync(_stop.Token);
        var (reply, extra) = await SendCommandAsync(LinkMessageType.SessionConfirm, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        if (!reply.IsOk)
        {
            _session.Clear();
            throw new LinkProtocolException($"The device refused to bind the session: {reply.Result}.");
        }

        return new StatusReply(reply, ReadStatus(extra));
    }

    /// <summary>Sends one authenticated heartbeat (no reply: the device's link-loss timer feeds on it).</summary>
    public async Task SendHeartbeatAsync(CancellationToken cancellationToken)
    {
        await SealAndSendAsync(LinkMessageType.Heartbeat, ReadOnlyMemory<byte>.Empty, beforeSend: null, cancellationToken).ConfigureAwait(false);
        HeartbeatsSent++;
    }

    /// <summary>Sends a heartbeat on every tick until the ticker stops, the link closes or cancellation.</summary>
    public async Task RunHeartbeatsAsync(ILinkTicker ticker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticker);
        try
        {
            while (await ticker.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await SendHeartbeatAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public async Task<CommandReply> ArmAsync(TreatmentProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        byte[] payload = new byte[LinkPayloads.ProfileSize];
        LinkPayloads.WriteProfile(profile, payload, 0);
        return (await SendCommandAsync(LinkMessageType.Arm, payload, cancellationToken).ConfigureAwait(false)).Reply;
    }

    public async Task<CommandReply> StartAsync(CancellationToken cancellationToken) =>
        (await SendCommandAsync(LinkMessageType.Start, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false)).Reply;

    public async Task<CommandReply> StopAsync(CancellationToken cancellationToken) =>
        (await SendCommandAsync(LinkMessageType.Stop, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false)).Reply;

    public async Task<CommandReply> ClearFaultAsync(CancellationToken cancellationToken) =>
        (await SendCommandAsync(LinkMessageType.ClearFault, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false)).Reply;

    public async Task<CommandReply> SetSettingsAsync(ChamberSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return (await SendCommandAsync(LinkMessageType.SetSettings, EncodeSettings(settings), cancellationToken).ConfigureAwait(false)).Reply;
    }

    public async Task<StatusReply> GetStatusAsync(CancellationToken cancellationToken)
    {
        var (reply, extra) = await SendCommandAsync(LinkMessageType.GetStatus, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        return new StatusReply(reply, ReadStatus(extra));
    }

    /// <summary>Identity, firmware version and stored settings of the device (never its key).</summary>
    public async Task<DeviceInfoReply> GetIdentityAsync(CancellationToken cancellationToken)
    {
        var (reply, extra) = await SendCommandAsync(LinkMessageType.GetIdentity, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        var info = new LinkDeviceInfo();
        return new DeviceInfoReply(reply, reply.IsOk && LinkPayloads.ReadDeviceInfo(extra, 0, extra.Length, info) ? info : null);
    }

    public async Task<CommandReply> BeginProvisioningAsync(CancellationToken cancellationToken) =>
        (await SendCommandAsync(LinkMessageType.ProvisionBegin, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false)).Reply;

    public async Task<CommandReply> StageIdentityAsync(string serialNumber, string hardwareRevision, CancellationToken cancellationToken)
    {
        byte[] serial = System.Text.Encoding.ASCII.GetBytes(serialNumber);
        byte[] revision = System.Text.Encoding.ASCII.GetBytes(hardwareRevision);
        if (serial.Length is < 1 or > LinkProtocol.MaxIdentityLength || revision.Length is < 1 or > LinkProtocol.MaxIdentityLength)
        {
            throw new ArgumentException($"Serial number and hardware revision are 1..{LinkProtocol.MaxIdentityLength} ASCII characters.");
        }

        byte[] payload = new byte[2 + serial.Length + revision.Length];
        payload[0] = (byte)serial.Length;
        serial.CopyTo(payload, 1);
        payload[1 + serial.Length] = (byte)revision.Length;
        revision.CopyTo(payload, 2 + serial.Length);
        return (await SendCommandAsync(LinkMessageType.ProvisionIdentity, payload, cancellationToken).ConfigureAwait(false)).Reply;
    }

    public async Task<CommandReply> StageLinkKeyAsync(byte[] newKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newKey);
        return (await SendCommandAsync(LinkMessageType.ProvisionLinkKey, newKey, cancellationToken).ConfigureAwait(false)).Reply;
    }

    public async Task<CommandReply> StageSettingsAsync(ChamberSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return (await SendCommandAsync(LinkMessageType.ProvisionSettings, EncodeSettings(settings), cancellationToken).ConfigureAwait(false)).Reply;
    }

    public async Task<CommandReply> CommitProvisioningAsync(CancellationToken cancellationToken) =>
        (await SendCommandAsync(LinkMessageType.ProvisionCommit, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false)).Reply;

    public async Task<CommandReply> AbortProvisioningAsync(CancellationToken cancellationToken) =>
        (await SendCommandAsync(LinkMessageType.ProvisionAbort, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false)).Reply;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _transport.DisposeAsync().ConfigureAwait(false);
        if (_receiveLoop != null)
        {
            try
            {
                // A transport whose receive outlives its disposal must not keep the console open.
                await _receiveLoop.WaitAsync(CloseTimeout, _time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Left behind: it ends with the transport or the process; nothing waits for it.
            }
        }

        _session.Clear();
        _stop.Dispose();
        _sendLock.Dispose();
        _commandLock.Dispose();
    }

    private static LinkReplyTimeoutException NoAnswer(LinkMessageType request, TimeSpan bound) => new(request, bound);

    /// <summary>One frame from the transport, or a LinkProtocolException naming the request when none arrives within the bound.</summary>
    private static async Task<int> ReceiveWithinAsync(ILinkTransport transport, byte[] buffer, LinkMessageType request, TimeProvider time, TimeSpan bound, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(bound, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await transport.ReceiveAsync(buffer, linked.Token).AsTask().WaitAsync(bound, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            throw NoAnswer(request, bound);
        }
    }

    private static byte[] EncodeSettings(ChamberSettings settings)
    {
        byte[] payload = new byte[LinkPayloads.SettingsSize];
        LinkPayloads.WriteSettings(settings, payload, 0);
        return payload;
    }

    private ChamberStatus ReadStatus(byte[] extra)
    {
        var status = new ChamberStatus();
        if (extra.Length >= LinkPayloads.StatusSize)
        {
            LinkPayloads.ReadStatus(extra, 0, status);
            LatestStatus = status;
        }

        return status;
    }

    private async Task<(CommandReply Reply, byte[] Extra)> SendCommandAsync(LinkMessageType type, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (payload.Length > LinkProtocol.MaxPayloadSize)
        {
            throw new ArgumentException("The payload does not fit in a frame.", nameof(payload));
        }

        await _commandLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var pending = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            await SealAndSendAsync(type, payload, sequence =>
            {
                // Registered before the frame leaves, so the reply cannot outrun it.
                _pendingSequence = sequence;
                Interlocked.Exchange(ref _pending, pending);
            }, cancellationToken).ConfigureAwait(false);

            // The receive loop may have ended (link closed) before this request was registered:
            // then nothing will ever answer it. (Exchange/Exchange on both sides: at least one of
            // the loop's final check and this one sees the other's write.)
            if (Volatile.Read(ref _linkClosed) != 0)
            {
                pending.TrySetException(LinkEnded());
            }

            byte[] response;
            try
            {
                response = await pending.Task.WaitAsync(_replyTimeout, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // A device that answers with anything but this reply (garbage, telemetry, nothing) must not hold the console.
                throw NoAnswer(type, _replyTimeout);
            }

            int p = LinkProtocol.OffsetPayload;
            var reply = new CommandReply((LinkMessageType)response[p], (CommandResult)response[p + 5], LittleEndian.ReadUInt16(response, p + 6));
            return (reply, response.AsSpan(p + LinkPayloads.ResponseHeaderSize, response.Length - p - LinkPayloads.ResponseHeaderSize - LinkProtocol.TagSize).ToArray());
        }
        finally
        {
            Volatile.Write(ref _pending, null);
            _commandLock.Release();
        }
    }

    private async Task SealAndSendAsync(LinkMessageType type, ReadOnlyMemory<byte> payload, Action<uint>? beforeSend, CancellationToken cancellationToken)
    {
        byte[] frame = new byte[LinkProtocol.MaxFrameSize];
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Seal and send under one lock: the device rejects frames whose sequence goes backwards.
            payload.CopyTo(frame.AsMemory(LinkProtocol.OffsetPayload));
            int length = _session.Seal((byte)type, frame, 0, payload.Length);
            if (length == 0)
            {
                throw new LinkProtocolException("No session: connect first.");
            }

            beforeSend?.Invoke(_session.LastSentSequence);
            await _transport.SendAsync(frame.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// What a transport's receive throws when the link itself fails or is being closed: a reset or
    /// dropped connection (IOException, which BleFailure is; SocketException), a stream disposed under
    /// the read (ObjectDisposedException), the close's cancellation (OperationCanceledException), a
    /// record that stalled past its frame deadline (FrameDeadlineException, a TimeoutException), and
    /// BlueZ's D-Bus failures (DBusException, DisconnectedException: BleLinkTransport's sends raise
    /// them, so they are that transport's vocabulary). These end the link; anything else is a bug.
    /// </summary>
    private static bool IsTransportFailure(Exception e) =>
        e is IOException or SocketException or ObjectDisposedException or OperationCanceledException
            or TimeoutException or DBusException or DisconnectedException;

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                int length;
                try
                {
                    length = await _transport.ReceiveAsync(_receive, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (IsTransportFailure(e))
                {
                    // The transport failed or was closed: the link ends, pending requests fail below as
                    // "The link closed." instead of faulting the close.
                    break;
                }

                if (length == 0)
                {
                    break;
                }

                HandleFrame(length);
            }
        }
        catch (Exception e)
        {
            // Not the link: a frame parser or a TelemetryReceived handler threw (or the transport threw
            // something no transport failure is). Not swallowed as a close: the pending request and every
            // later one fail with this error, so a caller (and the console-replies fuzz target) sees it.
            // The loop itself ends normally, so closing the client still neither throws nor hangs.
            failure = e;
        }
        finally
        {
            // The session's keys are dropped in DisposeAsync (the sender may still hold them now).
            Volatile.Write(ref _loopFailure, failure);
            Interlocked.Exchange(ref _linkClosed, 1);
            Volatile.Read(ref _pending)?.TrySetException(LinkEnded());
        }
    }

    /// <summary>Why requests can no longer be answered: the receive loop's failure, or the link's close.</summary>
    private Exception LinkEnded() => Volatile.Read(ref _loopFailure) ?? new LinkProtocolException("The link closed.");

    private void HandleFrame(int length)
    {
        if (LinkFrame.ParseHeader(_receive, 0, length, out byte type, out uint sequence, out int payloadLength) != LinkRejectReason.None
            || _session.Verify(_receive, 0, payloadLength, sequence) != LinkRejectReason.None)
        {
            Interlocked.Increment(ref _rejectedFrames);
            return;
        }

        _session.Accept(sequence);
        if (type == (byte)LinkMessageType.Telemetry && payloadLength == LinkPayloads.StatusSize)
        {
            var telemetry = new ChamberStatus();
            LinkPayloads.ReadStatus(_receive, LinkProtocol.OffsetPayload, telemetry);
            LatestStatus = telemetry;
            TelemetryReceived?.Invoke(this, telemetry);
        }
        else if (type == (byte)LinkMessageType.Response && payloadLength >= LinkPayloads.ResponseHeaderSize)
        {
            var pending = Volatile.Read(ref _pending);
            if (pending != null && LittleEndian.ReadUInt32(_receive, LinkProtocol.OffsetPayload + 1) == _pendingSequence)
            {
                pending.TrySetResult(_receive.AsSpan(0, length).ToArray());
            }
        }
    }
}
