using System.Diagnostics;
using System.Threading;
using ChamberFirmware.App.Esp32.Ble;
using ChamberFirmware.Core;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Runtime;
using ChamberFirmware.Hal.Clock;
using ChamberFirmware.Hal.Esp32;
using ChamberFirmware.Hal.Esp32.Storage;
using ChamberFirmware.Hal.Threading;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;

namespace ChamberFirmware.App.Esp32
{
    /// <summary>
    /// The device application: creates the hardware objects (Esp32Board — the only place that does),
    /// the storage and RNG adapters and the portable ChamberRuntime, then runs the runtime's three
    /// loops on their own threads (ChamberLoops) and the BLE services. Every decision lives in
    /// ChamberRuntime. Threads (docs/architecture.md, "Runtime"):
    ///   supervisor — Highest, every 10 ms: ChamberRuntime.SupervisorStep (sensors, safety, keep-alive);
    ///   control    — AboveNormal, every 20 ms: ChamberRuntime.ControlStep;
    ///   link       — Normal, every 20 ms: LinkPump — link check-in, a disconnect the BLE callback
    ///                noted, the frames it posted to the inbox (one every second period, 25 a
    ///                second), telemetry every 100 ms.
    /// The BLE callback only copies a frame into the inbox, or notes a disconnect there: nanoCLR runs it on its interrupt thread,
    /// above the supervisor, and never preempts a running thread for a due one, so link work there
    /// would hold the supervisor up to its end (docs/safety.md, "The supervisor is never starved").
    /// </summary>
    public static class Program
    {
        private const int ConfigSlotCapacity = 256;

        private static ChamberRuntime _runtime;
        private static IMonotonicClock _clock;
        private static ControlGattService _control;
        private static LinkInbox _inbox;
        private static ChamberDiagnosticsGattService _advertiser;

        public static void Main()
        {
            Esp32Board board = new Esp32Board();
            InternalFlashFileStorage storage = new InternalFlashFileStorage(2, ConfigSlotCapacity);
            DiagnosticsIdentity identity = new DiagnosticsIdentity();
            identity.Manufacturer = "ChamberFirmware";
            identity.Model = "Nanobot treatment chamber controller";
            identity.FirmwareRevision = CoreInfo.VersionText;
            identity.SoftwareRevision = CoreInfo.VersionText;

            _clock = board.Clock;
            _runtime = new ChamberRuntime(board, storage, new HardwareNonceSource(), _clock, identity);
            _runtime.Boot();
            Debug.WriteLine("chamber: booted, configuration " + ConfigLoadStatusText(_runtime.ConfigLoadStatus));

            IThreadScheduler scheduler = new NanoFrameworkThreadScheduler();
            _inbox = new LinkInbox(LinkPump.InboxCapacity);
            _control = new ControlGattService(_inbox);
            ChamberLoops loops = new ChamberLoops(_clock, scheduler, new SupervisorWork(_runtime), new ControlWork(_runtime),
                new LinkPump(_runtime, _inbox, _control, scheduler));
            loops.Start();

            StartBluetooth();

            Thread.Sleep(Timeout.Infinite);
        }

        /// <summary>
        /// Control service (link frames) first, then the diagnostics service, which starts the one
        /// advertisement. One central at a time: advertising stops while a client is connected
        /// (GattSession.SessionStatusChanged, nanoframework/nanoFramework.Device.Bluetooth
        /// GenericAttributeProfile/GattSession.cs) and resumes when it leaves.
        /// </summary>
        private static void StartBluetooth()
        {
            string name = "Chamber " + (_runtime.Identity.SerialNumber.Length > 0 ? _runtime.Identity.SerialNumber : "unprovisioned");
            if (!_control.Create())
            {
                Debug.WriteLine("chamber: BLE control service refused by the stack; the link loop will stay quiet and the chamber stays unarmed");
            }

            ChamberDiagnosticsGattService diagnostics = new ChamberDiagnosticsGattService(_runtime.Diagnostics);
            if (!diagnostics.Start(name, _runtime.Identity))
            {
                Debug.WriteLine("chamber: BLE diagnostics service refused by the stack");
                return;
            }

            _advertiser = diagnostics;
            BluetoothLEServer.Instance.Session.SessionStatusChanged += OnSessionStatusChanged;
        }

        private static void OnSessionStatusChanged(object sender, GattSessionStatusChangedEventArgs args)
        {
            try
            {
                if (args.Status == GattSessionStatus.Active)
                {
                    _advertiser.StopAdvertising();
                }
                else
                {
                    // The console left: link loss for the chamber (cuts if armed) in the link thread's
                    // next period, after any frame it already took; then advertise again.
                    _inbox.Close();
                    _advertiser.ResumeAdvertising();
                }
            }
            catch (System.Exception e)
            {
                // Known upstream advertising start/stop problems must not take the app down.
                Debug.WriteLine("chamber: advertising change failed: " + e.Message);
            }
        }

        private static string ConfigLoadStatusText(ConfigLoadStatus status)
        {
            switch (status)
            {
                case ConfigLoadStatus.Loaded:
                    return "loaded";
                case ConfigLoadStatus.LoadedOneSlotInvalid:
                    return "loaded (one slot invalid)";
                case ConfigLoadStatus.Empty:
                    return "empty: factory state, not armable until provisioned";
                case ConfigLoadStatus.Corrupt:
                    return "CORRUPT: not armable until re-provisioned";
                case ConfigLoadStatus.StorageError:
                    return "STORAGE ERROR: not armable";
                default:
                    return "not loaded";
            }
        }
    }
}
