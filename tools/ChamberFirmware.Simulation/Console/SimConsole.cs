using System;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Crypto;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Simulation.Firmware;
using ChamberFirmware.Core.Wire;

namespace ChamberFirmware.Simulation.Console;

/// <summary>
/// The treatment console, in process and synchronous: it builds the same authenticated frames as
/// ConsoleLinkClient (Hello, challenge check, confirm, sealed commands) and hands each one straight
/// to the firmware's link entry point, reading the answer at once. No sockets, no threads, no wall
/// clock: a scenario runs at full speed and the same seed gives the same bytes.
/// </summary>
public sealed class SimConsole
{
    private readonly INonceSource _nonces;
    private readonly HmacSha256 _keyMac = new();
    private readonly LinkSession _session = new();
    private readonly byte[] _frame = new byte[LinkProtocol.MaxFrameSize];
    private readonly byte[] _response = new byte[LinkProtocol.MaxFrameSize];
    private readonly byte[] _consoleNonce = new byte[LinkProtocol.NonceSize];
    private readonly byte[] _lastSent = new byte[LinkProtocol.MaxFrameSize];
    private readonly ChamberStatus _lastStatus = new();
    private ISimulatedFirmware _device;
    private int _lastSentLength;

    public SimConsole(ISimulatedFirmware device, byte[]? key, INonceSource nonces)
    {
        _device = device ?? throw new ArgumentNullException(nameof(device));
        _nonces = nonces ?? throw new ArgumentNullException(nameof(nonces));
        if (key is not null)
        {
            SetKey(key);
        }
    }

    /// <summary>A session is bound (the device accepted our confirm) and the transport is open.</summary>
    public bool IsConnected => _session.IsEstablished;

    public bool HasKey { get; private set; }

    public int HeartbeatsSent { get; private set; }

    public int FramesSent { get; private set; }

    /// <summary>The last status the device sent in a response.</summary>
    public ChamberStatus LastStatus => _lastStatus;

    /// <summary>A copy of the last frame this console sent (what an eavesdropper records).</summary>
    public byte[] LastSentFrame => _lastSent.AsSpan(0, _lastSentLength).ToArray();

    public void SetKey(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != LinkProtocol.DeviceKeySize || !_keyMac.SetKey(key, 0, key.Length))
        {
            throw new ArgumentException($"The link key is {LinkProtocol.DeviceKeySize} bytes.", nameof(key));
        }

        HasKey = true;
    }

    /// <summary>Points the console at another firmware instance (engine reset).</summary>
    internal void Attach(ISimulatedFirmware device)
    {
        _device = device;
        _session.Clear();
    }

    /// <summary>Hello, challenge check, confirm. Returns the confirm reply, or why the device would not bind.</summary>
    public ConsoleReply Connect()
    {
        _session.Clear();
        if (!HasKey)
        {
            throw new InvalidOperationException("The console holds no link key.");
        }

        _nonces.Fill(_consoleNonce, 0, LinkProtocol.NonceSize);
        Array.Copy(_consoleNonce, 0, _frame, LinkProtocol.OffsetPayload, LinkProtocol.NonceSize);
        int length = LinkFrame.WriteUnauthenticated(_frame, 0, (byte)LinkMessageType.Hello, LinkProtocol.NonceSize);
        int answer = Deliver(length);
        if (answer == 0)
        {
            return ConsoleReply.NoAnswer(_device.Link.LastRejectReason);
        }

        if (LinkFrame.ParseHeader(_response, 0, answer, out byte type, out uint sequence, out int payloadLength) != LinkRejectReason.None)
        {
            return ConsoleReply.NoAnswer(LinkRejectReason.Truncated);
        }

        if (type == (byte)LinkMessageType.Notice && payloadLength == LinkPayloads.NoticeSize)
        {
            return new ConsoleReply(true, (CommandResult)_response[LinkProtocol.OffsetPayload + 1], 0, LinkRejectReason.None);
        }

        int payload = LinkProtocol.OffsetPayload;
        if (type != (byte)LinkMessageType.HelloChallenge || payloadLength != LinkPayloads.ChallengeSize
            || !_response.AsSpan(payload + LinkProtocol.NonceSize, LinkProtocol.NonceSize).SequenceEqual(_consoleNonce))
        {
            return ConsoleReply.NoAnswer(LinkRejectReason.BadPayload);
        }

        _session.Establish(_keyMac, _response, payload, _consoleNonce, 0, asDevice: false);
        if (_session.Verify(_response, 0, payloadLength, sequence) != LinkRejectReason.None)
        {
            _session.Clear();
            return ConsoleReply.NoAnswer(LinkRejectReason.BadTag);
        }

        _session.Accept(sequence);
        ConsoleReply confirm = Command(LinkMessageType.SessionConfirm, ReadOnlySpan<byte>.Empty);
        if (!confirm.IsOk)
        {
            _session.Clear();
        }

        return confirm;
    }

    /// <summary>The transport closes (console quits, cable pulled): the device sees link loss at once.</summary>
    public void CloseTransport()
    {
        _session.Clear();
        _device.OnLinkTransportClosed();
    }

    /// <summary>One authenticated heartbeat; the device sends nothing back.</summary>
    public bool Heartbeat()
    {
        if (!_session.IsEstablished)
        {
            return false;
        }

        int length = _session.Seal((byte)LinkMessageType.Heartbeat, _frame, 0, 0);
        Deliver(length);
        HeartbeatsSent++;
        return true;
    }

    public ConsoleReply Arm(TreatmentProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        byte[] buffer = new byte[LinkPayloads.ProfileSize];
        LinkPayloads.WriteProfile(profile, buffer, 0);
        return Command(LinkMessageType.Arm, buffer);
    }

    public ConsoleReply Start() => Command(LinkMessageType.Start, ReadOnlySpan<byte>.Empty);

    public ConsoleReply Stop() => Command(LinkMessageType.Stop, ReadOnlySpan<byte>.Empty);

    public ConsoleReply ClearFault() => Command(LinkMessageType.ClearFault, ReadOnlySpan<byte>.Empty);

    public ConsoleReply GetStatus() => Command(LinkMessageType.GetStatus, ReadOnlySpan<byte>.Empty);

    public ConsoleReply SetSettings(ChamberSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        byte[] buffer = new byte[LinkPayloads.SettingsSize];
        LinkPayloads.WriteSettings(settings, buffer, 0);
        return Command(LinkMessageType.SetSettings, buffer);
    }

    /// <summary>Seals and sends one command of the current session and reads the device's response.</summary>
    public ConsoleReply Command(LinkMessageType type, ReadOnlySpan<byte> payload)
    {
        if (!_session.IsEstablished)
        {
            return ConsoleReply.NoAnswer(LinkRejectReason.NoSession);
        }

        payload.CopyTo(_frame.AsSpan(LinkProtocol.OffsetPayload));
        int length = _session.Seal((byte)type, _frame, 0, payload.Length);
        return ReadResponse(Deliver(length));
    }

    /// <summary>
    /// Sends arbitrary bytes as one frame (forgeries, replays, garbage) and reads the answer, if
    /// any, under the current session's keys.
    /// </summary>
    public ConsoleReply SendRaw(ReadOnlySpan<byte> frame)
    {
        int count = Math.Min(frame.Length, _frame.Length);
        frame[..count].CopyTo(_frame);
        int answer = Deliver(count);
        if (answer == 0)
        {
            return ConsoleReply.NoAnswer(_device.Link.LastRejectReason);
        }

        if (LinkFrame.ParseHeader(_response, 0, answer, out byte type, out _, out int payloadLength) == LinkRejectReason.None
            && type == (byte)LinkMessageType.Notice && payloadLength == LinkPayloads.NoticeSize)
        {
            return new ConsoleReply(true, (CommandResult)_response[LinkProtocol.OffsetPayload + 1], 0, LinkRejectReason.None);
        }

        return ReadResponse(answer);
    }

    private ConsoleReply ReadResponse(int answer)
    {
        if (answer == 0)
        {
            return ConsoleReply.NoAnswer(_device.Link.LastRejectReason);
        }

        if (LinkFrame.ParseHeader(_response, 0, answer, out byte type, out uint sequence, out int payloadLength) != LinkRejectReason.None
            || !_session.IsEstablished
            || _session.Verify(_response, 0, payloadLength, sequence) != LinkRejectReason.None)
        {
            // An answer we cannot authenticate (e.g. sealed under another console's session).
            return new ConsoleReply(true, CommandResult.Malformed, 0, LinkRejectReason.BadTag);
        }

        _session.Accept(sequence);
        int p = LinkProtocol.OffsetPayload;
        if (type != (byte)LinkMessageType.Response || payloadLength < LinkPayloads.ResponseHeaderSize)
        {
            return new ConsoleReply(true, CommandResult.Malformed, 0, LinkRejectReason.BadPayload);
        }

        if (payloadLength >= LinkPayloads.ResponseHeaderSize + LinkPayloads.StatusSize)
        {
            LinkPayloads.ReadStatus(_response, p + LinkPayloads.ResponseHeaderSize, _lastStatus);
        }

        return new ConsoleReply(true, (CommandResult)_response[p + 5], LittleEndian.ReadUInt16(_response, p + 6), LinkRejectReason.None);
    }

    private int Deliver(int length)
    {
        Array.Copy(_frame, _lastSent, length);
        _lastSentLength = length;
        FramesSent++;
        return _device.HandleLinkFrame(_frame, 0, length, _response, 0);
    }
}
