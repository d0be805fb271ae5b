using System;
using System.Collections.Generic;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Scenarios;
using Xunit;

namespace ChamberFirmware.Simulation.Tests.Engine;

public sealed class ChamberSimulationTests
{
    [Fact]
    public void Stepping_an_active_treatment_allocates_nothing_after_warm_up()
    {
        var simulation = new ChamberSimulation(new SimulationSetup { Seed = 8 });
        ScenarioScript.StartTreatment(simulation, ScenarioScript.StandardProfile(durationMilliseconds: 600_000));
        simulation.AdvanceMilliseconds(15_000);
        Assert.Equal(ChamberState.Active, simulation.State);

        long before = GC.GetAllocatedBytesForCurrentThread();
        simulation.AdvanceMilliseconds(2_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Advance_returns_ground_truth_samples_next_to_the_firmware_view()
    {
        var simulation = new ChamberSimulation(new SimulationSetup { Seed = 8 });
        ScenarioScript.StartTreatment(simulation, ScenarioScript.StandardProfile());
        var samples = new List<TraceSample>();
        simulation.AdvanceMilliseconds(5_000, samples, sampleEveryMilliseconds: 10);

        Assert.Equal(500, samples.Count);
        Assert.All(samples, s => Assert.Equal(ChamberState.Active, s.State));
        Assert.Contains(samples, s => s.PoweredEmitterMask != 0 && s.BankPowered);
        Assert.All(samples, s => Assert.InRange(s.LinkAgeMilliseconds, 0, 60));
        Assert.All(samples, s => Assert.Equal(50_000, s.CountLimit));
        var last = samples[^1];
        Assert.InRange(last.MeasuredCount, last.TrueCount * 99 / 100, last.TrueCount * 101 / 100);
    }

    [Fact]
    public void Reset_with_the_same_seed_replays_the_same_chamber()
    {
        var simulation = new ChamberSimulation(new SimulationSetup { Seed = 1 });
        simulation.AdvanceMilliseconds(3_000);
        var first = simulation.Observe();
        simulation.Reset(1);
        simulation.AdvanceMilliseconds(3_000);

        Assert.Equal(first, simulation.Observe());
        simulation.Reset(2);
        simulation.AdvanceMilliseconds(3_000);
        Assert.NotEqual(first, simulation.Observe());
    }

    [Fact]
    public void Faults_are_named_as_the_cli_and_the_hil_adapter_give_them()
    {
        Assert.Equal("emitter-stuck-on:3", SimulatedFault.Parse("emitter-stuck-on:3").Name);
        Assert.Equal("counter-nack", SimulatedFault.Parse("Counter-NACK").Name);
        Assert.Contains("rogue-replication", SimulatedFault.KnownNames);
        var unknown = Assert.Throws<ArgumentException>(() => SimulatedFault.Parse("counter-melts"));
        Assert.Contains("known:", unknown.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedFault.Parse("emitter-stuck-on:9"));
    }

    [Fact]
    public void A_factory_fresh_device_refuses_the_console_and_any_first_key_without_the_jumper()
    {
        var simulation = new ChamberSimulation(new SimulationSetup { Provisioning = ProvisioningMode.FactoryFresh });
        Assert.Equal(0, simulation.LinkKey.Length);
        var key = new byte[32];
        key[0] = 1;
        simulation.Console.SetKey(key);

        Assert.Equal(CommandResult.NotProvisioned, simulation.Connect().Result);
        Assert.Equal(CommandResult.ProvisioningRefused,
            simulation.SendRaw(AttackFrames.FactoryProvision(key), "factory provision without jumper").Result);
        Assert.False(simulation.Console.IsConnected);
    }

    [Fact]
    public void A_factory_fresh_device_takes_a_first_key_with_the_jumper()
    {
        var simulation = new ChamberSimulation(new SimulationSetup { Provisioning = ProvisioningMode.FactoryFresh });
        Assert.Equal(0, simulation.LinkKey.Length);
        var factoryKey = new byte[32];
        factoryKey[0] = 1;
        var finalKey = new byte[32];
        finalKey[31] = 7;
        simulation.Console.SetKey(factoryKey);

        Assert.Equal(CommandResult.NotProvisioned, simulation.Connect().Result);
        Assert.Equal(CommandResult.ProvisioningRefused, simulation.SendRaw(AttackFrames.FactoryProvision(factoryKey), "factory provision without jumper").Result);

        // Jumper fitted: the factory key is installed in RAM only and opens one provisioning session.
        simulation.Board.ProvisioningJumperFitted = true;
        Assert.True(simulation.SendRaw(AttackFrames.FactoryProvision(factoryKey), "factory provision").IsOk);
        Assert.True(simulation.Connect().IsOk);
        Assert.Equal(CommandResult.NotProvisioned, simulation.Arm(ScenarioScript.StandardProfile()).Result); // provisioning only

        // Identity, the final key and settings staged and committed together in that one session.
        Assert.True(simulation.Console.Command(LinkMessageType.ProvisionBegin, ReadOnlySpan<byte>.Empty).IsOk);
        Assert.True(simulation.Console.Command(LinkMessageType.ProvisionIdentity, Identity("SIM-0042", "R2")).IsOk);
        Assert.True(simulation.Console.Command(LinkMessageType.ProvisionLinkKey, finalKey).IsOk);
        var settings = new byte[LinkPayloads.SettingsSize];
        LinkPayloads.WriteSettings(new ChamberSettings { LinkTimeoutMilliseconds = 300 }, settings, 0);
        Assert.True(simulation.Console.Command(LinkMessageType.ProvisionSettings, settings).IsOk);
        Assert.True(simulation.Console.Command(LinkMessageType.ProvisionCommit, ReadOnlySpan<byte>.Empty).IsOk);

        // Power cycle without the jumper: the factory key is gone, the committed key works, and the
        // chamber arms (so it is provisioned, with the committed settings in force).
        simulation.Board.ProvisioningJumperFitted = false;
        simulation.Reboot();
        Assert.False(simulation.Connect().IsOk); // the factory key is gone with the RAM
        Assert.False(simulation.Console.IsConnected);
        simulation.Console.SetKey(finalKey);
        Assert.True(simulation.Connect().IsOk);
        Assert.Equal(300_000, simulation.Firmware.Supervisor.LinkTimeoutMicroseconds);
        simulation.SetHeartbeats(true);
        simulation.AdvanceMilliseconds(300);
        Assert.True(simulation.Arm(ScenarioScript.StandardProfile()).IsOk);
        Assert.True(simulation.AdvanceUntil(s => s.State == ChamberState.Armed, 1_000), simulation.State.ToString());
    }

    private static byte[] Identity(string serial, string revision)
    {
        byte[] payload = new byte[2 + serial.Length + revision.Length];
        payload[0] = (byte)serial.Length;
        System.Text.Encoding.ASCII.GetBytes(serial).CopyTo(payload, 1);
        payload[1 + serial.Length] = (byte)revision.Length;
        System.Text.Encoding.ASCII.GetBytes(revision).CopyTo(payload, 2 + serial.Length);
        return payload;
    }
}
