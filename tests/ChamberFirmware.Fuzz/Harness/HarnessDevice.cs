using System;
using ChamberFirmware.ConsoleLink.Client;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Crypto;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Runtime;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Hal.Simulated;
using ChamberFirmware.Hal.Simulated.Storage;

namespace ChamberFirmware.Fuzz.Harness;

/// <summary>
/// The real firmware (ChamberRuntime on a simulated chamber, provisioned with a known link key)
/// and a genuine console bound to it over the link, built fresh for every fuzz input so that each
/// run is deterministic. The console is made of the portable link pieces (LinkSession), as the
/// device sees any console: it seals what the fuzzer asks for and opens what the device answers.
/// </summary>
public sealed class HarnessDevice
{
    /// <summary>The link key provisioned into the harness device (fixed: runs must be reproducible).</summary>
    public static readonly byte[] LinkKey = CreateKey();

    private readonly byte[] _response = new byte[LinkProtocol.MaxFrameSize];
    private readonly byte[] _frame = new byte[LinkProtocol.MaxFrameSize];
    private readonly byte[] _consoleNonce = new byte[LinkProtocol.NonceSize];
    private readonly HmacSha256 _keyMac = new();
    private readonly ChamberStatus _status = new();

    public HarnessDevice()
    {
        Clock = new ManualClock(1_000_000);
        Chamber = new SimulatedChamber(seed: 3, Clock);
        Storage = new SimulatedNonVolatileStorage();
        StoreProvisionedRecord(Storage);
        Runtime = new ChamberRuntime(Chamber, Storage, new SeededNonceSource(29), Clock, new DiagnosticsIdentity());
        Runtime.Boot();
        _keyMac.SetKey(LinkKey, 0, LinkKey.Length);
    }

    public ManualClock Clock { get; }

    public SimulatedChamber Chamber { get; }

    public SimulatedNonVolatileStorage Storage { get; }

    public ChamberRuntime Runtime { get; }

    /// <summary>The console end of the bound session (established by <see cref="BindConsole"/>).</summary>
    public LinkSession Console { get; } = new();

    /// <summary>The length of the device's last answer (0 = none); the bytes are in <see cref="Response"/>.</summary>
    public int ResponseLength { get; private set; }

    public byte[] Response => _response;

    /// <summary>The treatment state the device reports now.</summary>
    public ChamberState State
    {
        get
        {
            Runtime.FillStatus(_status);
            return _status.State;
        }
    }

    /// <summary>Hello and SessionConfirm with the right key; throws if the genuine console is refused.</summary>
    public void BindConsole()
    {
        new Random(41).NextBytes(_consoleNonce);
        Array.Copy(_consoleNonce, 0, _frame, LinkProtocol.OffsetPayload, LinkProtocol.NonceSize);
        int hello = LinkFrame.WriteUnauthenticated(_frame, 0, (byte)LinkMessageType.Hello, LinkProtocol.NonceSize);
        Deliver(_frame, hello);
        if (LinkFrame.ParseHeader(_response, 0, ResponseLength, out byte type, out uint sequence, out int payloadLength) != LinkRejectReason.None
            || type != (byte)LinkMessageType.HelloChallenge
            || !Console.Establish(_keyMac, _response, LinkProtocol.OffsetPayload, _consoleNonce, 0, asDevice: false)
            || Console.Verify(_response, 0, payloadLength, sequence) != LinkRejectReason.None)
        {
            throw new FuzzInvariantException("the genuine console's Hello was not answered with a valid challenge");
        }

        Console.Accept(sequence);
        if (SendSealed(LinkMessageType.SessionConfirm, Array.Empty<byte>()) != CommandResult.Ok || !Runtime.Link.IsSessionBound)
        {
            throw new FuzzInvariantException("the genuine console's SessionConfirm was refused");
        }
    }

    /// <summary>Hands raw bytes to the device as one received frame.</summary>
    public void Deliver(byte[] frame, int count)
    {
        ResponseLength = Runtime.HandleLinkFrame(frame, 0, count, _response, 0);
        if (ResponseLength < 0 || ResponseLength > LinkProtocol.MaxFrameSize)
        {
            throw new FuzzInvariantException("the device wrote a response of " + ResponseLength + " bytes");
        }
    }

    /// <summary>
    /// Seals type + payload in the bound session and delivers it. Returns the result of the
    /// device's authenticated Response (checked: it must verify in the console's session and
    /// answer this request), or null when the device sent nothing back. A Hello is the exception,
    /// see <see cref="OpenHelloAnswer"/>.
    /// </summary>
    public CommandResult? SendSealed(LinkMessageType type, byte[] payload)
    {
        int length = Math.Min(payload.Length, LinkProtocol.MaxPayloadSize);
        Array.Copy(payload, 0, _frame, LinkProtocol.OffsetPayload, length);
        int frameLength = Console.Seal((byte)type, _frame, 0, length);
        bool wasBound = Runtime.Link.IsSessionBound;
        Deliver(_frame, frameLength);
        if (type == LinkMessageType.Hello)
        {
            return OpenHelloAnswer(payload.AsSpan(0, length), wasBound);
        }

        if (ResponseLength == 0)
        {
            return null;
        }

        if (LinkFrame.ParseHeader(_response, 0, ResponseLength, out byte responseType, out uint sequence, out int payloadLength) != LinkRejectReason.None)
        {
            throw new FuzzInvariantException("the device answered " + type + " with a malformed frame");
        }

        if (responseType == (byte)LinkMessageType.Notice)
        {
            return payloadLength == LinkPayloads.NoticeSize ? (CommandResult)_response[LinkProtocol.OffsetPayload + 1] : throw new FuzzInvariantException("malformed Notice");
        }

        if (responseType != (byte)LinkMessageType.Response || payloadLength < LinkPayloads.ResponseHeaderSize
            || Console.Verify(_response, 0, payloadLength, sequence) != LinkRejectReason.None
            || _response[LinkProtocol.OffsetPayload] != (byte)type)
        {
            throw new FuzzInvariantException("the device's answer to " + type + " does not verify in the console's session");
        }

        Console.Accept(sequence);
        return (CommandResult)_response[LinkProtocol.OffsetPayload + 5];
    }

    /// <summary>
    /// A Hello is unauthenticated whatever its tag and sequence fields carry (docs/protocol.md):
    /// sealing it in the session does not make it a command of that session. The device answers it
    /// in a new *pending* handshake, so its answer never verifies in the console's session; the
    /// rule checked instead is the protocol's: the answer is a HelloChallenge that echoes this
    /// nonce and verifies under keys derived from the link key in force and both nonces (the
    /// device proved it holds the key), or a Notice, or nothing (payload not a nonce, flood budget
    /// spent); and the bound session is untouched (still bound, and every later command must still
    /// verify in it). Ok when a valid challenge came back.
    /// </summary>
    private CommandResult? OpenHelloAnswer(ReadOnlySpan<byte> nonce, bool wasBound)
    {
        if (Runtime.Link.IsSessionBound != wasBound)
        {
            throw new FuzzInvariantException("a Hello changed the bound session");
        }

        if (ResponseLength == 0)
        {
            return null;
        }

        if (LinkFrame.ParseHeader(_response, 0, ResponseLength, out byte type, out uint sequence, out int payloadLength) != LinkRejectReason.None)
        {
            throw new FuzzInvariantException("the device answered a Hello with a malformed frame");
        }

        if (type == (byte)LinkMessageType.Notice)
        {
            return payloadLength == LinkPayloads.NoticeSize ? (CommandResult)_response[LinkProtocol.OffsetPayload + 1] : throw new FuzzInvariantException("malformed Notice");
        }

        byte[] key = new byte[ConfigRecord.LinkKeyLength];
        var pending = new LinkSession();
        var keyMac = new HmacSha256();
        if (type != (byte)LinkMessageType.HelloChallenge || payloadLength != LinkPayloads.ChallengeSize
            || nonce.Length != LinkProtocol.NonceSize
            || !nonce.SequenceEqual(_response.AsSpan(LinkProtocol.OffsetPayload + LinkProtocol.NonceSize, LinkProtocol.NonceSize))
            || !Runtime.Config.CopyLinkKey(key, 0) || !keyMac.SetKey(key, 0, key.Length)
            || !pending.Establish(keyMac, _response, LinkProtocol.OffsetPayload, nonce.ToArray(), 0, asDevice: false)
            || pending.Verify(_response, 0, payloadLength, sequence) != LinkRejectReason.None)
        {
            throw new FuzzInvariantException("the device's answer to a Hello is not a challenge for this nonce under the link key in force");
        }

        return CommandResult.Ok;
    }

    /// <summary>One 10 ms period of the firmware in the documented order (telemetry, control, supervisor).</summary>
    public void Tick()
    {
        Clock.AdvanceMilliseconds(10);
        Runtime.BuildTelemetryFrame(_frame, 0);
        Runtime.ControlStep();
        Runtime.SupervisorStep();
    }

    private static void StoreProvisionedRecord(SimulatedNonVolatileStorage storage)
    {
        var record = new ConfigRecord { Generation = 1, SerialNumber = "FUZZ-0001", HardwareRevision = "B" };
        record.SetLinkKey(LinkKey, 0);
        record.CopySettingsFrom(new ChamberSettings());
        byte[] buffer = new byte[ConfigRecordCodec.MaxEncodedLength];
        if (ConfigRecordCodec.Encode(record, buffer, 0, out int length) != ConfigDecodeStatus.Ok)
        {
            throw new InvalidOperationException("the harness's own configuration record does not encode");
        }

        storage.Store(ConfigStore.SlotA, buffer.AsSpan(0, length).ToArray());
    }

    private static byte[] CreateKey()
    {
        byte[] key = new byte[LinkProtocol.DeviceKeySize];
        new Random(7).NextBytes(key);
        return key;
    }
}
