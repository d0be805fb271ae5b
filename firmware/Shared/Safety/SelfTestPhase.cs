namespace ChamberFirmware.Core.Safety
{
    /// <summary>
    /// Steps of the cut-path self-test that runs across supervisor ticks before each arm, in the
    /// order they run: InterlockDrop, InterlockRecover, EmittersOff (values are wire-stable).
    /// </summary>
    public enum SelfTestPhase : byte
    {
        None = 0,
        /// <summary>Last: bank powered, emitters commanded off; the read-back must show all off (a shorted driver shows here).</summary>
        EmittersOff = 1,
        /// <summary>First: keep-alive stopped (as while idle); the interlock power sense must be down within the hold budget.</summary>
        InterlockDrop = 2,
        /// <summary>Keep-alive started; the interlock power sense must come up within the recover budget.</summary>
        InterlockRecover = 3,
    }
}
