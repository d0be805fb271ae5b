using System.Collections.Generic;

namespace ChamberCtl.Hil;

/// <summary>
/// The scenario schema's closed vocabularies: every key and every condition name a scenario file
/// may use. docs/hil.md documents exactly these; the loader rejects anything else by name.
/// </summary>
internal static class HilVocabulary
{
    public static readonly string[] ScenarioKeys = ["name", "description", "seed", "profile", "steps"];

    public static readonly string[] ProfileKeys =
    [
        "target_count", "count_limit", "growth_limit_permille_per_second", "duration_ms", "ramp_channels_per_second", "max_active_channels",
    ];

    public static readonly string[] StepActionKeys = ["inject", "console", "wait_ms", "wait_until", "expect"];

    /// <summary>Keys a step may carry besides its one action key.</summary>
    public static readonly string[] StepExtraKeys = ["result", "note"];

    public static readonly string[] InjectPrimaryKeys = ["fault", "link", "rogue", "temperature_c", "frame"];

    public static readonly IReadOnlyDictionary<string, HilConditionKind> Faults = new Dictionary<string, HilConditionKind>
    {
        ["sensor-nack"] = HilConditionKind.SensorNack,
        ["sensor-stuck"] = HilConditionKind.SensorStuck,
        ["sensor-crc"] = HilConditionKind.SensorCrc,
        ["emitter-stuck-on"] = HilConditionKind.EmitterStuckOn,
        ["emitter-stuck-off"] = HilConditionKind.EmitterStuckOff,
        ["firmware-hang"] = HilConditionKind.FirmwareHang,
    };

    public static readonly IReadOnlyDictionary<string, HilSensorPart> Parts = new Dictionary<string, HilSensorPart>
    {
        ["counter"] = HilSensorPart.Counter,
        ["temperature"] = HilSensorPart.Temperature,
    };

    public static readonly IReadOnlyDictionary<string, HilConditionKind> LinkActions = new Dictionary<string, HilConditionKind>
    {
        ["drop"] = HilConditionKind.LinkDrop,
        ["restore"] = HilConditionKind.LinkRestore,
    };

    public static readonly IReadOnlyDictionary<string, HilFrameKind> Frames = new Dictionary<string, HilFrameKind>
    {
        ["forged-config"] = HilFrameKind.ForgedConfig,
        ["unauthenticated-config"] = HilFrameKind.UnauthenticatedConfig,
        ["forged-update"] = HilFrameKind.ForgedUpdate,
        ["unauthenticated-update"] = HilFrameKind.UnauthenticatedUpdate,
        ["forged-provisioning"] = HilFrameKind.ForgedProvisioning,
        ["replayed-heartbeat"] = HilFrameKind.ReplayedHeartbeat,
        ["replayed-start"] = HilFrameKind.ReplayedStart,
        ["replayed-clear"] = HilFrameKind.ReplayedClear,
        ["malformed"] = HilFrameKind.Malformed,
    };

    public static readonly IReadOnlyDictionary<string, HilConsoleAction> ConsoleCommands = new Dictionary<string, HilConsoleAction>
    {
        ["arm"] = HilConsoleAction.Arm,
        ["start"] = HilConsoleAction.Start,
        ["stop"] = HilConsoleAction.Stop,
        ["clear"] = HilConsoleAction.Clear,
    };

    public static readonly string[] WaitUntilKeys = ["state", "cut", "within_ms"];

    public static readonly string[] ExpectPrimaryKeys =
    [
        "state", "cut", "never_cut", "frame_rejected", "emitters_off_within_ms", "emitters_on_within_ms", "emitters_stay_off_ms", "max_count_below", "configuration_unchanged",
    ];

    /// <summary>Primary expect keys that accept a within_ms window.</summary>
    public static readonly string[] WindowedExpectKeys = ["state", "cut", "frame_rejected"];

    /// <summary>Default rogue growth when a scenario says only <c>rogue: on</c>: far beyond any allowed growth limit.</summary>
    public const int DefaultRogueGrowthPermillePerSecond = 2000;

    public const int MaxWaitMilliseconds = 3_600_000;

    public const int HeartbeatPeriodMilliseconds = 100;
}
