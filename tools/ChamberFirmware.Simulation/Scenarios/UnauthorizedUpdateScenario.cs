using System;
using System.Collections.Generic;
using System.Linq;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Hal.Storage;
using ChamberFirmware.Simulation.Console;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Report;

namespace ChamberFirmware.Simulation.Scenarios;

/// <summary>
/// The incident's other half: an "update access point" used without authorisation. A bound,
/// legitimate console is connected; an attacker without the key tries every way to change the
/// configuration or the key over the link.
/// </summary>
public sealed class UnauthorizedUpdateScenario : Scenario
{
    public override string Name => "unauthorized-update";

    public override string Description => "forged and unauthenticated settings, provisioning and factory-key frames while a console is bound";

    public override IReadOnlyList<string> PassCriteria =>
    [
        "every attempt (unauthenticated SetSettings, forged SetSettings, forged ProvisionBegin/LinkKey/Commit, tampered genuine frame, FactoryProvision with the jumper fitted, handshake with a wrong key) gets no Ok",
        "the stored configuration is byte-for-byte unchanged",
        "the settings in force are unchanged",
        "the legitimate console still connects with the original key and the attacker's key opens no session",
    ];

    public override IReadOnlyList<CriterionResult> Run(ChamberSimulation simulation)
    {
        ScenarioScript.StartTreatment(simulation, ScenarioScript.StandardProfile(durationMilliseconds: 60_000));
        simulation.AdvanceMilliseconds(2_000);
        simulation.Stop();
        simulation.AdvanceMilliseconds(200);
        byte[] storedBefore = Snapshot(simulation.Storage);
        long timeoutBefore = simulation.Firmware.Supervisor.LinkTimeoutMicroseconds;

        var attacker = new AttackFrames(simulation.Seed ^ 0x5A5A);
        var loose = new ChamberSettings { LinkTimeoutMilliseconds = 2_000, OverTemperatureCentiCelsius = 4300, RearmHeartbeats = 1 };
        byte[] settings = new byte[LinkPayloads.SettingsSize];
        LinkPayloads.WriteSettings(loose, settings, 0);
        byte[] newKey = attacker.Bytes(LinkProtocol.DeviceKeySize);

        var attempts = new List<(string What, ConsoleReply Reply)>
        {
            ("unauthenticated SetSettings", simulation.SendRaw(AttackFrames.Unauthenticated(LinkMessageType.SetSettings, settings), "attack: unauthenticated SetSettings")),
            ("forged SetSettings", simulation.SendRaw(attacker.Forged(LinkMessageType.SetSettings, settings), "attack: forged SetSettings")),
            ("forged ProvisionBegin", simulation.SendRaw(attacker.Forged(LinkMessageType.ProvisionBegin, []), "attack: forged ProvisionBegin")),
            ("forged ProvisionLinkKey", simulation.SendRaw(attacker.Forged(LinkMessageType.ProvisionLinkKey, newKey), "attack: forged ProvisionLinkKey")),
            ("forged ProvisionSettings", simulation.SendRaw(attacker.Forged(LinkMessageType.ProvisionSettings, settings), "attack: forged ProvisionSettings")),
            ("forged ProvisionCommit", simulation.SendRaw(attacker.Forged(LinkMessageType.ProvisionCommit, []), "attack: forged ProvisionCommit")),
        };

        // A genuine frame of the bound session, changed in flight into a provisioning request.
        simulation.GetStatus();
        byte[] tampered = simulation.Console.LastSentFrame;
        tampered[LinkProtocol.OffsetType] = (byte)LinkMessageType.ProvisionBegin;
        tampered[LinkProtocol.OffsetSequence] += 1;
        attempts.Add(("tampered genuine frame", simulation.SendRaw(tampered, "attack: genuine GetStatus turned into ProvisionBegin")));

        // Physical-presence path on a keyed device: the jumper does nothing once a key is installed.
        simulation.Board.ProvisioningJumperFitted = true;
        attempts.Add(("FactoryProvision with the jumper fitted", simulation.SendRaw(AttackFrames.FactoryProvision(newKey), "attack: FactoryProvision on a keyed device")));
        simulation.Board.ProvisioningJumperFitted = false;
        simulation.AdvanceMilliseconds(100);

        // A whole handshake with the wrong key: the device's challenge does not verify, no confirm is possible.
        var impostor = new SimConsole(simulation.Firmware, attacker.WrongKey, new ChamberFirmware.ConsoleLink.Client.SeededNonceSource(simulation.Seed ^ 0x3C3C));
        ConsoleReply impostorConnect = impostor.Connect();
        attempts.Add(("handshake with a wrong key", impostorConnect));
        simulation.AdvanceMilliseconds(500);

        var accepted = attempts.Where(a => a.Reply.IsOk).Select(a => a.What).ToList();
        bool storeSame = Snapshot(simulation.Storage).AsSpan().SequenceEqual(storedBefore);
        long timeoutAfter = simulation.Firmware.Supervisor.LinkTimeoutMicroseconds;
        ConsoleReply reconnect = simulation.Connect();
        return
        [
            ScenarioScript.Criterion("every attempt refused", accepted.Count == 0,
                string.Join("; ", attempts.Select(a => $"{a.What}: {a.Reply}"))),
            ScenarioScript.Criterion("stored configuration unchanged", storeSame, storeSame ? "both slots identical" : "the store changed"),
            ScenarioScript.Criterion("settings in force unchanged", timeoutAfter == timeoutBefore, $"link timeout {timeoutBefore / 1000} ms → {timeoutAfter / 1000} ms"),
            ScenarioScript.Criterion("attacker has no session", !impostor.IsConnected, impostor.IsConnected ? "impostor bound" : "impostor not bound"),
            ScenarioScript.Criterion("legitimate console still connects", reconnect.IsOk, $"reconnect: {reconnect}"),
            ScenarioScript.EndsIn(simulation, ChamberState.Completed),
        ];
    }

    private static byte[] Snapshot(INonVolatileStorage storage)
    {
        var all = new List<byte>();
        var buffer = new byte[storage.SlotCapacity];
        for (int slot = 0; slot < storage.SlotCount; slot++)
        {
            storage.Read(slot, buffer, 0, buffer.Length, out int length);
            all.Add((byte)slot);
            all.AddRange(buffer.AsSpan(0, length).ToArray());
        }

        return all.ToArray();
    }
}
