using ChamberFirmware.Hal.Clock;

namespace ChamberFirmware.Starvation
{
    /// <summary>
    /// What the firmware's calls into the board cost: the x86 time spent inside the simulated board
    /// (chip register emulation, pin models: silicon on the real board, so it is taken out of the
    /// stretch), and the ESP32's native time for the same calls, which is what the interpreter is
    /// held for on the board. Native costs, per call:
    ///  - GpioPin.Write ~300 µs and Toggle ~18 µs: nanoframework/Home issue #1013 (ESP32_REV3): a loop
    ///    of Write(Low); Write(High) gave 1.7 kHz, of Toggle() 27 kHz (also in the shared notes);
    ///  - GpioPin.Read: taken as a Toggle (one native call, no public figure): to be measured on a board;
    ///  - an I2C transfer: its bits on the 400 kHz bus (9 per byte, address bytes included) plus
    ///    50 µs for the driver, an assumption to be measured on a board.
    /// </summary>
    public sealed class BoardMeter
    {
        public const long GpioWriteMicroseconds = 300;
        public const long GpioToggleMicroseconds = 18;
        public const long GpioReadMicroseconds = 18;
        public const long I2cDriverMicroseconds = 50;
        public const long I2cBusHz = 400_000;

        private readonly IMonotonicClock _clock;
        private readonly object _bus = new object();
        private long _simulated;
        private long _native;
        private long _waited;
        private long _calls;
        private long _overheadNanoseconds;

        public BoardMeter(IMonotonicClock clock)
        {
            _clock = clock;
        }

        /// <summary>The sensor bus: each I2C transfer holds it, as a bus driver's mutex does (only the supervisor uses the bus, so the run never contends for it; the planted phase does).</summary>
        public object Bus => _bus;

        /// <summary>x86 µs spent in the simulated board so far.</summary>
        public long SimulatedMicroseconds => _simulated;

        /// <summary>The ESP32's native µs for the same calls so far.</summary>
        public long NativeMicroseconds => _native;

        /// <summary>Time spent waiting for the bus (another thread held it): not the caller's work.</summary>
        public long WaitedMicroseconds => _waited;

        /// <summary>Board calls metered so far.</summary>
        public long Calls => _calls;

        /// <summary>
        /// The meter's own x86 time per call outside what it measures (its two clock reads and its
        /// bookkeeping): not firmware work, taken out of the stretch with the board's time.
        /// </summary>
        public long OverheadMicroseconds(long calls) => calls * _overheadNanoseconds / 1000;

        /// <summary>Measures <see cref="OverheadMicroseconds"/>: the same input read through the meter and directly.</summary>
        public void Calibrate(ChamberFirmware.Hal.Gpio.IDigitalInput inner, int reads)
        {
            ChamberFirmware.Hal.Gpio.IDigitalInput metered = new MeteredInput(inner, this);
            long simulated = _simulated;
            long start = _clock.NowMicroseconds;
            for (int i = 0; i < reads; i++)
            {
                metered.Read();
            }

            long meteredTime = _clock.NowMicroseconds - start - (_simulated - simulated);
            start = _clock.NowMicroseconds;
            for (int i = 0; i < reads; i++)
            {
                inner.Read();
            }

            long direct = _clock.NowMicroseconds - start;
            long overhead = (meteredTime - direct) * 1000 / reads;
            _overheadNanoseconds = overhead > 0 ? overhead : 0;
            _calls = 0;
            _simulated = simulated;
            _native = 0;
        }

        public long Start() => _clock.NowMicroseconds;

        public void Waited(long since)
        {
            _waited += _clock.NowMicroseconds - since;
        }

        public void Stop(long start, long nativeMicroseconds)
        {
            _simulated += _clock.NowMicroseconds - start;
            _native += nativeMicroseconds;
            _calls++;
        }

        /// <summary>The bus time of a transfer of <paramref name="bytes"/> data bytes in <paramref name="addressBytes"/> address phases, plus the driver.</summary>
        public static long I2cMicroseconds(int bytes, int addressBytes)
        {
            return ((bytes + addressBytes) * 9L * 1_000_000 / I2cBusHz) + I2cDriverMicroseconds;
        }
    }
}
