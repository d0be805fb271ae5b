using System;
using System.Linq;
using ChamberCtl.Hil;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Hil;

public class RigProtocolTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private static RigProtocolTarget Connect(RigEmulatorStream rig) => RigProtocolTarget.Connect(new RigLineChannel(rig, "test-rig"), "test-rig", Timeout);

    [Theory]
    [InlineData("link-loss")]
    [InlineData("firmware-hang")]
    [InlineData("sensor-crc")]
    [InlineData("emitter-stuck-on")]
    [InlineData("unauthorized-update")]
    public void A_repository_scenario_gives_the_same_result_through_the_rig_protocol(string name)
    {
        var path = HilTestData.RepositoryScenarios().Single(f => System.IO.Path.GetFileNameWithoutExtension(f) == name);
        var errors = new System.Collections.Generic.List<HilScenarioError>();
        var file = HilScenarioLoader.LoadFile(path, errors)!;
        using var direct = new FakeChamberTarget();
        var rig = new RigEmulatorStream(new FakeChamberTarget());
        using var target = Connect(rig);

        var expected = new HilRunner(direct).RunFile(file).Scenarios;
        var actual = new HilRunner(target).RunFile(file).Scenarios;

        Assert.Equal("rig on test-rig (fake-rig 0.1)", target.Description);
        Assert.Equal(expected.Select(r => r.Outcome), actual.Select(r => r.Outcome));
        Assert.All(actual, r => Assert.Equal(HilOutcome.Passed, r.Outcome));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Trace.Samples, actual[i].Trace.Samples);
        }
    }

    [Fact]
    public void Every_condition_has_its_documented_command_line()
    {
        Assert.Equal("INJECT SENSOR counter nack 200", RigProtocolTarget.InjectLine(new HilCondition(HilConditionKind.SensorNack) { Part = HilSensorPart.Counter, ForMilliseconds = 200 }));
        Assert.Equal("INJECT SENSOR temperature stuck 0", RigProtocolTarget.InjectLine(new HilCondition(HilConditionKind.SensorStuck) { Part = HilSensorPart.Temperature }));
        Assert.Equal("INJECT SENSOR counter crc 0", RigProtocolTarget.InjectLine(new HilCondition(HilConditionKind.SensorCrc)));
        Assert.Equal("INJECT EMITTER 3 stuck-on 0", RigProtocolTarget.InjectLine(new HilCondition(HilConditionKind.EmitterStuckOn) { Channel = 3 }));
        Assert.Equal("INJECT EMITTER 7 stuck-off 50", RigProtocolTarget.InjectLine(new HilCondition(HilConditionKind.EmitterStuckOff) { Channel = 7, ForMilliseconds = 50 }));
        Assert.Equal("INJECT HANG 300", RigProtocolTarget.InjectLine(new HilCondition(HilConditionKind.FirmwareHang) { ForMilliseconds = 300 }));
        Assert.Equal("INJECT LINK drop", RigProtocolTarget.InjectLine(new HilCondition(HilConditionKind.LinkDrop)));
        Assert.Equal("INJECT LINK restore", RigProtocolTarget.InjectLine(new HilCondition(HilConditionKind.LinkRestore)));
        Assert.Equal("INJECT ROGUE on 2000", RigProtocolTarget.InjectLine(new HilCondition(HilConditionKind.RogueOn) { GrowthPermillePerSecond = 2000 }));
        Assert.Equal("INJECT ROGUE off", RigProtocolTarget.InjectLine(new HilCondition(HilConditionKind.RogueOff)));
        Assert.Equal("INJECT TEMP 4450", RigProtocolTarget.InjectLine(new HilCondition(HilConditionKind.Temperature) { TemperatureCentiCelsius = 4450 }));
        Assert.Equal("INJECT FRAME replayed-clear", RigProtocolTarget.InjectLine(new HilCondition(HilConditionKind.Frame) { Frame = HilFrameKind.ReplayedClear }));
    }

    [Fact]
    public void A_sample_line_round_trips()
    {
        var sample = new HilObservation
        {
            TimeMicroseconds = 1_234_000, State = ChamberFirmware.Core.Treatment.ChamberState.SafeStop,
            LatchedReasons = ChamberFirmware.Core.Safety.CutReasons.LinkLost | ChamberFirmware.Core.Safety.CutReasons.Overcount,
            LastCutReasons = ChamberFirmware.Core.Safety.CutReasons.LinkLost, Count = 4_999_999, CountLimit = 5_000_000, EmittersPoweredMask = 0x88,
            InterlockPowered = true, LinkAgeMilliseconds = int.MaxValue, TemperatureCentiCelsius = -150, LastLinkReject = ChamberFirmware.Core.Link.LinkRejectReason.Replayed,
            ConfigurationFingerprint = 0x1234_5678_9ABC,
        };

        var line = RigSampleFormat.Format(sample);

        Assert.Equal("S t=1234000 st=SafeStop latched=9 last=8 n=4999999 lim=5000000 em=88 il=1 age=2147483647 temp=-150 rej=Replayed cfg=123456789ABC", line);
        Assert.Equal(sample, RigSampleFormat.Parse(line));
        Assert.Equal(sample, RigSampleFormat.Parse(line + " future=42"));
    }

    [Fact]
    public void A_rig_speaking_another_protocol_version_is_refused()
    {
        var rig = new RigEmulatorStream(new FakeChamberTarget()) { Version = 2 };

        var e = Assert.Throws<HilTargetException>(() => Connect(rig));

        Assert.Equal("rig on test-rig speaks protocol version 2; this chamberctl speaks 1", e.Message);
    }

    [Fact]
    public void An_err_answer_becomes_a_target_error_naming_the_command()
    {
        var rig = new RigEmulatorStream(new FakeChamberTarget()) { InjectAnswer = "ERR busy sensor emulation not ready" };
        using var target = Connect(rig);
        target.Reset(1, null);

        var e = Assert.Throws<HilTargetException>(() => target.Inject(new HilCondition(HilConditionKind.LinkDrop)));

        Assert.Equal("rig refused 'INJECT LINK drop': busy sensor emulation not ready", e.Message);
    }

    [Fact]
    public void A_garbled_sample_becomes_a_target_error()
    {
        var rig = new RigEmulatorStream(new FakeChamberTarget()) { ExtraAdvanceLine = "S t=5 st=Exploded" };
        using var target = Connect(rig);
        target.Reset(1, null);

        var e = Assert.Throws<HilTargetException>(() => target.Advance(1, new HilTrace()));

        Assert.StartsWith("rig sent an unreadable sample (st=Exploded is not one of Idle, Armed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rig_that_stops_answering_times_out_instead_of_hanging()
    {
        var rig = new RigEmulatorStream(new FakeChamberTarget()) { SilentAfterHello = true };
        using var target = RigProtocolTarget.Connect(new RigLineChannel(rig, "test-rig"), "test-rig", TimeSpan.FromMilliseconds(20));

        var e = Assert.Throws<HilTargetException>(() => target.Reset(1, null));

        Assert.Equal("test-rig did not answer within 20 ms", e.Message);
    }

    [Fact]
    public void The_runner_sends_reset_then_the_profile_then_the_steps()
    {
        var rig = new RigEmulatorStream(new FakeChamberTarget());
        using (var target = Connect(rig))
        {
            target.Reset(7, FakeChamberTarget.DefaultProfile());
            Assert.Equal(HilConsoleResult.Of(ChamberFirmware.Core.Control.CommandResult.LinkNotHealthy), target.Console(HilConsoleAction.Arm));
            target.Inject(new HilCondition(HilConditionKind.LinkDrop));
            Assert.Equal(HilConsoleResult.NoAnswer, target.Console(HilConsoleAction.Arm));
        }

        Assert.Equal(["HELLO 1", "RESET 7", "PROFILE 300000 1000000 200 10000 4 4", "CONSOLE arm", "INJECT LINK drop", "CONSOLE arm", "BYE"], rig.Received);
    }
}
