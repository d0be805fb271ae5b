using System;
using ChamberCtl.Hil;
using ChamberFirmware.Fuzz.Harness;

namespace ChamberFirmware.Fuzz.Targets;

/// <summary>
/// What a HIL rig (or anything on its serial line or TCP port) answers `chamberctl hil run`:
/// RigProtocolTarget reads version, OK/ERR answers, console results and sample lines
/// (RigSampleFormat.Parse). Input: the rig's whole side of the conversation. The client's
/// documented refusal is a HilTargetException.
/// </summary>
public sealed class RigRepliesTarget : IFuzzTarget
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public string Name => "rig-replies";

    public string Description => "rig protocol lines read by chamberctl hil (RigProtocolTarget, RigSampleFormat.Parse)";

    public bool Run(byte[] input)
    {
        var channel = new RigLineChannel(new ScriptedStream(input), "fuzz rig");
        RigProtocolTarget rig;
        try
        {
            rig = RigProtocolTarget.Connect(channel, "fuzz rig", Timeout);
        }
        catch (HilTargetException)
        {
            return false;
        }

        using (rig)
        {
            try
            {
                rig.Reset(7, null);
                _ = rig.Console(HilConsoleAction.Arm);
                rig.Advance(10, new DiscardingTraceSink());
                _ = rig.Observe();
                return true;
            }
            catch (HilTargetException)
            {
                return false;
            }
        }
    }

    private sealed class DiscardingTraceSink : IHilTraceSink
    {
        public void Record(HilObservation sample)
        {
        }
    }
}
