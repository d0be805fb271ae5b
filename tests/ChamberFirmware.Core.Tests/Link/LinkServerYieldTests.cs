using System;
using System.Collections.Generic;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Tests.Runtime;
using Xunit;

namespace ChamberFirmware.Core.Tests.Link;

/// <summary>
/// The link's long work gives way (docs/safety.md, "The supervisor is never starved"): with a
/// scheduler attached, the bound session yields after every 64-byte block of a tag and after every
/// key derivation, and the server after keying and after a configuration commit; the frames and
/// their answers are byte for byte those of a server without one.
/// </summary>
public sealed class LinkServerYieldTests
{
    [Fact]
    public void Yielding_changes_no_frame_the_device_sends()
    {
        var plain = new LinkTestRig();
        var paced = new LinkTestRig();
        paced.Server.AttachScheduler(new RecordingScheduler());

        var plainConsole = new TestConsole(LinkTestRig.DeviceKey, 21);
        var pacedConsole = new TestConsole(LinkTestRig.DeviceKey, 21);
        byte[] challenge = plain.Send(plainConsole.Hello());
        Assert.Equal(challenge, paced.Send(pacedConsole.Hello()));
        Assert.True(plainConsole.AcceptChallenge(challenge));
        Assert.True(pacedConsole.AcceptChallenge(challenge));
        Assert.Equal(plain.Send(plainConsole.Frame(LinkMessageType.SessionConfirm)), paced.Send(pacedConsole.Frame(LinkMessageType.SessionConfirm)));
        foreach (LinkMessageType type in new[] { LinkMessageType.Heartbeat, LinkMessageType.GetStatus, LinkMessageType.Heartbeat, LinkMessageType.GetIdentity })
        {
            Assert.Equal(plain.Send(plainConsole.Frame(type)), paced.Send(pacedConsole.Frame(type)));
        }

        byte[] plainTelemetry = new byte[LinkProtocol.MaxFrameSize];
        byte[] pacedTelemetry = new byte[LinkProtocol.MaxFrameSize];
        Assert.Equal(plain.Server.BuildTelemetryFrame(plainTelemetry, 0), paced.Server.BuildTelemetryFrame(pacedTelemetry, 0));
        Assert.Equal(plainTelemetry, pacedTelemetry);
    }

    [Fact]
    public void No_stretch_of_session_work_between_two_yields_spends_more_than_three_compressions()
    {
        var rig = new LinkTestRig();
        var chunks = new List<long>();
        var scheduler = new RecordingScheduler();
        long last = 0;
        scheduler.OnYield = () =>
        {
            long now = rig.Server.BoundSessionCompressions;
            chunks.Add(now - last);
            last = now;
        };
        TestConsole console = rig.Connect();
        rig.Server.AttachScheduler(scheduler);
        last = rig.Server.BoundSessionCompressions;

        rig.Send(console.Frame(LinkMessageType.Heartbeat));
        rig.Send(console.Frame(LinkMessageType.GetStatus));
        rig.Send(console.Frame(LinkMessageType.GetIdentity));
        rig.Server.BuildTelemetryFrame(new byte[LinkProtocol.MaxFrameSize], 0);

        // A heartbeat's tag is 2 compressions; a status response (66 bytes) 1 + 2; a telemetry
        // frame (58 bytes: one message block, padding in a second) 3 in one Finish.
        Assert.NotEmpty(chunks);
        Assert.All(chunks, c => Assert.InRange(c, 0, 3));
        Assert.Equal(2 + 2 + 1 + 2, Sum(chunks, 0, 4));
    }

    [Fact]
    public void A_hello_gives_way_after_each_key_derivation_and_keying_and_after_its_challenge_tag()
    {
        var rig = new LinkTestRig();
        var scheduler = new RecordingScheduler();
        rig.Server.AttachScheduler(scheduler);
        var console = new TestConsole(LinkTestRig.DeviceKey, 23);

        byte[] challenge = rig.Send(console.Hello());

        Assert.True(console.AcceptChallenge(challenge));
        Assert.Equal(5, scheduler.Yields);
    }

    [Fact]
    public void A_provisioning_commit_gives_way_between_its_steps_and_after_keying_the_new_key()
    {
        var rig = new LinkTestRig();
        TestConsole console = rig.Connect();
        var scheduler = new RecordingScheduler();
        rig.Server.AttachScheduler(scheduler);
        rig.Send(console.Frame(LinkMessageType.ProvisionBegin));
        rig.Send(console.Frame(LinkMessageType.ProvisionLinkKey, LinkTestRig.CreateKey(8)));
        int before = scheduler.Yields;

        var (result, _, _, _) = console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionCommit)));

        Assert.Equal(Core.Control.CommandResult.Ok, result);

        // Verify (1), after the commit (1), after keying the device MAC (1), the response tag (1).
        Assert.Equal(4, scheduler.Yields - before);
    }

    [Fact]
    public void A_configuration_commit_yields_after_encoding_writing_and_reading_back_and_stores_the_same_bytes()
    {
        var plainStorage = new Hal.Simulated.Storage.SimulatedNonVolatileStorage(2, ConfigRecordCodec.MaxEncodedLength);
        var pacedStorage = new Hal.Simulated.Storage.SimulatedNonVolatileStorage(2, ConfigRecordCodec.MaxEncodedLength);
        var plain = new ConfigStore(plainStorage);
        var paced = new ConfigStore(pacedStorage);
        var scheduler = new RecordingScheduler();
        paced.AttachScheduler(scheduler);
        plain.Load();
        paced.Load();

        Assert.Equal(ConfigCommitStatus.Ok, plain.Commit(Config.ConfigFixtures.Record()));
        Assert.Equal(ConfigCommitStatus.Ok, paced.Commit(Config.ConfigFixtures.Record()));

        Assert.Equal(3, scheduler.Yields);
        Assert.Equal(plainStorage.Snapshot(plain.ActiveSlot), pacedStorage.Snapshot(paced.ActiveSlot));
    }

    private static long Sum(List<long> values, int from, int count)
    {
        long sum = 0;
        for (int i = from; i < from + count; i++)
        {
            sum += values[i];
        }

        return sum;
    }
}
