using System;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Ble;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Tools.Tests.Provisioning;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Ble;

/// <summary>
/// The board offers ATT MTU 256 (NimBLE's ESP-IDF default, docs/ble-gatt.md "Sizes and MTU"), so a
/// write or notification carries at most 253 bytes: every link frame of version 1 must fit, the
/// console refuses a frame that would not, and the stand-in offers exactly the board's MTU.
/// </summary>
public sealed class BleMtuTests : IDisposable
{
    /// <summary>The longest frame link version 1 defines: the identity response with three 32-character strings.</summary>
    private const int LongestVersion1Frame = LinkProtocol.HeaderSize
        + 8                                            // request type, request sequence, result, detail
        + 32                                           // provisioned, reserved, generation, settings
        + (3 * (1 + LinkProtocol.MaxIdentityLength))   // serial, hardware revision, firmware version
        + LinkProtocol.TagSize;

    private readonly TempDirectory _temp = new();
    private readonly RememberingKeyGenerator _keys = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_longest_frame_of_link_version_1_fits_one_pdu_at_the_boards_mtu()
    {
        Assert.Equal(163, LongestVersion1Frame);
        Assert.Equal(256, ChamberAdvertisement.BoardMtu);
        Assert.Equal(253, ChamberAdvertisement.MaxFrameSize);
        Assert.True(LongestVersion1Frame <= ChamberAdvertisement.MaxFrameSize);
        Assert.Equal(ChamberAdvertisement.BoardMtu, ChamberAdvertisement.MinimumMtu);
        Assert.Equal(ChamberAdvertisement.BoardMtu, new StandInSetup().Mtu);
    }

    [SkippableFact]
    public async Task Provisioning_a_long_identity_and_reading_it_back_fit_the_boards_mtu()
    {
        await using var device = await ProvisioningDevice.StartAsync(LinkKind.Ble);
        string serial = new('S', LinkProtocol.MaxIdentityLength);
        string revision = new('R', 16); // the longest chamberctl accepts (the link allows 32: covered by the sum above)
        var run = await ProvisionCli.RunAsync(_keys, device.Connector, "--factory", "--target", device.Target, "--serial", serial, "--hardware-revision", revision, "--key-out", _temp.Combine("k.key"));
        Assert.True(run.ExitCode == 0, run.All);

        var (_, info) = await DeviceReader.ReadAsync(device, _keys.Last);

        Assert.Equal(serial, info.SerialNumber);
        var radio = device.BlueZ!.Radio;
        Assert.Equal(0, radio.OversizedNotifications);
        // The identity response with this firmware version is the longest frame seen; the stand-in refused none.
        Assert.Equal(LongestVersion1Frame - (2 * LinkProtocol.MaxIdentityLength) + revision.Length + ProvisioningDevice.FirmwareVersion.Length, radio.LongestNotification);
        Assert.True(radio.LongestWrite <= ChamberAdvertisement.MaxFrameSize, "longest write " + radio.LongestWrite);
    }

    [SkippableFact]
    public async Task A_frame_longer_than_one_write_carries_is_refused_by_the_console_before_it_reaches_the_radio()
    {
        await using var device = await ProvisioningDevice.StartAsync(LinkKind.Ble);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var transport = await device.ConnectAsync(timeout.Token);

        var failure = await Assert.ThrowsAsync<BleFailure>(async () => await transport.SendAsync(new byte[ChamberAdvertisement.MaxFrameSize + 1], timeout.Token));

        Assert.Equal(BleFailureKind.MtuTooSmall, failure.Kind);
        Assert.Contains("MTU too small: a link frame of 254 bytes does not fit one write at the ATT MTU of 256 bytes", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, device.BlueZ!.Radio.LongestWrite);
        Assert.Equal(0, device.Runtime.Link.AcceptedFrameCount);
    }
}
