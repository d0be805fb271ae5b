using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Safety;

namespace ChamberCtl.Provisioning;

/// <summary>
/// The settings the technician asked for: values from --settings FILE.json (ChamberSettings
/// field names; any subset) overlaid by individual options. Fields not given keep the device's
/// stored values (defaults on a factory board).
/// </summary>
internal sealed class SettingsInput
{
    private readonly Dictionary<SettingsField, int> _values = new();

    public bool IsEmpty => _values.Count == 0;

    public string? SourceFile { get; private set; }

    /// <summary>Reads a JSON object of ChamberSettings fields (names case-insensitive, integers only; unknown names are errors).</summary>
    public static SettingsInput FromFile(string path)
    {
        var input = new SettingsInput { SourceFile = path };
        string next = "fix " + path + ": a JSON object with any of " + string.Join(", ", AllNames());
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ProvisioningFailure("--settings " + path + " cannot be read: " + ex.Message, next, ProvisioningExitCodes.Usage);
        }
        catch (JsonException ex)
        {
            throw new ProvisioningFailure("--settings " + path + " is not valid JSON: " + ex.Message, next, ProvisioningExitCodes.Usage);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ProvisioningFailure("--settings " + path + " must hold one JSON object", next, ProvisioningExitCodes.Usage);
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                var field = Find(property.Name)
                    ?? throw new ProvisioningFailure("--settings " + path + ": unknown setting \"" + property.Name + "\"", next, ProvisioningExitCodes.Usage);
                if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out int value))
                {
                    throw new ProvisioningFailure("--settings " + path + ": " + field.JsonName + " must be a whole number (" + field.Unit + ")", next, ProvisioningExitCodes.Usage);
                }

                input._values[field.Field] = value;
            }
        }

        return input;
    }

    public void Set(SettingsField field, int value) => _values[field] = value;

    /// <summary>The device's current settings with the requested fields applied.</summary>
    public ChamberSettings ApplyTo(ChamberSettings current)
    {
        var result = current.Clone();
        foreach (var (field, value) in _values)
        {
            SettingsFieldInfo.Of(field).Set(result, value);
        }

        return result;
    }

    /// <summary>Checks the requested values against the firmware's hard bounds before anything is sent.</summary>
    public void CheckBounds()
    {
        var probe = ApplyTo(new ChamberSettings());
        Check(probe, "check the value (docs/flashing.md lists the bounds)");
    }

    /// <summary>Throws naming the first field outside its hard bounds (the same check the device runs).</summary>
    public static void Check(ChamberSettings settings, string next)
    {
        if (!SafetySettingsValidator.Validate(settings, out SettingsField bad))
        {
            throw new ProvisioningFailure("setting " + SettingsFieldInfo.Of(bad).OutOfBounds(settings), next, ProvisioningExitCodes.Usage);
        }
    }

    private static SettingsFieldInfo? Find(string name)
    {
        foreach (var field in SettingsFieldInfo.All)
        {
            if (string.Equals(field.JsonName, name, StringComparison.OrdinalIgnoreCase))
            {
                return field;
            }
        }

        return null;
    }

    private static IEnumerable<string> AllNames()
    {
        foreach (var field in SettingsFieldInfo.All)
        {
            yield return field.JsonName + " (" + field.Min.ToString(CultureInfo.InvariantCulture) + ".." + field.Max.ToString(CultureInfo.InvariantCulture) + ")";
        }
    }
}
