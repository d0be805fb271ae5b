namespace ChamberFirmware.Core.Treatment
{
    /// <summary>
    /// The treatment session state. Idle → Armed → Active → Completed → Idle; any cut → SafeStop
    /// (latched) → Idle only after an accepted clear. Wire-stable values.
    /// </summary>
    public enum ChamberState : byte
    {
        Idle = 0,
        Armed = 1,
        Active = 2,
        Completed = 3,
        SafeStop = 4,
    }
}
