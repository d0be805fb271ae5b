using System;
using System.Security.Cryptography;
using System.Text;
using ChamberFirmware.Core.Crypto;
using ChamberFirmware.Core.Link;
using Xunit;

namespace ChamberFirmware.Core.Tests.Link;

/// <summary>One side of a session on its own: key derivation inputs, argument bounds, sequence rules.</summary>
public class LinkSessionTests
{
    private static readonly byte[] DeviceNonce = Nonce(1);
    private static readonly byte[] ConsoleNonce = Nonce(2);

    private static byte[] Nonce(int seed)
    {
        byte[] nonce = new byte[LinkProtocol.NonceSize];
        new Random(seed).NextBytes(nonce);
        return nonce;
    }

    private static (LinkSession Device, LinkSession Console) Pair(byte[]? consoleKey = null)
    {
        var device = new LinkSession();
        var console = new LinkSession();
        Assert.True(device.Establish(LinkServerSessionTests.KeyedMac(LinkTestRig.DeviceKey), DeviceNonce, 0, ConsoleNonce, 0, asDevice: true));
        Assert.True(console.Establish(LinkServerSessionTests.KeyedMac(consoleKey ?? LinkTestRig.DeviceKey), DeviceNonce, 0, ConsoleNonce, 0, asDevice: false));
        return (device, console);
    }

    /// <summary>Seals a frame with payload in from and verifies it in to; returns the verdict (and accepts it when None).</summary>
    private static LinkRejectReason Pass(LinkSession from, LinkSession to, byte[]? payload = null)
    {
        payload ??= new byte[] { 1, 2, 3 };
        byte[] frame = new byte[LinkProtocol.MaxFrameSize];
        payload.CopyTo(frame, LinkProtocol.HeaderSize);
        int length = from.Seal(0x20, frame, 0, payload.Length);
        Assert.Equal(LinkProtocol.MinFrameSize + payload.Length, length);
        Assert.Equal(LinkRejectReason.None, LinkFrame.ParseHeader(frame, 0, length, out _, out uint sequence, out int payloadLength));
        LinkRejectReason reason = to.Verify(frame, 0, payloadLength, sequence);
        if (reason == LinkRejectReason.None)
        {
            to.Accept(sequence);
        }

        return reason;
    }

    [Fact]
    public void Both_directions_verify_and_a_frame_never_verifies_back_at_its_sender()
    {
        var (device, console) = Pair();
        Assert.Equal(LinkRejectReason.None, Pass(device, console));
        Assert.Equal(LinkRejectReason.None, Pass(console, device));

        var (deviceB, _) = Pair();
        byte[] frame = new byte[LinkProtocol.MaxFrameSize];
        int length = device.Seal(0x20, frame, 0, 0);
        Assert.Equal(LinkRejectReason.BadTag, deviceB.Verify(frame, 0, 0, 2));
        Assert.True(length > 0);
    }

    [Fact]
    public void Another_key_or_other_nonces_derive_other_session_keys()
    {
        var (device, console) = Pair(LinkTestRig.CreateKey(3));
        Assert.Equal(LinkRejectReason.BadTag, Pass(device, console));

        var other = new LinkSession();
        Assert.True(other.Establish(LinkServerSessionTests.KeyedMac(LinkTestRig.DeviceKey), DeviceNonce, 0, Nonce(5), 0, asDevice: false));
        Assert.Equal(LinkRejectReason.BadTag, Pass(device, other));

        var swapped = new LinkSession();
        Assert.True(swapped.Establish(LinkServerSessionTests.KeyedMac(LinkTestRig.DeviceKey), ConsoleNonce, 0, DeviceNonce, 0, asDevice: false));
        Assert.Equal(LinkRejectReason.BadTag, Pass(device, swapped));
    }

    [Fact]
    public void Nonces_are_read_from_their_offsets()
    {
        byte[] deviceAt = new byte[3 + LinkProtocol.NonceSize];
        byte[] consoleAt = new byte[5 + LinkProtocol.NonceSize];
        DeviceNonce.CopyTo(deviceAt, 3);
        ConsoleNonce.CopyTo(consoleAt, 5);
        var device = new LinkSession();
        Assert.True(device.Establish(LinkServerSessionTests.KeyedMac(LinkTestRig.DeviceKey), deviceAt, 3, consoleAt, 5, asDevice: true));
        var (_, console) = Pair();
        Assert.Equal(LinkRejectReason.None, Pass(device, console));
        Assert.True(device.HasNonces(DeviceNonce, 0, ConsoleNonce, 0));
        Assert.True(device.HasNonces(deviceAt, 3, consoleAt, 5));
    }

    [Fact]
    public void Has_nonces_needs_both_nonces_and_an_established_session()
    {
        var (device, _) = Pair();
        Assert.True(device.HasNonces(DeviceNonce, 0, ConsoleNonce, 0));
        Assert.False(device.HasNonces(Nonce(9), 0, ConsoleNonce, 0));
        Assert.False(device.HasNonces(DeviceNonce, 0, Nonce(9), 0));
        Assert.False(device.HasNonces(ConsoleNonce, 0, DeviceNonce, 0));
        device.Clear();
        Assert.False(device.HasNonces(DeviceNonce, 0, ConsoleNonce, 0));
        Assert.False(device.HasNonces(new byte[LinkProtocol.NonceSize], 0, new byte[LinkProtocol.NonceSize], 0));
    }

    [Fact]
    public void Establish_refuses_a_missing_or_unkeyed_mac_and_nonces_out_of_their_buffers()
    {
        var mac = LinkServerSessionTests.KeyedMac(LinkTestRig.DeviceKey);
        byte[] exact = new byte[LinkProtocol.NonceSize];
        byte[] longer = new byte[LinkProtocol.NonceSize + 1];
        var session = new LinkSession();

        Assert.False(session.Establish(null!, exact, 0, exact, 0, true));
        Assert.False(session.Establish(new HmacSha256(), exact, 0, exact, 0, true));
        Assert.False(session.Establish(mac, null!, 0, exact, 0, true));
        Assert.False(session.Establish(mac, exact, 0, null!, 0, true));
        Assert.False(session.Establish(mac, exact, -1, exact, 0, true));
        Assert.False(session.Establish(mac, exact, 0, exact, -1, true));
        Assert.False(session.Establish(mac, exact, 1, exact, 0, true));
        Assert.False(session.Establish(mac, exact, 0, exact, 1, true));
        Assert.False(session.Establish(mac, longer, 2, exact, 0, true));
        Assert.False(session.Establish(mac, exact, 0, longer, 2, true));
        Assert.False(session.IsEstablished);

        Assert.True(session.Establish(mac, longer, 1, longer, 1, true));
        Assert.True(session.IsEstablished);

        // A refused Establish also ends the session it replaces.
        Assert.False(session.Establish(mac, exact, 1, exact, 0, true));
        Assert.False(session.IsEstablished);
    }

    [Fact]
    public void Sequence_numbers_count_from_one_and_replays_and_reordering_are_refused_without_moving()
    {
        var (device, console) = Pair();
        Assert.Equal(0u, device.LastSentSequence);
        Assert.Equal(LinkRejectReason.None, Pass(device, console));
        Assert.Equal(1u, device.LastSentSequence);
        Assert.Equal(1u, console.LastReceivedSequence);

        byte[] frame = new byte[LinkProtocol.MaxFrameSize];
        int length = device.Seal(0x20, frame, 0, 0);
        Assert.Equal(LinkRejectReason.None, LinkFrame.ParseHeader(frame, 0, length, out _, out uint sequence, out _));
        Assert.Equal(2u, sequence);

        // Verify alone changes nothing: the same frame verifies again until it is accepted.
        Assert.Equal(LinkRejectReason.None, console.Verify(frame, 0, 0, sequence));
        Assert.Equal(LinkRejectReason.None, console.Verify(frame, 0, 0, sequence));
        Assert.Equal(1u, console.LastReceivedSequence);
        console.Accept(sequence);
        Assert.Equal(LinkRejectReason.Replayed, console.Verify(frame, 0, 0, sequence));

        byte[] older = new byte[LinkProtocol.MaxFrameSize];
        device.Seal(0x20, older, 0, 0);
        Assert.Equal(LinkRejectReason.None, Pass(device, console));
        Assert.Equal(LinkRejectReason.Reordered, console.Verify(older, 0, 0, 3));
        Assert.Equal(4u, console.LastReceivedSequence);
    }

    [Fact]
    public void Clear_forgets_keys_and_counters()
    {
        var (device, console) = Pair();
        Pass(device, console);
        Pass(console, device);
        device.Clear();
        Assert.False(device.IsEstablished);
        Assert.Equal(0u, device.LastSentSequence);
        Assert.Equal(0u, device.LastReceivedSequence);
        Assert.Equal(0, device.Seal(0x20, new byte[LinkProtocol.MaxFrameSize], 0, 0));

        byte[] frame = new byte[LinkProtocol.MaxFrameSize];
        int length = console.Seal(0x20, frame, 0, 0);
        Assert.True(length > 0);
        Assert.Equal(LinkRejectReason.NoSession, device.Verify(frame, 0, 0, 2));
    }

    [Fact]
    public void Seal_refuses_a_buffer_too_small_and_writes_nothing()
    {
        var (device, _) = Pair();
        byte[] small = new byte[LinkProtocol.MinFrameSize + 2];
        small.AsSpan().Fill(0xEE);
        Assert.Equal(0, device.Seal(0x20, small, 0, 3));
        Assert.All(small, b => Assert.Equal(0xEE, b));
        Assert.Equal(0u, device.LastSentSequence);
        Assert.Equal(LinkProtocol.MinFrameSize + 2, device.Seal(0x20, small, 0, 2));
    }

    [Fact]
    public void Seal_at_an_offset_writes_header_and_tag_there_and_verifies_there()
    {
        var (device, console) = Pair();
        byte[] buffer = new byte[7 + LinkProtocol.MinFrameSize + 4];
        buffer[7 + LinkProtocol.HeaderSize] = 0x42;
        int length = device.Seal(0x21, buffer, 7, 4);
        Assert.Equal(LinkProtocol.MinFrameSize + 4, length);
        Assert.Equal(LinkRejectReason.None, LinkFrame.ParseHeader(buffer, 7, length, out byte type, out uint sequence, out int payloadLength));
        Assert.Equal((0x21, 1u, 4), (type, sequence, payloadLength));
        Assert.Equal(LinkRejectReason.None, console.Verify(buffer, 7, payloadLength, sequence));

        // The tag covers the payload: changing it breaks the frame.
        buffer[7 + LinkProtocol.HeaderSize] ^= 1;
        Assert.Equal(LinkRejectReason.BadTag, console.Verify(buffer, 7, payloadLength, sequence));
    }

    [Fact]
    public void The_compression_count_adds_both_directions()
    {
        var (device, console) = Pair();
        long start = device.CompressionCount;
        Pass(device, console);
        long afterSend = device.CompressionCount;
        Assert.True(afterSend > start);
        Pass(console, device);
        Assert.True(device.CompressionCount > afterSend);
        Assert.Equal((afterSend - start) * 2, device.CompressionCount - start);
    }

    [Fact]
    public void Direction_keys_and_tags_are_the_documented_hmac_derivation()
    {
        // Against .NET's HMACSHA256, not against this code: both ends of a pair run the same
        // derivation, so a mistake made on both sides would still interoperate with itself.
        byte[] d2c = HMACSHA256.HashData(LinkTestRig.DeviceKey, (byte[])[.. Encoding.ASCII.GetBytes("CFLINK1 d2c"), .. DeviceNonce, .. ConsoleNonce]);
        byte[] c2d = HMACSHA256.HashData(LinkTestRig.DeviceKey, (byte[])[.. Encoding.ASCII.GetBytes("CFLINK1 c2d"), .. DeviceNonce, .. ConsoleNonce]);
        var (device, console) = Pair();
        byte[] frame = new byte[LinkProtocol.MaxFrameSize];
        frame[LinkProtocol.HeaderSize] = 0x42;

        int length = device.Seal((byte)LinkMessageType.Telemetry, frame, 0, 3);
        int mac = LinkProtocol.HeaderSize + 3;
        Assert.Equal(HMACSHA256.HashData(d2c, frame.AsSpan(0, mac))[..LinkProtocol.TagSize], frame[mac..length]);

        length = console.Seal((byte)LinkMessageType.Heartbeat, frame, 0, 0);
        Assert.Equal(HMACSHA256.HashData(c2d, frame.AsSpan(0, LinkProtocol.HeaderSize))[..LinkProtocol.TagSize], frame[LinkProtocol.HeaderSize..length]);
    }

    [Fact]
    public void Establish_derives_from_a_fresh_message_whatever_the_device_key_mac_was_fed_before()
    {
        // The derivation must not depend on what the owner of the device-key MAC left in it.
        var used = LinkServerSessionTests.KeyedMac(LinkTestRig.DeviceKey);
        used.Update(new byte[] { 1, 2, 3 }, 0, 3);
        var device = new LinkSession();
        Assert.True(device.Establish(used, DeviceNonce, 0, ConsoleNonce, 0, asDevice: true));
        var (_, console) = Pair();
        Assert.Equal(LinkRejectReason.None, Pass(device, console));
        Assert.Equal(LinkRejectReason.None, Pass(console, device));
    }

    [Fact]
    public void No_derived_session_key_stays_in_the_sessions_scratch_after_it_is_established()
    {
        var (device, _) = Pair();

        var derived = (byte[])typeof(LinkSession).GetField("_derived", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(device)!;
        Assert.All(derived, b => Assert.Equal(0, b));
    }
}
