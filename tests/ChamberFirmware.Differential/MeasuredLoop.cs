namespace ChamberFirmware.Differential
{
    /// <summary>Which of a period's loops the cost bench measures (ChamberSession.Period).</summary>
    public enum MeasuredLoop
    {
        None = 0,
        Control = 1,
        Supervisor = 2,
    }
}
