using ChamberFirmware.Differential;
using nanoFramework.TestFramework;

namespace ChamberFirmware.Device.Tests
{
    /// <summary>
    /// The cost bench of tools/DeviceBench, on the board: the same operations on the same minimal
    /// board, timed by the ESP32 itself. Divide each figure by the operation's x86 instructions per
    /// call in tests/bench/nanoclr-baseline.json: that is the board's time per instruction, which
    /// replaces the CoreMark estimate (docs/safety.md, "Device timing on nanoCLR"). The real board's
    /// I/O is in SupervisorTickTimeTests; this one keeps the figures comparable with nanoCLR's.
    /// </summary>
    [TestClass]
    public class CostBenchOnBoardTests
    {
        [TestMethod]
        public void The_cost_bench_prints_each_operation_time_per_call_on_this_board()
        {
            string failed = CostBench.Run(new Esp32BenchHost(), 1);
            Assert.IsTrue(failed == null, "bench set-up: " + failed);
        }
    }
}
