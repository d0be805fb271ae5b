using System;
using ChamberFirmware.Fuzz.Targets;

namespace ChamberFirmware.Fuzz.Harness;

/// <summary>Every fuzz target, one per decoder that reads bytes from outside (docs/security.md, "Fuzzing").</summary>
public static class FuzzTargets
{
    public static readonly string[] Names =
    {
        "link-frames", "link-stream", "link-payloads", "console-replies", "config-record", "settings", "diagnostics",
        "rig-replies", "rig-commands", "bundle-manifest", "bundle-zip", "hil-yaml", "hil-json", "key-files",
    };

    /// <summary>A new instance of the named target (some hold a scratch folder: dispose them).</summary>
    public static IFuzzTarget Create(string name) => name switch
    {
        "link-frames" => new LinkFramesTarget(),
        "link-stream" => new LinkStreamTarget(),
        "link-payloads" => new LinkPayloadsTarget(),
        "console-replies" => new ConsoleRepliesTarget(),
        "config-record" => new ConfigRecordTarget(),
        "settings" => new SettingsTarget(),
        "diagnostics" => new DiagnosticsTarget(),
        "rig-replies" => new RigRepliesTarget(),
        "rig-commands" => new RigCommandsTarget(),
        "bundle-manifest" => new BundleManifestTarget(),
        "bundle-zip" => new BundleZipTarget(),
        "hil-yaml" => new HilScenarioTarget(json: false),
        "hil-json" => new HilScenarioTarget(json: true),
        "key-files" => new KeyFilesTarget(),
        _ => throw new ArgumentException("unknown fuzz target '" + name + "'; targets: " + string.Join(", ", Names), nameof(name)),
    };
}
