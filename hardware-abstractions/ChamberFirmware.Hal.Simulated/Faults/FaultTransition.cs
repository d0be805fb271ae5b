namespace ChamberFirmware.Hal.Simulated.Faults
{
    /// <summary>One edge of a scheduled fault: at <see cref="AtMicroseconds"/>, apply or clear it.</summary>
    public readonly struct FaultTransition
    {
        public FaultTransition(long atMicroseconds, SimulatedPart part, int channel, FaultKind kind, bool active)
        {
            AtMicroseconds = atMicroseconds;
            Part = part;
            Channel = channel;
            Kind = kind;
            Active = active;
        }

        public long AtMicroseconds { get; }

        public SimulatedPart Part { get; }

        public int Channel { get; }

        public FaultKind Kind { get; }

        public bool Active { get; }
    }
}
