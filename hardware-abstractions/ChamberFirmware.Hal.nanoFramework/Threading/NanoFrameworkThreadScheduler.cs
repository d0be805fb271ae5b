using System.Threading;
using ChamberFirmware.Hal.Clock;

namespace ChamberFirmware.Hal.Threading
{
    /// <summary>
    /// <see cref="IThreadScheduler"/> on nanoCLR (device build only: Thread.Sleep is banned in host
    /// projects). Sleep(0) is nanoCLR's yield: it moves the caller behind every other ready thread
    /// (nf-interpreter, corlib_native_System_Threading_Thread.cpp, Sleep___STATIC__VOID__I4:
    /// UpdateToLowestExecutionCounter and CLR_E_RESCHEDULE), and the scheduler wakes due sleepers
    /// before it picks the next thread (Execution.cpp, ScheduleThreads → ProcessTimer).
    /// </summary>
    public sealed class NanoFrameworkThreadScheduler : IThreadScheduler
    {
        public void Sleep(int milliseconds)
        {
            Thread.Sleep(milliseconds);
        }

        public void Yield()
        {
            Thread.Sleep(0);
        }
    }
}
