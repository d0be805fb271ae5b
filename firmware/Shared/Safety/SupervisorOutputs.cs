namespace ChamberFirmware.Core.Safety
{
    /// <summary>
    /// What the runtime applies after a tick. Reused by the supervisor (no allocation). Write the
    /// emitter lines only when EmitterMaskChanged (a GPIO write costs ~300 µs on the device).
    /// </summary>
    public sealed class SupervisorOutputs
    {
        /// <summary>Emitter channels to drive on this tick; everything else off.</summary>
        public int EmitterMask;

        /// <summary>True when EmitterMask differs from the previous tick's.</summary>
        public bool EmitterMaskChanged;

        /// <summary>Call IKeepAliveOutput.Toggle() this tick. False stops feeding the interlock.</summary>
        public bool ToggleKeepAlive;

        /// <summary>Alarm indicator (on while SafeStop is latched).</summary>
        public bool Alarm;

        public SupervisorMode Mode;

        /// <summary>Cuts since boot after this tick: a new value means a new cut to log.</summary>
        public int CutSequence;

        /// <summary>Conditions seen in this tick (also while idle, where they do not latch).</summary>
        public CutReasons PresentReasons;
    }
}
