using ChamberFirmware.ConsoleLink.Ble;
using ChamberFirmware.ConsoleLink.Ble.BlueZ;
using Tmds.DBus;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Ble;

/// <summary>
/// The client reads bluetoothd's answers as bluetoothd gives them (src/gatt-client.c,
/// create_gatt_dbus_error), not only as the documents name them: a GATT call to a device whose link
/// is gone is Error.Failed "Not connected" (or the object is already gone), and a board answering
/// Insufficient Encryption is Error.NotPermitted "Not paired".
/// </summary>
public sealed class BlueZErrorMappingTests
{
    [Theory]
    [InlineData(BlueZNames.ErrorFailed, BlueZNames.MessageNotConnected)]
    [InlineData(BlueZNames.ErrorNotConnected, "Not Connected")]
    [InlineData(BlueZNames.BusErrorUnknownObject, "Method \"WriteValue\" with signature \"aya{sv}\" on interface \"org.bluez.GattCharacteristic1\" doesn't exist")]
    public void A_gatt_call_to_a_device_whose_link_is_gone_is_a_dropped_link(string name, string message)
    {
        var failure = BlueZErrors.From(new DBusException(name, message), "sending a link frame", "Chamber CH-0001 (C0:FF:EE:00:00:01)");

        Assert.Equal(BleFailureKind.LinkDropped, failure.Kind);
        Assert.StartsWith("the Bluetooth link to Chamber CH-0001 (C0:FF:EE:00:00:01) dropped", failure.Message, System.StringComparison.Ordinal);
        Assert.Contains("closer", failure.NextStep, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Any_other_failure_stays_a_failure_naming_bluez_s_reason()
    {
        var failure = BlueZErrors.From(new DBusException(BlueZNames.ErrorFailed, "Operation failed with ATT error: 0x0e"), "reading status", "Chamber CH-0001 (C0:FF:EE:00:00:01)");

        Assert.Equal(BleFailureKind.Failed, failure.Kind);
        Assert.Contains("org.bluez.Error.Failed: Operation failed with ATT error: 0x0e", failure.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Not_paired_is_a_pairing_refusal_with_the_just_works_step()
    {
        var failure = BlueZErrors.From(new DBusException(BlueZNames.ErrorNotPermitted, BlueZNames.MessageNotPaired), "sending a link frame", "Chamber CH-0001 (C0:FF:EE:00:00:01)");

        Assert.Equal(BleFailureKind.PairingRefused, failure.Kind);
        Assert.Contains("the link is not bonded (not encrypted)", failure.Message, System.StringComparison.Ordinal);
        Assert.Contains("pair ADDRESS", failure.NextStep, System.StringComparison.Ordinal);
        Assert.DoesNotContain("passkey", failure.NextStep, System.StringComparison.Ordinal);
    }
}
