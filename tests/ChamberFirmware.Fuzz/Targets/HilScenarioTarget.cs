using System.Collections.Generic;
using System.Text;
using ChamberCtl.Hil;
using ChamberFirmware.Fuzz.Harness;

namespace ChamberFirmware.Fuzz.Targets;

/// <summary>
/// HIL scenario files as `chamberctl hil run` reads them: the YAML (or JSON) reader into nodes,
/// then the schema parser. Every problem must become a HilScenarioError. Input: the file's bytes.
/// </summary>
public sealed class HilScenarioTarget : IFuzzTarget
{
    private readonly bool _json;

    public HilScenarioTarget(bool json)
    {
        _json = json;
    }

    public string Name => _json ? "hil-json" : "hil-yaml";

    public string Description => "HIL scenario files (" + (_json ? "HilJsonReader" : "HilYamlReader") + ", HilScenarioParser)";

    public bool Run(byte[] input)
    {
        string file = _json ? "fuzz.json" : "fuzz.yaml";
        string text = Encoding.UTF8.GetString(input);
        var errors = new List<HilScenarioError>();
        var roots = _json ? HilJsonReader.Read(file, text, errors) : HilYamlReader.Read(file, text, errors);
        if (errors.Count > 0)
        {
            return false;
        }

        var scenarios = new HilScenarioParser(file, errors).ParseRoots(roots);
        return errors.Count == 0 && scenarios.Count > 0;
    }
}
