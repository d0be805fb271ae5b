using System;
using ChamberFirmware.Core.Diagnostics;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;

namespace ChamberFirmware.App.Esp32.Ble
{
    /// <summary>
    /// Replaces the default Device Information Service (0x180A) with the chamber's identity.
    ///
    /// Why not BluetoothLEServer.Instance.GetServiceByUUID(GattServiceUuids.DeviceInformation):
    /// in nanoframework/nanoFramework.Device.Bluetooth BluetoothLEServer.cs, GetServiceByUUID matches
    /// each provider's PRIMARY service (srvprov.Service.Uuid), so it does not find the DIS that
    /// GattServiceProvider adds as its second service; and GattLocalCharacteristic.StaticValue has
    /// no setter (GattLocalCharacteristic.cs). GattServiceProvider.AddService(Guid) "creates a new
    /// service or replaces an existing service" with the same UUID (GattServiceProvider.cs), which is
    /// how nanoframework/Samples samples/Bluetooth/BluetoothLESample3/Services/DeviceInformationService.cs
    /// sets its own strings. Must run before StartAdvertising.
    /// </summary>
    public static class DeviceInformationService
    {
        public static void Replace(GattServiceProvider provider, DiagnosticsIdentity identity)
        {
            GattLocalService service = provider.AddService(GattServiceUuids.DeviceInformation);
            AddString(service, GattCharacteristicUuids.ManufacturerNameString, identity.Manufacturer);
            AddString(service, GattCharacteristicUuids.ModelNumberString, identity.Model);
            AddString(service, GattCharacteristicUuids.SerialNumberString, identity.SerialNumber);
            AddString(service, GattCharacteristicUuids.HardwareRevisionString, identity.HardwareRevision);
            AddString(service, GattCharacteristicUuids.FirmwareRevisionString, identity.FirmwareRevision);
            AddString(service, GattCharacteristicUuids.SoftwareRevisionString, identity.SoftwareRevision);
        }

        private static void AddString(GattLocalService service, Guid uuid, string value)
        {
            DataWriter writer = new DataWriter();
            writer.WriteString(value ?? string.Empty);
            // Identity is not secret (it is on the label); readable before bonding so the phone can
            // show which chamber it is pairing with.
            service.CreateCharacteristic(uuid, new GattLocalCharacteristicParameters()
            {
                CharacteristicProperties = GattCharacteristicProperties.Read,
                StaticValue = writer.DetachBuffer(),
            });
        }
    }
}
