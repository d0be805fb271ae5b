namespace ChamberFirmware.Core.Runtime
{
    /// <summary>The supervisor loop's period: <see cref="ChamberRuntime.SupervisorStep"/>.</summary>
    public sealed class SupervisorWork : IPeriodicWork
    {
        private readonly ChamberRuntime _runtime;

        public SupervisorWork(ChamberRuntime runtime)
        {
            _runtime = runtime;
        }

        public void RunPeriod()
        {
            _runtime.SupervisorStep();
        }
    }
}
