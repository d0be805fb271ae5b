using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.DiagnosticsBridge;
using ChamberFirmware.Fuzz.Harness;

namespace ChamberFirmware.Fuzz.Targets;

/// <summary>
/// Diagnostics payloads as the field tools read them from a chamber (or from whatever answers as
/// one): DiagnosticsPayloads' decoders, the JSON the bridge and `chamberctl diag --json` print,
/// and the text report. Input: kind selector(1) then the payload bytes.
/// </summary>
public sealed class DiagnosticsTarget : IFuzzTarget
{
    public string Name => "diagnostics";

    public string Description => "diagnostics payloads read over BLE/the bridge (DiagnosticsPayloads.Decode*, DiagnosticsJson, DiagnosticsTextReport)";

    public bool Run(byte[] input)
    {
        var reader = new FuzzInput(input);
        string kind = DiagnosticsJson.Kinds[reader.ReadByte() % DiagnosticsJson.Kinds.Length];
        byte[] payload = reader.ReadRest();
        if (DiagnosticsJson.TryDecode(kind, payload, out var json) != PayloadDecodeResult.Ok)
        {
            return false;
        }

        if (json is null)
        {
            throw new FuzzInvariantException(kind + " decoded Ok without a result");
        }

        _ = json.ToJsonString();
        _ = DiagnosticsTextReport.Render(kind, json);
        return true;
    }
}
