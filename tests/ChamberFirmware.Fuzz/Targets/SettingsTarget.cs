using System;
using System.IO;
using ChamberCtl.Provisioning;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Fuzz.Harness;

namespace ChamberFirmware.Fuzz.Targets;

/// <summary>
/// Chamber settings from both doors: the 24-byte wire/store layout checked by the firmware's
/// validator (ChamberSettingsCodec.Read, SafetySettingsValidator.Validate), and the JSON file a
/// technician passes to `chamberctl provision --settings` (SettingsInput.FromFile, then the same
/// bounds check). Input: the first 24 bytes are the binary layout (zero-padded), all of the input
/// is also the JSON file. The tool's documented refusal is a ProvisioningFailure.
/// </summary>
public sealed class SettingsTarget : IFuzzTarget, IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "chamberctl-fuzz-settings-" + Environment.ProcessId + ".json");

    public string Name => "settings";

    public string Description => "settings: the 24-byte layout (ChamberSettingsCodec, SafetySettingsValidator) and --settings JSON files (SettingsInput)";

    public bool Run(byte[] input)
    {
        byte[] binary = new byte[ChamberSettingsCodec.Size];
        Array.Copy(input, binary, Math.Min(input.Length, binary.Length));
        var settings = new ChamberSettings();
        ChamberSettingsCodec.Read(binary, 0, settings);
        bool valid = SafetySettingsValidator.Validate(settings, out _);

        File.WriteAllBytes(_file, input);
        try
        {
            SettingsInput requested = SettingsInput.FromFile(_file);
            requested.CheckBounds();
            _ = requested.ApplyTo(new ChamberSettings());
            return true;
        }
        catch (ProvisioningFailure)
        {
            return valid;
        }
    }

    public void Dispose() => File.Delete(_file);
}
