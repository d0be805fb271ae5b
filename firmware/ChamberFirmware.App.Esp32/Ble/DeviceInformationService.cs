using System;
using ChamberFirmware.Core.Diagnostics;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;

namespace ChamberFirmware.App.Esp32.Ble
{
    /// <summary>
    /// Adds the chamber's identity to the Device Information Service (0x180A) that the BLE stack
    /// creates with the first GattServiceProvider.
    ///
    /// nanoFramework.Device.Bluetooth 1.1.113 (GattServiceProvider.cs, AddDeviceInformationService):
    /// the stack makes the DIS a service provider of its own, with Manufacturer Name "nanoFramework"
    /// and Model Number = SystemInfo.Platform as static values; BluetoothLEServer.GetServiceByUUID
    /// finds it by its UUID. GattServiceProvider has no AddService in that version and
    /// GattLocalCharacteristic.StaticValue has no setter, so those two strings stay as the stack set
    /// them; the chamber's own manufacturer and model are in the diagnostics identity characteristic
    /// (docs/ble-gatt.md). Must run before advertising starts.
    /// </summary>
    public static class DeviceInformationService
    {
        /// <summary>False when the stack made no DIS or refused a characteristic.</summary>
        public static bool AddIdentity(DiagnosticsIdentity identity)
        {
            GattServiceProvider provider = BluetoothLEServer.Instance.GetServiceByUUID(GattServiceUuids.DeviceInformation);
            if (provider == null)
            {
                return false;
            }

            GattLocalService service = provider.Service;
            return AddString(service, GattCharacteristicUuids.SerialNumberString, identity.SerialNumber)
                && AddString(service, GattCharacteristicUuids.HardwareRevisionString, identity.HardwareRevision)
                && AddString(service, GattCharacteristicUuids.FirmwareRevisionString, identity.FirmwareRevision)
                && AddString(service, GattCharacteristicUuids.SoftwareRevisionString, identity.SoftwareRevision);
        }

        private static bool AddString(GattLocalService service, Guid uuid, string value)
        {
            DataWriter writer = new DataWriter();
            writer.WriteString(value ?? string.Empty);
            // Identity is not secret (it is on the label); readable before bonding so the phone can
            // show which chamber it is pairing with.
            GattLocalCharacteristicResult created = service.CreateCharacteristic(uuid, new GattLocalCharacteristicParameters()
            {
                CharacteristicProperties = GattCharacteristicProperties.Read,
                StaticValue = writer.DetachBuffer(),
            });
            return created.Error == BluetoothError.Success;
        }
    }
}
