namespace ChamberFirmware.Core.Safety
{
    /// <summary>What the safety supervisor currently permits.</summary>
    public enum SupervisorMode : byte
    {
        /// <summary>Not armed: emitters forced off; conditions are watched but do not latch (except a stuck-on emitter).</summary>
        Idle = 0,
        /// <summary>Cut-path self-test running (part of arming); emitters forced off; conditions latch.</summary>
        SelfTest = 1,
        /// <summary>Armed: emitter leases are honoured while every condition stays clear.</summary>
        Ready = 2,
        /// <summary>Cut latched: emitters off, keep-alive stopped, until an accepted clear.</summary>
        SafeStop = 3,
    }
}
