using System.Diagnostics;
using System.Threading;
using ChamberFirmware.App.Esp32.Ble;
using ChamberFirmware.Core;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Runtime;
using ChamberFirmware.Hal.Clock;
using ChamberFirmware.Hal.Esp32;
using ChamberFirmware.Hal.Esp32.Storage;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;

namespace ChamberFirmware.App.Esp32
{
    /// <summary>
    /// The device application: creates the hardware objects (Esp32Board — the only place that does),
    /// the storage and RNG adapters and the portable ChamberRuntime, then runs the runtime's three
    /// loops on their own threads and the BLE services. Every decision lives in ChamberRuntime.
    /// Threads (docs/architecture.md, "Runtime"):
    ///   supervisor — Highest, every 10 ms: ChamberRuntime.SupervisorStep (sensors, safety, keep-alive);
    ///   control    — AboveNormal, every 20 ms: ChamberRuntime.ControlStep;
    ///   link       — Normal, every 100 ms: telemetry + link check-in; frames arrive on the BLE
    ///                callback thread and go through ChamberRuntime.HandleLinkFrame.
    /// Thread API: nanoframework/CoreLibrary System/Threading/Thread.cs (Thread(ThreadStart), Start,
    /// Priority, static Sleep(int)), ThreadPriority.cs (Lowest..Highest).
    /// </summary>
    public static class Program
    {
        private const int ConfigSlotCapacity = 256;

        private static ChamberRuntime _runtime;
        private static IMonotonicClock _clock;
        private static ControlGattService _control;
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

            Thread supervisor = new Thread(SupervisorLoop);
            supervisor.Priority = ThreadPriority.Highest;
            supervisor.Start();

            Thread control = new Thread(ControlLoop);
            control.Priority = ThreadPriority.AboveNormal;
            control.Start();

            StartBluetooth();

            Thread link = new Thread(LinkLoop);
            link.Priority = ThreadPriority.Normal;
            link.Start();

            Thread.Sleep(Timeout.Infinite);
        }

        private static void SupervisorLoop()
        {
            PeriodicLoop period = new PeriodicLoop(_clock, RuntimeTiming.SupervisorPeriodMilliseconds);
            while (true)
            {
                period.WaitNext();
                _runtime.SupervisorStep();
            }
        }

        private static void ControlLoop()
        {
            PeriodicLoop period = new PeriodicLoop(_clock, RuntimeTiming.ControlPeriodMilliseconds);
            while (true)
            {
                period.WaitNext();
                _runtime.ControlStep();
            }
        }

        private static void LinkLoop()
        {
            PeriodicLoop period = new PeriodicLoop(_clock, RuntimeTiming.LinkPeriodMilliseconds);
            while (true)
            {
                period.WaitNext();
                _control.SendTelemetry();
            }
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
            _control = new ControlGattService(_runtime);
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
                    // The console left: link loss for the chamber at once (cuts if armed), then advertise again.
                    _runtime.OnLinkTransportClosed();
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
