namespace ChamberFirmware.Hal.Clock
{
    /// <summary>
    /// The calling thread's use of the CPU, injected like the clock: on the device nanoFramework's
    /// Thread.Sleep (ChamberFirmware.Hal.nanoFramework, NanoFrameworkThreadScheduler), in host tests a
    /// fake. Portable code never sleeps on its own (BannedSymbols.txt).
    /// </summary>
    public interface IThreadScheduler
    {
        /// <summary>Blocks the calling thread for at least <paramref name="milliseconds"/> (1 or more).</summary>
        void Sleep(int milliseconds);

        /// <summary>
        /// Lets every other ready thread run before the caller goes on. nanoCLR never preempts a
        /// running thread when a higher-priority one becomes ready (only when its 20 ms quantum ends),
        /// so long work on a low-priority thread calls this to keep the supervisor on time.
        /// </summary>
        void Yield();
    }
}
