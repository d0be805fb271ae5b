using System;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Crypto;
using ChamberFirmware.Core.Link;
using Xunit;
using ChamberFirmware.Core.Wire;

namespace ChamberFirmware.Core.Tests.Link;

/// <summary>
/// A minimal console end built from the portable pieces, to drive LinkServer in tests without
/// the host client library.
/// </summary>
public sealed class TestConsole
{
    private readonly HmacSha256 _keyMac = new();
    private readonly Random _random;

    public TestConsole(byte[] deviceKey, int seed)
    {
        _keyMac.SetKey(deviceKey, 0, deviceKey.Length);
        _random = new Random(seed);
    }

    public LinkSession Session { get; } = new();

    public byte[] ConsoleNonce { get; } = new byte[LinkProtocol.NonceSize];

    public byte[] Hello()
    {
        _random.NextBytes(ConsoleNonce);
        byte[] frame = new byte[LinkProtocol.MaxFrameSize];
        ConsoleNonce.CopyTo(frame, LinkProtocol.HeaderSize);
        int length = LinkFrame.WriteUnauthenticated(frame, 0, (byte)LinkMessageType.Hello, LinkProtocol.NonceSize);
        return frame.AsSpan(0, length).ToArray();
    }

    /// <summary>Checks the challenge's tag with the keys it implies, then keeps the session.</summary>
    public bool AcceptChallenge(byte[] challenge)
    {
        Assert.Equal(LinkRejectReason.None, LinkFrame.ParseHeader(challenge, 0, challenge.Length, out byte type, out uint sequence, out int payloadLength));
        Assert.Equal((byte)LinkMessageType.HelloChallenge, type);
        Assert.True(Session.Establish(_keyMac, challenge, LinkProtocol.HeaderSize, ConsoleNonce, 0, asDevice: false));
        if (Session.Verify(challenge, 0, payloadLength, sequence) != LinkRejectReason.None)
        {
            Session.Clear();
            return false;
        }

        Session.Accept(sequence);
        return true;
    }

    public byte[] Frame(LinkMessageType type, byte[]? payload = null)
    {
        payload ??= Array.Empty<byte>();
        byte[] frame = new byte[LinkProtocol.MaxFrameSize];
        payload.CopyTo(frame, LinkProtocol.HeaderSize);
        int length = Session.Seal((byte)type, frame, 0, payload.Length);
        Assert.True(length > 0);
        return frame.AsSpan(0, length).ToArray();
    }

    /// <summary>Opens a device response: verifies it in this session and returns result, detail and the extra bytes.</summary>
    public (CommandResult Result, int Detail, byte[] Extra, LinkMessageType Request) OpenResponse(byte[] response)
    {
        Assert.Equal(LinkRejectReason.None, LinkFrame.ParseHeader(response, 0, response.Length, out byte type, out uint sequence, out int payloadLength));
        Assert.Equal((byte)LinkMessageType.Response, type);
        Assert.Equal(LinkRejectReason.None, Session.Verify(response, 0, payloadLength, sequence));
        Session.Accept(sequence);
        int p = LinkProtocol.HeaderSize;
        var extra = response.AsSpan(p + LinkPayloads.ResponseHeaderSize, payloadLength - LinkPayloads.ResponseHeaderSize).ToArray();
        return ((CommandResult)response[p + 5], LittleEndian.ReadUInt16(response, p + 6), extra, (LinkMessageType)response[p]);
    }
}
