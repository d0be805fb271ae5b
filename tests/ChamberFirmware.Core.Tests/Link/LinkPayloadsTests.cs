using System;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Core.Wire;
using Xunit;

namespace ChamberFirmware.Core.Tests.Link;

/// <summary>Payload layouts byte by byte, on dirty buffers and at offsets other than 0.</summary>
public class LinkPayloadsTests
{
    [Fact]
    public void A_profile_is_six_little_endian_int32_in_catalogue_order()
    {
        var profile = new TreatmentProfile
        {
            TargetCount = 0x01020304, CountLimit = -2, GrowthLimitPermillePerSecond = 3,
            DurationMilliseconds = 0x7FFFFFFF, RampChannelsPerSecond = 5, MaxActiveChannels = int.MinValue,
        };
        byte[] buffer = new byte[3 + LinkPayloads.ProfileSize];
        LinkPayloads.WriteProfile(profile, buffer, 3);
        Assert.Equal(0x01020304, LittleEndian.ReadInt32(buffer, 3));
        Assert.Equal(-2, LittleEndian.ReadInt32(buffer, 7));
        Assert.Equal(3, LittleEndian.ReadInt32(buffer, 11));
        Assert.Equal(0x7FFFFFFF, LittleEndian.ReadInt32(buffer, 15));
        Assert.Equal(5, LittleEndian.ReadInt32(buffer, 19));
        Assert.Equal(int.MinValue, LittleEndian.ReadInt32(buffer, 23));

        var read = new TreatmentProfile();
        LinkPayloads.ReadProfile(buffer, 3, read);
        Assert.Equal(
            (profile.TargetCount, profile.CountLimit, profile.GrowthLimitPermillePerSecond, profile.DurationMilliseconds, profile.RampChannelsPerSecond, profile.MaxActiveChannels),
            (read.TargetCount, read.CountLimit, read.GrowthLimitPermillePerSecond, read.DurationMilliseconds, read.RampChannelsPerSecond, read.MaxActiveChannels));
    }

    [Fact]
    public void A_status_is_written_at_its_offset_with_its_reserved_bytes_zero()
    {
        var status = new ChamberStatus
        {
            State = ChamberState.Armed, LatchedReasons = CutReasons.Overcount, LastCutReasons = CutReasons.LinkLost,
            UptimeMicroseconds = 0x0102030405060708, Count = 9, GrowthPermillePerSecond = -10, ActiveEmitterMask = 11,
            LinkAgeMilliseconds = 12, TemperatureCentiCelsius = -13, CountLimit = 14, TargetCount = 15, RemainingMilliseconds = 16,
            Provisioned = false,
        };
        byte[] buffer = new byte[2 + LinkPayloads.StatusSize + 2];
        buffer.AsSpan().Fill(0xEE);
        LinkPayloads.WriteStatus(status, buffer, 2);

        Assert.Equal((byte)ChamberState.Armed, buffer[2]);
        Assert.Equal((ushort)CutReasons.Overcount, LittleEndian.ReadUInt16(buffer, 3));
        Assert.Equal((ushort)CutReasons.LinkLost, LittleEndian.ReadUInt16(buffer, 5));
        Assert.Equal(0x0102030405060708, LittleEndian.ReadInt64(buffer, 7));
        Assert.Equal(0, buffer[2 + 45]);
        Assert.Equal(new byte[4], buffer.AsSpan(2 + 46, 4).ToArray());
        Assert.Equal(new byte[] { 0xEE, 0xEE }, buffer.AsSpan(0, 2).ToArray());
        Assert.Equal(new byte[] { 0xEE, 0xEE }, buffer.AsSpan(2 + LinkPayloads.StatusSize).ToArray());

        var read = new ChamberStatus { Provisioned = true };
        LinkPayloads.ReadStatus(buffer, 2, read);
        Assert.False(read.Provisioned);
        Assert.Equal((ChamberState.Armed, CutReasons.Overcount, CutReasons.LinkLost, 0x0102030405060708L), (read.State, read.LatchedReasons, read.LastCutReasons, read.UptimeMicroseconds));
        Assert.Equal((9, -10, 11, 12, -13, 14, 15, 16), (read.Count, read.GrowthPermillePerSecond, read.ActiveEmitterMask, read.LinkAgeMilliseconds, read.TemperatureCentiCelsius, read.CountLimit, read.TargetCount, read.RemainingMilliseconds));

        status.Provisioned = true;
        LinkPayloads.WriteStatus(status, buffer, 2);
        Assert.Equal(1, buffer[2 + 45]);
        LinkPayloads.ReadStatus(buffer, 2, read);
        Assert.True(read.Provisioned);
    }

    [Fact]
    public void Device_info_has_a_fixed_head_then_three_length_prefixed_strings()
    {
        var info = new LinkDeviceInfo { SerialNumber = "S1", HardwareRevision = "", FirmwareVersion = "v", ConfigGeneration = 0xA1B2C3D4, Provisioned = false };
        byte[] buffer = new byte[1 + LinkPayloads.DeviceInfoMaxSize];
        buffer.AsSpan().Fill(0xEE);
        int length = LinkPayloads.WriteDeviceInfo(info, buffer, 1);

        Assert.Equal(LinkPayloads.DeviceInfoFixedSize + 3 + 2 + 0 + 1, length);
        Assert.Equal(new byte[4], buffer.AsSpan(1, 4).ToArray());
        Assert.Equal(0xA1B2C3D4u, LittleEndian.ReadUInt32(buffer, 5));
        int text = 1 + LinkPayloads.DeviceInfoFixedSize;
        Assert.Equal(new byte[] { 2, (byte)'S', (byte)'1', 0, 1, (byte)'v' }, buffer.AsSpan(text, 6).ToArray());
        Assert.Equal(0xEE, buffer[1 + length]);

        var read = new LinkDeviceInfo { Provisioned = true };
        Assert.True(LinkPayloads.ReadDeviceInfo(buffer, 1, length, read));
        Assert.False(read.Provisioned);
        Assert.Equal(("S1", "", "v", 0xA1B2C3D4u), (read.SerialNumber, read.HardwareRevision, read.FirmwareVersion, read.ConfigGeneration));

        info.Provisioned = true;
        LinkPayloads.WriteDeviceInfo(info, buffer, 1);
        Assert.Equal(1, buffer[1]);
    }

    [Fact]
    public void The_shortest_device_info_has_three_empty_strings_and_a_null_string_is_written_empty()
    {
        var info = new LinkDeviceInfo { SerialNumber = null!, HardwareRevision = "", FirmwareVersion = "" };
        byte[] buffer = new byte[LinkPayloads.DeviceInfoMaxSize];
        int length = LinkPayloads.WriteDeviceInfo(info, buffer, 0);
        Assert.Equal(LinkPayloads.DeviceInfoFixedSize + 3, length);

        var read = new LinkDeviceInfo();
        Assert.True(LinkPayloads.ReadDeviceInfo(buffer, 0, length, read));
        Assert.Equal(("", "", ""), (read.SerialNumber, read.HardwareRevision, read.FirmwareVersion));
        Assert.False(LinkPayloads.ReadDeviceInfo(buffer, 0, length - 1, new LinkDeviceInfo()));
    }

    [Fact]
    public void Text_keeps_space_and_tilde_and_replaces_what_lies_just_outside()
    {
        var info = new LinkDeviceInfo { SerialNumber = " ~", HardwareRevision = "\u001f\u007f", FirmwareVersion = new string('a', LinkProtocol.MaxIdentityLength) };
        byte[] buffer = new byte[LinkPayloads.DeviceInfoMaxSize];
        int length = LinkPayloads.WriteDeviceInfo(info, buffer, 0);
        var read = new LinkDeviceInfo();
        Assert.True(LinkPayloads.ReadDeviceInfo(buffer, 0, length, read));
        Assert.Equal(" ~", read.SerialNumber);
        Assert.Equal("??", read.HardwareRevision);
        Assert.Equal(new string('a', LinkProtocol.MaxIdentityLength), read.FirmwareVersion);
    }

    [Fact]
    public void Reading_replaces_bytes_outside_printable_ascii_and_keeps_its_bounds()
    {
        byte[] buffer = new byte[LinkPayloads.DeviceInfoFixedSize + 8];
        int at = LinkPayloads.DeviceInfoFixedSize;
        buffer[at] = 4;
        buffer[at + 1] = 0x20;
        buffer[at + 2] = 0x7E;
        buffer[at + 3] = 0x1F;
        buffer[at + 4] = 0x7F;
        buffer[at + 5] = 0;
        buffer[at + 6] = 1;
        buffer[at + 7] = 0xC3;
        var read = new LinkDeviceInfo();
        Assert.True(LinkPayloads.ReadDeviceInfo(buffer, 0, buffer.Length, read));
        Assert.Equal((" ~??", "", "?"), (read.SerialNumber, read.HardwareRevision, read.FirmwareVersion));

        // A string that claims one byte more than the payload holds.
        buffer[at + 6] = 2;
        Assert.False(LinkPayloads.ReadDeviceInfo(buffer, 0, buffer.Length, new LinkDeviceInfo()));
    }

    [Fact]
    public void A_string_longer_than_the_identity_limit_is_refused_when_read()
    {
        int at = LinkPayloads.DeviceInfoFixedSize;
        foreach (int claimed in new[] { LinkProtocol.MaxIdentityLength, LinkProtocol.MaxIdentityLength + 1 })
        {
            byte[] buffer = new byte[at + 1 + claimed + 2];
            buffer[at] = (byte)claimed;
            for (int i = 0; i < claimed; i++)
            {
                buffer[at + 1 + i] = (byte)'x';
            }

            bool accepted = LinkPayloads.ReadDeviceInfo(buffer, 0, buffer.Length, new LinkDeviceInfo());
            Assert.Equal(claimed <= LinkProtocol.MaxIdentityLength, accepted);
        }
    }

    [Fact]
    public void Device_info_read_at_an_offset_fills_every_field()
    {
        var info = new LinkDeviceInfo { SerialNumber = "AB", HardwareRevision = "C", FirmwareVersion = "1.0", ConfigGeneration = 42, Provisioned = true };
        info.Settings.RearmHeartbeats = 7;
        byte[] buffer = new byte[5 + LinkPayloads.DeviceInfoMaxSize];
        int length = LinkPayloads.WriteDeviceInfo(info, buffer, 5);
        var read = new LinkDeviceInfo();
        Assert.True(LinkPayloads.ReadDeviceInfo(buffer, 5, length, read));
        Assert.Equal(("AB", "C", "1.0", 42u, true, 7), (read.SerialNumber, read.HardwareRevision, read.FirmwareVersion, read.ConfigGeneration, read.Provisioned, read.Settings.RearmHeartbeats));
    }

    [Fact]
    public void Text_is_written_byte_by_byte_as_printable_ascii()
    {
        // The writer replaces on its own (the reader replacing too would hide a writer that did not).
        var info = new LinkDeviceInfo { SerialNumber = "\u001f \u007f~\u00e9A", HardwareRevision = "", FirmwareVersion = "" };
        byte[] buffer = new byte[LinkPayloads.DeviceInfoMaxSize];
        LinkPayloads.WriteDeviceInfo(info, buffer, 0);
        int text = LinkPayloads.DeviceInfoFixedSize;
        Assert.Equal(new byte[] { 6, (byte)'?', 0x20, (byte)'?', 0x7E, (byte)'?', (byte)'A' }, buffer.AsSpan(text, 7).ToArray());
    }

    [Fact]
    public void A_device_info_shorter_than_its_fixed_part_is_refused_without_reading_past_it()
    {
        // Console side: whatever answers may send a short payload; the buffer here ends with it.
        foreach (int count in new[] { 0, LinkPayloads.DeviceInfoFixedSize - 2, LinkPayloads.DeviceInfoFixedSize + 2 })
        {
            byte[] buffer = new byte[count];
            var info = new LinkDeviceInfo();
            Assert.False(LinkPayloads.ReadDeviceInfo(buffer, 0, count, info));
        }
    }

    [Fact]
    public void A_string_that_ends_at_the_end_of_the_payload_leaves_no_room_for_the_next()
    {
        // Serial "AB" takes the three bytes after the fixed part; revision and firmware are missing.
        byte[] buffer = new byte[LinkPayloads.DeviceInfoFixedSize + 3];
        buffer[LinkPayloads.DeviceInfoFixedSize] = 2;
        buffer[LinkPayloads.DeviceInfoFixedSize + 1] = (byte)'A';
        buffer[LinkPayloads.DeviceInfoFixedSize + 2] = (byte)'B';
        Assert.False(LinkPayloads.ReadDeviceInfo(buffer, 0, buffer.Length, new LinkDeviceInfo()));
    }
}
