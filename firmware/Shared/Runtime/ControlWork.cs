namespace ChamberFirmware.Core.Runtime
{
    /// <summary>The control loop's period: <see cref="ChamberRuntime.ControlStep"/>.</summary>
    public sealed class ControlWork : IPeriodicWork
    {
        private readonly ChamberRuntime _runtime;

        public ControlWork(ChamberRuntime runtime)
        {
            _runtime = runtime;
        }

        public void RunPeriod()
        {
            _runtime.ControlStep();
        }
    }
}
