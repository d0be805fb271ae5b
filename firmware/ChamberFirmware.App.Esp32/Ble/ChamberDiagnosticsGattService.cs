using System;
using System.Threading;
using ChamberFirmware.Core.Diagnostics;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;
using Buffer = nanoFramework.Device.Bluetooth.Buffer;

namespace ChamberFirmware.App.Esp32.Ble
{
    /// <summary>
    /// The chamber diagnostics GATT service (docs/ble-gatt.md). An adapter only: it moves bytes
    /// between the portable <see cref="IDiagnosticsReader"/> and the nanoFramework GATT API. Every
    /// characteristic is Read (telemetry also Notify) with ReadProtectionLevel EncryptionRequired and
    /// none has Write: nothing a client sends can change the chamber.
    ///
    /// Signatures as in nanoframework/nanoFramework.Device.Bluetooth:
    /// GattServiceProvider.Create(Guid) → GattServiceProviderResult {Error, ServiceProvider}
    /// (used so by nanoframework/Samples samples/Bluetooth/BluetoothLESample1/Program.cs);
    /// GattLocalService.CreateCharacteristic(Guid, GattLocalCharacteristicParameters) (GattLocalService.cs);
    /// GattLocalCharacteristic.ReadRequested(GattLocalCharacteristic, GattReadRequestedEventArgs),
    /// NotifyValue(Buffer), SubscribedClients (GattLocalCharacteristic.cs);
    /// GattReadRequest.RespondWithValue(Buffer) / RespondWithProtocolError(byte) (GattReadRequest.cs);
    /// DataWriter.WriteBytes(byte[]) / DetachBuffer() (IO/DataWriter.cs).
    /// </summary>
    public sealed class ChamberDiagnosticsGattService
    {
        /// <summary>Telemetry notification period: 5 Hz.</summary>
        public const int TelemetryPeriodMilliseconds = 200;

        private readonly IDiagnosticsReader _reader;
        private readonly GattLocalCharacteristic[] _characteristics;
        private readonly int[] _ids;
        private readonly byte[] _readBuffer = new byte[DiagnosticsPayloads.MaxPayloadLength];
        private readonly byte[] _telemetryBuffer = new byte[DiagnosticsPayloads.MaxPayloadLength];
        private readonly object _readLock = new object();
        private GattServiceProvider _provider;
        private GattLocalCharacteristic _telemetry;
        private Timer _telemetryTimer;

        public ChamberDiagnosticsGattService(IDiagnosticsReader reader)
        {
            _reader = reader;
            int count = 4 + DiagnosticsCharacteristic.EventWindowCount;
            _characteristics = new GattLocalCharacteristic[count];
            _ids = new int[count];
        }

        /// <summary>Creates the service (and the stack's DIS, with our identity added) and starts advertising under <paramref name="deviceName"/>. False if the stack refused.</summary>
        public bool Start(string deviceName, DiagnosticsIdentity identity)
        {
            GattServiceProviderResult result = GattServiceProvider.Create(new Guid(DiagnosticsCharacteristic.ServiceUuid));
            if (result.Error != BluetoothError.Success)
            {
                return false;
            }

            _provider = result.ServiceProvider;
            if (!DeviceInformationService.AddIdentity(identity))
            {
                return false;
            }

            // The advertised (and Generic Access) name is the server's; advertising parameters have none.
            BluetoothLEServer.Instance.DeviceName = deviceName;
            // Bonding is required: every diagnostics characteristic is EncryptionRequired, which
            // raises the server's pairing protection level (BluetoothLEServer.UpdateSecurityPairingRequirements).
            BluetoothLEServer.Instance.Pairing.AllowBonding = true;

            GattLocalService service = _provider.Service;
            int index = 0;
            index = Add(service, index, DiagnosticsCharacteristic.Identity, "identity", false);
            index = Add(service, index, DiagnosticsCharacteristic.Status, "status", false);
            index = Add(service, index, DiagnosticsCharacteristic.Counters, "counters", false);
            index = Add(service, index, DiagnosticsCharacteristic.Telemetry, "telemetry", true);
            for (int window = 0; window < DiagnosticsCharacteristic.EventWindowCount; window++)
            {
                index = Add(service, index, DiagnosticsCharacteristic.EventWindowFirst + window, "event log window " + window.ToString(), false);
            }

            if (index < 0)
            {
                return false;
            }

            StartAdvertising();
            _telemetryTimer = new Timer(NotifyTelemetry, null, TelemetryPeriodMilliseconds, TelemetryPeriodMilliseconds);
            return true;
        }

        /// <summary>Stops advertising (a central is connected: one at a time).</summary>
        public void StopAdvertising()
        {
            if (_provider != null)
            {
                _provider.StopAdvertising();
            }
        }

        /// <summary>Advertises again after the central left.</summary>
        public void ResumeAdvertising()
        {
            if (_provider != null)
            {
                StartAdvertising();
            }
        }

        private void StartAdvertising()
        {
            _provider.StartAdvertising(new GattServiceProviderAdvertisingParameters()
            {
                IsConnectable = true,
                IsDiscoverable = true,
            });
        }

        private int Add(GattLocalService service, int index, int id, string description, bool notify)
        {
            if (index < 0)
            {
                return -1;
            }

            GattLocalCharacteristicResult created = service.CreateCharacteristic(new Guid(DiagnosticsCharacteristic.UuidFor(id)),
                new GattLocalCharacteristicParameters()
                {
                    CharacteristicProperties = notify
                        ? GattCharacteristicProperties.Read | GattCharacteristicProperties.Notify
                        : GattCharacteristicProperties.Read,
                    ReadProtectionLevel = GattProtectionLevel.EncryptionRequired,
                    UserDescription = description,
                });
            if (created.Error != BluetoothError.Success)
            {
                return -1;
            }

            GattLocalCharacteristic characteristic = created.Characteristic;
            characteristic.ReadRequested += OnReadRequested;
            _characteristics[index] = characteristic;
            _ids[index] = id;
            if (notify)
            {
                _telemetry = characteristic;
            }

            return index + 1;
        }

        private void OnReadRequested(GattLocalCharacteristic sender, GattReadRequestedEventArgs args)
        {
            GattReadRequest request = args.GetRequest();
            int id = IdOf(sender);
            Buffer value = null;
            lock (_readLock)
            {
                int length = id < 0 ? DiagnosticsReadError.UnknownCharacteristic : _reader.Read(id, _readBuffer, 0);
                if (length >= 0)
                {
                    value = ToBuffer(_readBuffer, length);
                }
            }

            if (value == null)
            {
                // Busy or unknown: the client reads again.
                request.RespondWithProtocolError(GattProtocolError.UnlikelyError);
                return;
            }

            request.RespondWithValue(value);
        }

        private void NotifyTelemetry(object state)
        {
            GattLocalCharacteristic telemetry = _telemetry;
            if (telemetry == null || telemetry.SubscribedClients.Length == 0)
            {
                return;
            }

            int length = _reader.Read(DiagnosticsCharacteristic.Telemetry, _telemetryBuffer, 0);
            if (length > 0)
            {
                telemetry.NotifyValue(ToBuffer(_telemetryBuffer, length));
            }
        }

        private int IdOf(GattLocalCharacteristic characteristic)
        {
            for (int i = 0; i < _characteristics.Length; i++)
            {
                if (_characteristics[i] == characteristic)
                {
                    return _ids[i];
                }
            }

            return -1;
        }

        // The GATT API takes a Buffer of exactly the payload's length. This allocates on the BLE
        // event thread (client-paced reads, 5 Hz notifications), never on the supervisor's thread;
        // RespondWithValue/NotifyValue copy into a new byte[] themselves anyway.
        private static Buffer ToBuffer(byte[] source, int length)
        {
            byte[] exact = new byte[length];
            Array.Copy(source, exact, length);
            DataWriter writer = new DataWriter();
            writer.WriteBytes(exact);
            return writer.DetachBuffer();
        }
    }
}
