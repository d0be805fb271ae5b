using System;
using System.Reflection;
using ChamberFirmware.Core.Crypto;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Hal.Simulated;
using Xunit;

namespace ChamberFirmware.Core.Tests.Link;

/// <summary>
/// Key material does not outlive its use in the link server's memory (a dump of a stolen board, the
/// seeds' break-in): the device key's copy is wiped from the scratch after loading it, the device-key
/// MAC holds no key when the store has none, and an uncommitted factory key is wiped from the MAC
/// when its link closes. None of this changes a frame, so the tests look at the server's own fields.
/// </summary>
public sealed class LinkServerKeyHygieneTests
{
    [Fact]
    public void No_copy_of_the_device_key_stays_in_the_scratch_after_it_is_loaded()
    {
        var rig = new LinkTestRig();

        rig.Server.ReloadDeviceKey();

        Assert.True(rig.Server.HasDeviceKey);
        Assert.All(Field<byte[]>(rig.Server, "_keyScratch"), b => Assert.Equal(0, b));
    }

    [Fact]
    public void A_store_that_no_longer_has_a_key_leaves_the_device_key_mac_empty()
    {
        var keys = new SwitchableKeySource { Key = LinkTestRig.DeviceKey };
        var provisioning = new FakeProvisioningTarget(LinkTestRig.DeviceKey);
        var server = new LinkServer(new FakeChamberControl(), provisioning, keys, new FakeJumper(), new SeededNonceSource(1), new ManualClock(1_000_000));
        Assert.True(DeviceKeyMac(server).HasKey);

        keys.Key = null;
        server.ReloadDeviceKey();

        Assert.False(server.HasDeviceKey);
        Assert.False(DeviceKeyMac(server).HasKey);
    }

    [Fact]
    public void An_uncommitted_factory_key_is_wiped_from_the_mac_when_its_link_closes()
    {
        var rig = new LinkTestRig(provisioned: false);
        rig.Jumper.IsFitted = true;
        byte[] frame = new byte[LinkProtocol.MaxFrameSize];
        LinkTestRig.DeviceKey.CopyTo(frame, LinkProtocol.HeaderSize);
        int length = LinkFrame.WriteUnauthenticated(frame, 0, (byte)LinkMessageType.FactoryProvision, LinkProtocol.DeviceKeySize);
        rig.Send(frame, length);
        Assert.True(rig.Server.HasProvisionalKey);
        Assert.True(DeviceKeyMac(rig.Server).HasKey);

        rig.Server.OnTransportClosed();

        Assert.False(rig.Server.HasProvisionalKey);
        Assert.False(DeviceKeyMac(rig.Server).HasKey);
    }

    private static HmacSha256 DeviceKeyMac(LinkServer server) => Field<HmacSha256>(server, "_deviceKeyMac");

    private static T Field<T>(LinkServer server, string name) =>
        (T)(typeof(LinkServer).GetField(name, BindingFlags.NonPublic | BindingFlags.Instance)
            ?? throw new InvalidOperationException("LinkServer has no field " + name)).GetValue(server)!;

    private sealed class SwitchableKeySource : ILinkKeySource
    {
        public byte[]? Key { get; set; }

        public int CopyLinkKey(byte[] destination, int offset)
        {
            if (Key == null)
            {
                return 0;
            }

            Key.CopyTo(destination, offset);
            return Key.Length;
        }
    }
}
