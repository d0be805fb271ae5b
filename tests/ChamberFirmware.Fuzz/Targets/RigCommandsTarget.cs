using ChamberCtl.Hil;
using ChamberFirmware.Fuzz.Harness;

namespace ChamberFirmware.Fuzz.Targets;

/// <summary>
/// Command lines the simulator's rig port (`chamberctl sim --rig-port`) reads from whoever
/// connects: RigProtocolServer.Serve over the simulator target. Input: the client's side of the
/// conversation. Every refusal is an ERR line; nothing may escape Serve.
/// </summary>
public sealed class RigCommandsTarget : IFuzzTarget
{
    public string Name => "rig-commands";

    public string Description => "rig protocol command lines read by the simulator's rig port (RigProtocolServer)";

    public bool Run(byte[] input)
    {
        using var target = new SimulatorHilTarget();
        var server = new RigProtocolServer(target, "fuzz");
        var stream = new ScriptedStream(input);
        server.Serve(stream);
        return System.Text.Encoding.ASCII.GetString(stream.Written).Contains("OK", System.StringComparison.Ordinal);
    }
}
