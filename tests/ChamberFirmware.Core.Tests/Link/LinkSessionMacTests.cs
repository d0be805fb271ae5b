using System;
using ChamberFirmware.Core.Crypto;
using ChamberFirmware.Core.Link;
using Xunit;

namespace ChamberFirmware.Core.Tests.Link;

/// <summary>LinkSession on an injected IHmacSha256 (the seam a device build routes to a native HMAC).</summary>
public class LinkSessionMacTests
{
    [Fact]
    public void A_session_on_injected_macs_interoperates_with_one_on_the_default_macs()
    {
        byte[] deviceKey = new byte[LinkProtocol.DeviceKeySize];
        deviceKey[0] = 0x5A;
        byte[] deviceNonce = new byte[LinkProtocol.NonceSize];
        byte[] consoleNonce = new byte[LinkProtocol.NonceSize];
        deviceNonce[3] = 1;
        consoleNonce[5] = 2;
        var send = new CountingMac();
        var receive = new CountingMac();
        var device = new LinkSession(send, receive);
        var console = new LinkSession();
        Assert.True(device.Establish(Keyed(deviceKey), deviceNonce, 0, consoleNonce, 0, true));
        Assert.True(console.Establish(Keyed(deviceKey), deviceNonce, 0, consoleNonce, 0, false));

        byte[] frame = new byte[LinkProtocol.MaxFrameSize];
        int length = console.Seal((byte)LinkMessageType.Heartbeat, frame, 0, 0);
        Assert.Equal(LinkRejectReason.None, LinkFrame.ParseHeader(frame, 0, length, out _, out uint sequence, out int payloadLength));
        Assert.Equal(LinkRejectReason.None, device.Verify(frame, 0, payloadLength, sequence));
        Assert.Equal(1, receive.Computes);

        length = device.Seal((byte)LinkMessageType.Telemetry, frame, 0, 4);
        Assert.Equal(1, send.Computes);
        Assert.Equal(LinkRejectReason.None, LinkFrame.ParseHeader(frame, 0, length, out _, out sequence, out payloadLength));
        Assert.Equal(LinkRejectReason.None, console.Verify(frame, 0, payloadLength, sequence));

        // The injected MACs count nothing the session could report as managed compressions.
        Assert.Equal(0, device.CompressionCount);
        device.Clear();
        Assert.False(send.HasKey);
        Assert.False(receive.HasKey);
    }

    [Fact]
    public void A_session_refuses_a_missing_mac_or_one_mac_for_both_directions()
    {
        var mac = new HmacSha256();
        Assert.Throws<ArgumentException>(() => new LinkSession(null!, mac));
        Assert.Throws<ArgumentException>(() => new LinkSession(mac, null!));
        // A wiring error names what is wrong (it shows at the device's boot, not on a frame).
        Assert.Equal("one MAC per direction", Assert.Throws<ArgumentException>(() => new LinkSession(mac, mac)).Message);
    }

    private static HmacSha256 Keyed(byte[] key)
    {
        var mac = new HmacSha256();
        mac.SetKey(key, 0, key.Length);
        return mac;
    }

    /// <summary>An IHmacSha256 that is not HmacSha256: delegates, and counts the one-shot tags.</summary>
    private sealed class CountingMac : IHmacSha256
    {
        private readonly HmacSha256 _inner = new();

        public int Computes { get; private set; }

        public bool HasKey => _inner.HasKey;

        public bool SetKey(byte[] key, int offset, int count) => _inner.SetKey(key, offset, count);

        public void ClearKey() => _inner.ClearKey();

        public void Start() => _inner.Start();

        public bool Update(byte[] data, int offset, int count) => _inner.Update(data, offset, count);

        public bool Finish(byte[] output, int offset) => _inner.Finish(output, offset);

        public bool Compute(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            Computes++;
            return _inner.Compute(data, offset, count, output, outputOffset);
        }
    }
}
