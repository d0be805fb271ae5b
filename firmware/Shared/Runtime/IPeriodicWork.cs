namespace ChamberFirmware.Core.Runtime
{
    /// <summary>What one of the device's loops does once per period (its thread and period: ChamberLoops on the device).</summary>
    public interface IPeriodicWork
    {
        void RunPeriod();
    }
}
