using System.Globalization;

namespace DeviceBench
{
    /// <summary>
    /// What a call would take on an ESP32 core, estimated from its x86 instructions on nanoCLR, so
    /// the estimate is as repeatable as the count. Two measured factors:
    /// CoreMark (eembc/coremark, gcc -O2) gives about 35,800 iterations/s on one core of these
    /// machines; a published ESP32 run at 240 MHz (apache/nuttx pull request 8221) gives 688/s on
    /// two cores, about 344/s per core: an ESP32 core does the same work about 104 times slower.
    /// nanoCLR runs about 7,100 x86 instructions per µs on one core of these machines (the whole
    /// bench: callgrind's count over the best user time of ten plain runs, on a 2-core AMD EPYC).
    /// A rough calibration (an interpreter is not CoreMark), an order of magnitude until a board is
    /// measured (tests/ChamberFirmware.Device.Tests prints the same figures on a board).
    /// </summary>
    internal static class Esp32Estimate
    {
        public const double CoreMarkSlowdown = 35_800.0 / 344.0;

        public const double X86InstructionsPerMicrosecond = 7_100;

        public static double Microseconds(double x86Instructions) => x86Instructions / X86InstructionsPerMicrosecond * CoreMarkSlowdown;

        public static string Format(double microseconds) => microseconds >= 1000
            ? (microseconds / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " ms"
            : microseconds.ToString("0", CultureInfo.InvariantCulture) + " µs";
    }
}
