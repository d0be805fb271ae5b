namespace ChamberFirmware.Core.Safety
{
    /// <summary>Steps of the cut-path self-test that runs across supervisor ticks before each arm.</summary>
    public enum SelfTestPhase : byte
    {
        None = 0,
        /// <summary>Emitters commanded off; the read-back must show all off.</summary>
        EmittersOff = 1,
        /// <summary>Keep-alive stopped; the interlock power sense must drop within the hold budget.</summary>
        InterlockDrop = 2,
        /// <summary>Keep-alive resumed; the interlock power sense must come back.</summary>
        InterlockRecover = 3,
    }
}
