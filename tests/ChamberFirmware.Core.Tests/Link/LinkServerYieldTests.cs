using System;
using System.Collections.Generic;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Tests.Runtime;
using Xunit;

namespace ChamberFirmware.Core.Tests.Link;

/// <summary>
/// The link's long work gives way (docs/safety.md, "The supervisor is never starved"): with a
/// scheduler attached, every managed HMAC of the link (the device key's, both sessions') yields
/// after each SHA-256 compression, and the server after a configuration commit; the frames and
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
    public void No_stretch_of_link_work_between_two_yields_spends_more_than_one_compression()
    {
        var rig = new LinkTestRig();
        var chunks = new List<long>();
        var scheduler = new RecordingScheduler();
        long last = 0;
        scheduler.OnYield = () =>
        {
            long now = rig.Server.CompressionCount;
            chunks.Add(now - last);
            last = now;
        };
        rig.Server.AttachScheduler(scheduler);
        last = rig.Server.CompressionCount;

        TestConsole console = rig.Connect();
        rig.Send(console.Frame(LinkMessageType.Heartbeat));
        rig.Send(console.Frame(LinkMessageType.GetStatus));
        rig.Send(console.Frame(LinkMessageType.GetIdentity));
        rig.Server.BuildTelemetryFrame(new byte[LinkProtocol.MaxFrameSize], 0);
        rig.Send(console.Frame(LinkMessageType.ProvisionBegin));
        rig.Send(console.Frame(LinkMessageType.ProvisionLinkKey, LinkTestRig.CreateKey(8)));
        rig.Send(console.Frame(LinkMessageType.ProvisionCommit));

        Assert.All(chunks, c => Assert.InRange(c, 0, 1));
        Assert.Equal(rig.Server.CompressionCount, last); // no compression after the last yield
        Assert.True(chunks.Count > 30, chunks.Count + " yields");
    }

    [Fact]
    public void A_hello_yields_after_each_of_its_compressions()
    {
        var rig = new LinkTestRig();
        var scheduler = new RecordingScheduler();
        rig.Server.AttachScheduler(scheduler);
        var console = new TestConsole(LinkTestRig.DeviceKey, 23);
        long before = rig.Server.CompressionCount;

        byte[] challenge = rig.Send(console.Hello());

        Assert.True(console.AcceptChallenge(challenge));
        Assert.True(rig.Server.CompressionCount - before >= 8, "two derivations, two keyings and the challenge's tag");
        Assert.Equal(rig.Server.CompressionCount - before, scheduler.Yields);
    }

    [Fact]
    public void A_provisioning_commit_yields_after_the_commit_and_after_each_compression()
    {
        var rig = new LinkTestRig();
        TestConsole console = rig.Connect();
        var scheduler = new RecordingScheduler();
        rig.Server.AttachScheduler(scheduler);
        rig.Send(console.Frame(LinkMessageType.ProvisionBegin));
        rig.Send(console.Frame(LinkMessageType.ProvisionLinkKey, LinkTestRig.CreateKey(8)));
        int yieldsBefore = scheduler.Yields;
        long compressionsBefore = rig.Server.CompressionCount;

        var (result, _, _, _) = console.OpenResponse(rig.Send(console.Frame(LinkMessageType.ProvisionCommit)));

        Assert.Equal(Core.Control.CommandResult.Ok, result);

        // The frame's verify, keying the new device key, the response's tag: each compression, then the commit itself.
        Assert.Equal(rig.Server.CompressionCount - compressionsBefore + 1, scheduler.Yields - yieldsBefore);
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

    [Fact]
    public void A_command_acts_at_the_time_its_verification_ended_not_the_time_the_frame_arrived()
    {
        // Other threads run while the link yields inside the tag's compressions: a clear or an arm
        // judged at the arrival time would see sensor and link ages younger than they are.
        var rig = new LinkTestRig();
        TestConsole console = rig.Connect();
        var scheduler = new RecordingScheduler();
        scheduler.OnYield = () => rig.Clock.AdvanceMicroseconds(3_000);
        rig.Server.AttachScheduler(scheduler);

        rig.Send(console.Frame(LinkMessageType.Heartbeat));
        Assert.Equal(rig.Clock.NowMicroseconds, rig.Control.LastHeartbeatMicroseconds);

        long arrival = rig.Clock.NowMicroseconds;
        rig.Send(console.Frame(LinkMessageType.ClearFault));
        Assert.True(rig.Control.LastClearMicroseconds >= arrival + 2 * 3_000, $"cleared at {rig.Control.LastClearMicroseconds}, the frame arrived at {arrival}");
    }
}
