using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Tests.Safety;
using ChamberFirmware.Core.Treatment;

namespace ChamberFirmware.Core.Tests.Treatment;

/// <summary>Provisioning state a test can flip.</summary>
internal sealed class FakeProvisioning : IProvisioningState
{
    public bool IsProvisioned { get; set; } = true;
}

/// <summary>
/// The controller and supervisor wired as the runtime will: the control loop (controller.Tick)
/// runs before each supervisor tick; optionally a crude plant where each active channel adds
/// growth and the chamber decays without emitters.
/// </summary>
internal sealed class ChamberRig
{
    public ChamberRig(ChamberSettings? settings = null)
    {
        Rig = new SupervisorRig(settings);
        Controller = new TreatmentController(Rig.Supervisor, Provisioning);
        Rig.BeforeTick = now => Controller.Tick(now);
    }

    public SupervisorRig Rig { get; }
    public FakeProvisioning Provisioning { get; } = new();
    public TreatmentController Controller { get; }
    public bool PlantOn { get; set; }
    private double _plantCount;

    public long Now => Rig.Now;

    public static TreatmentProfile Profile() => new()
    {
        TargetCount = 20_000,
        CountLimit = 40_000,
        GrowthLimitPermillePerSecond = 400,
        DurationMilliseconds = 60_000,
        RampChannelsPerSecond = 4,
        MaxActiveChannels = 6,
    };

    public SupervisorOutputs Step()
    {
        if (PlantOn)
        {
            if (_plantCount == 0) _plantCount = Rig.Count;
            int channels = System.Numerics.BitOperations.PopCount((uint)Rig.LineMask);
            double ratePerSecond = channels * 0.05 - 0.1; // 2 channels hold, each more +5 %/s
            _plantCount *= 1 + ratePerSecond / 100; // 10 ms step
            Rig.Count = (int)_plantCount;
        }

        return Rig.Step();
    }

    public void Steps(int n)
    {
        for (int i = 0; i < n; i++) Step();
    }

    public ChamberRig Warm()
    {
        Steps(30);
        return this;
    }

    /// <summary>Arm and run the self-test; asserts the session reaches Armed.</summary>
    public ChamberRig ArmAndWait(TreatmentProfile? profile = null)
    {
        CommandResult result = Controller.Arm(profile ?? Profile(), Now, out ProfileField field);
        if (result != CommandResult.Ok) throw new System.InvalidOperationException($"arm: {result} {field}");
        for (int i = 0; i < 20 && Controller.IsArming; i++) Step();
        if (Controller.State != ChamberState.Armed) throw new System.InvalidOperationException($"not armed: {Controller.State}");
        return this;
    }

    public ChamberRig StartActive(TreatmentProfile? profile = null)
    {
        ArmAndWait(profile);
        if (Controller.Start(Now) != CommandResult.Ok) throw new System.InvalidOperationException("start refused");
        return this;
    }
}
