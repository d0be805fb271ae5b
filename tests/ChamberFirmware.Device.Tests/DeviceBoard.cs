using System.Threading;
using ChamberFirmware.Hal.Board;
using ChamberFirmware.Hal.Esp32;

namespace ChamberFirmware.Device.Tests
{
    /// <summary>
    /// One Esp32Board for the whole test run (a GPIO pin can be opened once) and the drivers over it.
    /// Helpers keep the interlock fed the way the supervisor does: one keep-alive edge per 10 ms.
    /// </summary>
    public static class DeviceBoard
    {
        private static Esp32Board _board;
        private static ChamberDrivers _drivers;

        public static Esp32Board Board
        {
            get
            {
                if (_board == null)
                {
                    _board = new Esp32Board();
                }

                return _board;
            }
        }

        public static ChamberDrivers Drivers
        {
            get
            {
                if (_drivers == null)
                {
                    _drivers = new ChamberDrivers(Board);
                }

                return _drivers;
            }
        }

        /// <summary>Toggles the keep-alive every 10 ms for <paramref name="milliseconds"/>.</summary>
        public static void FeedInterlock(int milliseconds)
        {
            for (int elapsed = 0; elapsed < milliseconds; elapsed += 10)
            {
                Drivers.Interlock.ToggleKeepAlive();
                Thread.Sleep(10);
            }
        }

        /// <summary>Everything off and the interlock left to drop.</summary>
        public static void Safe()
        {
            Drivers.Emitters.ForceAllOff();
            Thread.Sleep(50);
        }
    }
}
