namespace ChamberFirmware.Device.NanoClr.Safety
{
    /// <summary>Work run before each supervisor tick of a SupervisorRig (a non-generic delegate: the subset has no Action&lt;long&gt;).</summary>
    public delegate void TickHook(long nowMicroseconds);
}
