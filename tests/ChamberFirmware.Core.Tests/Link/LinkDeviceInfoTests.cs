using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Link;
using Xunit;

namespace ChamberFirmware.Core.Tests.Link;

public class LinkDeviceInfoTests
{
    [Fact]
    public void A_new_device_info_has_empty_strings_not_null_so_it_can_be_written_as_is()
    {
        var info = new LinkDeviceInfo();
        Assert.Equal(("", "", ""), (info.SerialNumber, info.HardwareRevision, info.FirmwareVersion));
        Assert.NotNull(info.Settings);
    }

    [Fact]
    public void Device_info_round_trips_and_is_cut_to_printable_ascii()
    {
        var info = new LinkDeviceInfo { SerialNumber = "CH-0001", HardwareRevision = "B2", FirmwareVersion = "1.2.3\u00e9" + new string('x', 40), ConfigGeneration = 7, Provisioned = true };
        info.Settings.LinkTimeoutMilliseconds = 333;
        info.Settings.TemperatureOffsetCentiCelsius = -120;
        byte[] buffer = new byte[LinkPayloads.DeviceInfoMaxSize];
        int length = LinkPayloads.WriteDeviceInfo(info, buffer, 0);
        Assert.True(length <= LinkPayloads.DeviceInfoMaxSize);

        var read = new LinkDeviceInfo();
        Assert.True(LinkPayloads.ReadDeviceInfo(buffer, 0, length, read));
        Assert.Equal("CH-0001", read.SerialNumber);
        Assert.Equal("B2", read.HardwareRevision);
        Assert.Equal(LinkProtocol.MaxIdentityLength, read.FirmwareVersion.Length);
        Assert.StartsWith("1.2.3?", read.FirmwareVersion, System.StringComparison.Ordinal);
        Assert.Equal(7u, read.ConfigGeneration);
        Assert.True(read.Provisioned);
        Assert.Equal(333, read.Settings.LinkTimeoutMilliseconds);
        Assert.Equal(-120, read.Settings.TemperatureOffsetCentiCelsius);

        // Truncated or with trailing bytes: refused.
        Assert.False(LinkPayloads.ReadDeviceInfo(buffer, 0, length - 1, new LinkDeviceInfo()));
        Assert.False(LinkPayloads.ReadDeviceInfo(buffer, 0, length + 1, new LinkDeviceInfo()));
        Assert.False(LinkPayloads.ReadDeviceInfo(buffer, 0, LinkPayloads.DeviceInfoFixedSize, new LinkDeviceInfo()));
    }

    [Fact]
    public void Get_identity_without_a_source_is_an_unknown_command_and_with_one_reports_it()
    {
        var rig = new LinkTestRig();
        var console = rig.Connect();
        Assert.Equal(CommandResult.UnknownCommand, console.OpenResponse(rig.Send(console.Frame(LinkMessageType.GetIdentity))).Result);

        rig.Server.AttachDeviceInfo(new FixedDeviceInfo());
        byte[] response = rig.Send(console.Frame(LinkMessageType.GetIdentity));
        Assert.Equal(CommandResult.Ok, console.OpenResponse(response).Result);
        int extra = LinkProtocol.OffsetPayload + LinkPayloads.ResponseHeaderSize;
        var read = new LinkDeviceInfo();
        Assert.True(LinkPayloads.ReadDeviceInfo(response, extra, response.Length - extra - LinkProtocol.TagSize, read));
        Assert.Equal("SN-9", read.SerialNumber);
        Assert.Equal(1500, read.Settings.LinkTimeoutMilliseconds);
    }

    private sealed class FixedDeviceInfo : ILinkDeviceInfo
    {
        public void FillDeviceInfo(LinkDeviceInfo info)
        {
            info.SerialNumber = "SN-9";
            info.HardwareRevision = "A";
            info.FirmwareVersion = "9.9.9";
            info.Settings.LinkTimeoutMilliseconds = 1500;
        }
    }
}
