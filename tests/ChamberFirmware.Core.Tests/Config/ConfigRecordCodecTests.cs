using System;
using ChamberFirmware.Core.Config;
using Xunit;

namespace ChamberFirmware.Core.Tests.Config;

public class ConfigRecordCodecTests
{
    [Fact]
    public void A_record_round_trips_with_every_field()
    {
        var original = ConfigFixtures.Record(serial: "SN-ABCDEFGHIJKLMNOPQRSTUVWXYZ012", revision: "REV-C.1234567890", generation: 0xFEDCBA98);
        var bytes = ConfigFixtures.Encode(original);
        var decoded = new ConfigRecord();

        Assert.Equal(ConfigDecodeStatus.Ok, ConfigRecordCodec.Decode(bytes, 0, bytes.Length, decoded));

        Assert.Equal(0xFEDCBA98u, decoded.Generation);
        Assert.Equal("SN-ABCDEFGHIJKLMNOPQRSTUVWXYZ012", decoded.SerialNumber);
        Assert.Equal("REV-C.1234567890", decoded.HardwareRevision);
        Assert.True(decoded.LinkKeyEquals(ConfigFixtures.Key(11), 0));
        var settings = new ChamberSettings();
        decoded.CopySettingsTo(settings);
        Assert.Equivalent(ConfigFixtures.Settings(), settings);
        Assert.Equal(ConfigRecordCodec.MaxEncodedLength, bytes.Length);
    }

    [Fact]
    public void Decoding_from_an_offset_inside_a_larger_buffer_works()
    {
        var bytes = ConfigFixtures.Encode(ConfigFixtures.Record());
        var buffer = new byte[bytes.Length + 10];
        bytes.CopyTo(buffer, 5);
        Assert.Equal(ConfigDecodeStatus.Ok, ConfigRecordCodec.Decode(buffer, 5, bytes.Length, new ConfigRecord()));
    }

    [Fact]
    public void Every_single_bit_flip_anywhere_in_the_record_is_detected()
    {
        var bytes = ConfigFixtures.Encode(ConfigFixtures.Record());
        for (var index = 0; index < bytes.Length; index++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var corrupt = (byte[])bytes.Clone();
                corrupt[index] ^= (byte)(1 << bit);
                var target = ConfigFixtures.Record(serial: "UNCHANGED", keySeed: 99);

                var status = ConfigRecordCodec.Decode(corrupt, 0, corrupt.Length, target);

                Assert.NotEqual(ConfigDecodeStatus.Ok, status);
                Assert.Equal("UNCHANGED", target.SerialNumber);
            }
        }
    }

    [Fact]
    public void Every_truncation_is_detected_as_truncated_or_empty()
    {
        var bytes = ConfigFixtures.Encode(ConfigFixtures.Record());
        for (var length = 0; length < bytes.Length; length++)
        {
            var status = ConfigRecordCodec.Decode(bytes, 0, length, new ConfigRecord());
            Assert.Equal(length == 0 ? ConfigDecodeStatus.Empty : ConfigDecodeStatus.Truncated, status);
        }
    }

    [Fact]
    public void Trailing_bytes_after_the_record_are_refused()
    {
        var bytes = ConfigFixtures.Encode(ConfigFixtures.Record());
        var longer = new byte[bytes.Length + 3];
        bytes.CopyTo(longer, 0);
        Assert.Equal(ConfigDecodeStatus.LengthMismatch, ConfigRecordCodec.Decode(longer, 0, longer.Length, new ConfigRecord()));
    }

    [Fact]
    public void A_record_of_another_format_version_with_a_valid_crc_is_refused_by_version()
    {
        var bytes = ConfigFixtures.Encode(ConfigFixtures.Record());
        bytes[4] = 2;
        Reseal(bytes);
        Assert.Equal(ConfigDecodeStatus.UnsupportedVersion, ConfigRecordCodec.Decode(bytes, 0, bytes.Length, new ConfigRecord()));
    }

    [Fact]
    public void Bytes_that_are_not_a_record_are_named_as_such()
    {
        var bytes = new byte[64];
        Array.Fill(bytes, (byte)0xFF);
        Assert.Equal(ConfigDecodeStatus.NotARecord, ConfigRecordCodec.Decode(bytes, 0, bytes.Length, new ConfigRecord()));
    }

    [Fact]
    public void A_resealed_record_with_settings_out_of_bounds_is_refused()
    {
        var record = ConfigFixtures.Record();
        var bytes = ConfigFixtures.Encode(record);
        var settingsAt = bytes.Length - 4 - 24;
        BitConverter.GetBytes(HardLimitsLinkTimeoutTooHigh).CopyTo(bytes, settingsAt);
        Reseal(bytes);
        Assert.Equal(ConfigDecodeStatus.SettingsOutOfBounds, ConfigRecordCodec.Decode(bytes, 0, bytes.Length, new ConfigRecord()));
    }

    [Fact]
    public void A_resealed_record_with_non_ascii_identity_is_refused()
    {
        var bytes = ConfigFixtures.Encode(ConfigFixtures.Record());
        bytes[13] = 0x07;
        Reseal(bytes);
        Assert.Equal(ConfigDecodeStatus.InvalidIdentity, ConfigRecordCodec.Decode(bytes, 0, bytes.Length, new ConfigRecord()));
    }

    [Theory]
    [InlineData("", "A")]
    [InlineData("A", "")]
    [InlineData("has space", "A")]
    [InlineData("SÉRIE", "A")]
    [InlineData("123456789012345678901234567890123", "A")]
    [InlineData("A", "12345678901234567")]
    public void Encoding_refuses_identity_it_could_not_decode(string serial, string revision)
    {
        var record = ConfigFixtures.Record(serial: serial, revision: revision);
        var buffer = new byte[ConfigRecordCodec.MaxEncodedLength];
        Assert.Equal(ConfigDecodeStatus.InvalidIdentity, ConfigRecordCodec.Encode(record, buffer, 0, out var length));
        Assert.Equal(0, length);
    }

    [Fact]
    public void Encoding_refuses_out_of_bounds_settings_and_small_buffers()
    {
        var record = ConfigFixtures.Record(linkTimeout: 10);
        Assert.Equal(ConfigDecodeStatus.SettingsOutOfBounds, ConfigRecordCodec.Encode(record, new byte[200], 0, out _));
        Assert.Equal(ConfigDecodeStatus.InvalidArgument, ConfigRecordCodec.Encode(ConfigFixtures.Record(), new byte[20], 0, out _));
    }

    [Fact]
    public void Bad_decode_arguments_are_a_status_not_an_exception()
    {
        Assert.Equal(ConfigDecodeStatus.InvalidArgument, ConfigRecordCodec.Decode(null!, 0, 0, new ConfigRecord()));
        Assert.Equal(ConfigDecodeStatus.InvalidArgument, ConfigRecordCodec.Decode(new byte[4], 2, 4, new ConfigRecord()));
        Assert.Equal(ConfigDecodeStatus.InvalidArgument, ConfigRecordCodec.Decode(new byte[4], 0, 4, null!));
    }

    [Fact]
    public void Random_bytes_never_throw_and_never_decode()
    {
        var random = new Random(1234);
        var buffer = new byte[ConfigRecordCodec.MaxEncodedLength];
        for (var i = 0; i < 5000; i++)
        {
            var length = random.Next(0, buffer.Length + 1);
            random.NextBytes(buffer);
            if (i % 2 == 0)
            {
                buffer[0] = 0x43;
                buffer[1] = 0x48;
                buffer[2] = 0x43;
                buffer[3] = 0x46;
            }

            Assert.NotEqual(ConfigDecodeStatus.Ok, ConfigRecordCodec.Decode(buffer, 0, length, new ConfigRecord()));
        }
    }

    private const int HardLimitsLinkTimeoutTooHigh = 2001;

    private static void Reseal(byte[] bytes)
    {
        var crc = Crc32.Compute(bytes, 0, bytes.Length - 4);
        BitConverter.GetBytes(crc).CopyTo(bytes, bytes.Length - 4);
    }
}
