using System;
using ChamberFirmware.Core.Treatment;

namespace ChamberCtl.Hil;

/// <summary>
/// The seam between the HIL runner and what it tests: the in-process simulator (--target sim),
/// a simulator or rig over TCP, or the rig board over serial. Nothing here sleeps on the host:
/// a simulated target advances virtual time, a rig target waits in its own real time.
/// Methods return results; transport failures (rig gone, garbled answer) throw
/// <see cref="HilTargetException"/>, which the runner reports as an error of the scenario.
/// </summary>
internal interface IHilTarget : IDisposable
{
    /// <summary>What this target is, for reports ("simulator", "rig on /dev/ttyACM0 (rig fw 1.2)").</summary>
    string Description { get; }

    /// <summary>
    /// Power-cycles the controller to a fresh provisioned Idle state with default settings, clears
    /// every injected condition, seeds the plant and sensor noise, and stores the profile the
    /// console will send on Arm (null: the rig's default profile). Target time restarts at 0.
    /// </summary>
    void Reset(int seed, TreatmentProfile? profile);

    void Inject(HilCondition condition);

    HilConsoleResult Console(HilConsoleAction action);

    /// <summary>Lets <paramref name="milliseconds"/> of target time pass, recording every sample taken into the sink.</summary>
    void Advance(int milliseconds, IHilTraceSink sink);

    /// <summary>The current observation (no time passes on a simulated target).</summary>
    HilObservation Observe();
}
