using System;
using ChamberFirmware.Core.Crypto;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Hal.Simulated.Plant;

namespace ChamberFirmware.Simulation.Scenarios;

/// <summary>
/// Frames an attacker without the device key can make: unauthenticated (zero tag), sealed under a
/// session derived from a wrong key, or a genuine frame with bytes changed.
/// </summary>
public sealed class AttackFrames
{
    private readonly LinkSession _forged = new();
    private readonly DeterministicRandom _random;

    public AttackFrames(int seed)
    {
        _random = new DeterministicRandom(seed);
        WrongKey = Bytes(LinkProtocol.DeviceKeySize);
        var mac = new HmacSha256();
        mac.SetKey(WrongKey, 0, WrongKey.Length);
        _forged.Establish(mac, Bytes(LinkProtocol.NonceSize), 0, Bytes(LinkProtocol.NonceSize), 0, asDevice: false);
    }

    public byte[] WrongKey { get; }

    /// <summary>An authenticated-type frame with an all-zero tag, as a tool that skips the handshake would send.</summary>
    public static byte[] Unauthenticated(LinkMessageType type, byte[] payload, uint sequence = 1)
    {
        var frame = new byte[LinkProtocol.MinFrameSize + payload.Length];
        LinkFrame.WriteHeader(frame, 0, (byte)type, sequence, payload.Length);
        payload.CopyTo(frame, LinkProtocol.OffsetPayload);
        return frame;
    }

    /// <summary>A frame sealed with keys derived from a key that is not the device's.</summary>
    public byte[] Forged(LinkMessageType type, byte[] payload)
    {
        var frame = new byte[LinkProtocol.MaxFrameSize];
        payload.CopyTo(frame, LinkProtocol.OffsetPayload);
        int length = _forged.Seal((byte)type, frame, 0, payload.Length);
        return frame.AsSpan(0, length).ToArray();
    }

    /// <summary>An unauthenticated FactoryProvision carrying a key.</summary>
    public static byte[] FactoryProvision(byte[] key)
    {
        var frame = new byte[LinkProtocol.MaxFrameSize];
        key.CopyTo(frame, LinkProtocol.OffsetPayload);
        int length = LinkFrame.WriteUnauthenticated(frame, 0, (byte)LinkMessageType.FactoryProvision, key.Length);
        return frame.AsSpan(0, length).ToArray();
    }

    public byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        for (int i = 0; i < count; i++)
        {
            bytes[i] = _random.NextByte();
        }

        return bytes;
    }
}
