using System;
using ChamberFirmware.Core.Link;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;

namespace ChamberFirmware.App.Esp32.Ble
{
    /// <summary>
    /// BLE GATT control service: one characteristic, Write (console → device frames) and Notify
    /// (device → console frames). Thin: it only moves bytes between BLE and the portable
    /// runtime's link loop, which decides everything (docs/protocol.md): a write is copied into the
    /// LinkInbox, and a disconnect is noted there (the callback runs on nanoCLR's interrupt thread,
    /// above the supervisor, so it does no link work and never waits on the link server's lock);
    /// the link thread's LinkPump handles both in order and sends responses and telemetry back through
    /// <see cref="Send"/>. BLE link encryption
    /// (Just Works pairing: the board has no display or keys) is required on top of the frame
    /// authentication; it does not replace it.
    /// One central at a time (CentralBinding decides): the first central that writes owns the link;
    /// another central's writes are refused with a protocol error, notifications go to the bound
    /// central only, and the link session ends when the GATT session closes or the bound central
    /// unsubscribes (docs/ble-gatt.md, "Pairing, bonding and who owns the link").
    /// One link frame per GATT write / notification, so a frame is at most ATT MTU − 3 bytes. The
    /// board offers MTU 256: nanoFramework's ESP32 BLE builds keep the ESP-IDF default
    /// CONFIG_BT_NIMBLE_ATT_PREFERRED_MTU = 256 and nf-interpreter never calls
    /// ble_att_set_preferred_mtu, so frames over BLE are at most MaxFrameSize = 253 bytes (every
    /// frame of link version 1 is ≤ 163). The console refuses a link below MTU 256; a write that
    /// arrives cut short is rejected (counted) by the LinkServer, and a notification that would not
    /// fit the session's MTU is not sent (NimBLE would cut it) — docs/ble-gatt.md "Sizes and MTU".
    /// Signatures checked against nanoframework/nanoFramework.Device.Bluetooth:
    ///   GenericAttributeProfile/GattServiceProvider.cs (Create(Guid) → GattServiceProviderResult{Error, ServiceProvider}, Service, StartAdvertising(GattServiceProviderAdvertisingParameters)),
    ///   GenericAttributeProfile/GattLocalCharacteristic.cs (WriteRequested, SubscribedClientsChanged(GattLocalCharacteristic, object), SubscribedClients, NotifyValue(Buffer)),
    ///   GenericAttributeProfile/GattWriteRequest.cs (Value, Option, Respond, RespondWithProtocolError(byte)),
    ///   GenericAttributeProfile/GattWriteRequestedEventArgs.cs (Session), GattSubscribedClient.cs (Session),
    ///   GattSession.cs (DeviceId, MaxMtuSize, SessionStatusChanged(object, GattSessionStatusChangedEventArgs{Status})),
    ///   GattLocalCharacteristic.cs (NotifyValue(Buffer, GattSubscribedClient)), BluetoothLEServer.cs (Session),
    ///   IO/DataReader.cs (FromBuffer, ReadBytes(byte[])), IO/DataWriter.cs (WriteBytes(byte[]), DetachBuffer),
    /// and the usage in nanoframework/Samples samples/Bluetooth/BluetoothLESample1/Program.cs.
    /// </summary>
    public sealed class ControlGattService : ILinkOutput
    {
        /// <summary>Chamber control service and its frame characteristic (project-specific UUIDs).</summary>
        public static readonly Guid ServiceUuid = new Guid("6c1f0001-3b52-4f7e-9d2a-1c0a5e7d9b40");
        public static readonly Guid FrameCharacteristicUuid = new Guid("6c1f0002-3b52-4f7e-9d2a-1c0a5e7d9b40");

        /// <summary>The board's ATT MTU (NimBLE's preferred MTU in nanoFramework's builds).</summary>
        public const int BoardMtu = 256;

        /// <summary>The largest link frame one write or notification carries: BoardMtu less the 3-byte ATT header.</summary>
        public const int MaxFrameSize = BoardMtu - 3;

        private readonly LinkInbox _inbox;
        private readonly object _notifyLock = new object();
        private readonly CentralBinding _binding = new CentralBinding();
        private GattServiceProvider _provider;
        private GattLocalCharacteristic _frames;

        public ControlGattService(LinkInbox inbox)
        {
            _inbox = inbox;
        }

        /// <summary>Creates the service (advertising is started once, by the diagnostics service). False if the BLE stack refused.</summary>
        public bool Create()
        {
            GattServiceProviderResult result = GattServiceProvider.Create(ServiceUuid);
            if (result.Error != BluetoothError.Success)
            {
                return false;
            }

            _provider = result.ServiceProvider;
            GattLocalCharacteristicResult created = _provider.Service.CreateCharacteristic(FrameCharacteristicUuid,
                new GattLocalCharacteristicParameters()
                {
                    CharacteristicProperties = GattCharacteristicProperties.Write | GattCharacteristicProperties.Notify,
                    // Encryption, not MITM authentication: the board is NoInputNoOutput, so BLE can
                    // only pair Just Works, which EncryptionAndAuthenticationRequired would refuse.
                    // Who may actuate is decided by the link's HMAC-authenticated session (device
                    // key), never by the pairing (docs/ble-gatt.md "Pairing", docs/security.md).
                    WriteProtectionLevel = GattProtectionLevel.EncryptionRequired,
                    ReadProtectionLevel = GattProtectionLevel.EncryptionRequired,
                    UserDescription = "Chamber link frames",
                });
            if (created.Error != BluetoothError.Success)
            {
                return false;
            }

            _frames = created.Characteristic;
            _frames.WriteRequested += OnWriteRequested;
            _frames.SubscribedClientsChanged += OnSubscribedClientsChanged;
            // The server's one GATT session reports every central's connect and disconnect.
            BluetoothLEServer.Instance.Session.SessionStatusChanged += OnSessionStatusChanged;
            return true;
        }

        /// <summary>A response or telemetry frame from the link thread to the bound, subscribed console.</summary>
        public void Send(byte[] frame, int length)
        {
            lock (_notifyLock)
            {
                if (_frames == null)
                {
                    return;
                }

                try
                {
                    Notify(frame, length);
                }
                catch (Exception)
                {
                    // A central disconnecting under the notification (its session gone): the frame is
                    // lost, as over the air; the link thread must go on (the close comes through the inbox).
                }
            }
        }

        private void OnWriteRequested(GattLocalCharacteristic sender, GattWriteRequestedEventArgs args)
        {
            GattWriteRequest request = args.GetRequest();
            if (args.Session == null || !_binding.AdmitWrite(args.Session.DeviceId.Id))
            {
                // Another central owns the link: its bytes never reach the link server.
                if (request.Option == GattWriteOption.WriteWithResponse)
                {
                    request.RespondWithProtocolError(GattProtocolError.WriteNotPermitted);
                }

                return;
            }

            uint received = request.Value.Length;

            // Anything longer than a frame is passed as its first MaxFrameSize + 1 bytes: the
            // LinkServer rejects it as oversized (and counts it) without this adapter deciding.
            int count = received > LinkProtocol.MaxFrameSize ? LinkProtocol.MaxFrameSize + 1 : (int)received;
            byte[] frame = new byte[received];
            DataReader.FromBuffer(request.Value).ReadBytes(frame);

            if (request.Option == GattWriteOption.WriteWithResponse)
            {
                request.Respond();
            }

            // A full inbox drops the frame (counted as a RateLimited reject by the link thread).
            _inbox.TryPost(frame, 0, count);
        }

        private void OnSubscribedClientsChanged(GattLocalCharacteristic sender, object args)
        {
            // The bound console unsubscribing or disconnecting is link loss for the chamber at once.
            GattSubscribedClient[] clients = sender.SubscribedClients;
            int[] ids = new int[clients.Length];
            for (int i = 0; i < clients.Length; i++)
            {
                ids[i] = clients[i].Session.DeviceId.Id;
            }

            if (_binding.OnSubscribersChanged(ids, ids.Length))
            {
                // The link thread ends the session, in order with the frames it already took.
                _inbox.Close();
            }
        }

        private void OnSessionStatusChanged(object sender, GattSessionStatusChangedEventArgs args)
        {
            // Also ends the session of a central that wrote without ever subscribing.
            if (args.Status == GattSessionStatus.Closed && _binding.OnSessionClosed())
            {
                _inbox.Close();
            }
        }

        private void Notify(byte[] bytes, int length)
        {
            // MaxMtuSize stays 0 until the central's MTU exchange is reported (BlueZ exchanges on
            // connect); only a reported MTU is checked here, the console checks its own side.
            int mtu = BluetoothLEServer.Instance.Session.MaxMtuSize;
            if (length > MaxFrameSize || (mtu > 0 && length > mtu - 3))
            {
                return;
            }

            GattSubscribedClient[] clients = _frames.SubscribedClients;
            for (int i = 0; i < clients.Length; i++)
            {
                if (_binding.MayNotify(clients[i].Session.DeviceId.Id))
                {
                    byte[] exact = new byte[length];
                    Array.Copy(bytes, exact, length);
                    DataWriter writer = new DataWriter();
                    writer.WriteBytes(exact);
                    _frames.NotifyValue(writer.DetachBuffer(), clients[i]);
                }
            }
        }
    }
}
