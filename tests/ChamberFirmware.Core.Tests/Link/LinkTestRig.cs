using System;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Hal.Simulated;
using Xunit;

namespace ChamberFirmware.Core.Tests.Link;

/// <summary>A LinkServer on fakes with a console helper; Send returns the response bytes (empty when none).</summary>
public sealed class LinkTestRig
{
    public static readonly byte[] DeviceKey = CreateKey(7);

    private readonly byte[] _response = new byte[LinkProtocol.MaxFrameSize];

    public LinkTestRig(bool provisioned = true, int rejectBurst = LinkServer.DefaultRejectBurst, int rejectPerSecond = LinkServer.DefaultRejectPerSecond, int nonceSeed = 1)
    {
        Provisioning = new FakeProvisioningTarget(provisioned ? (byte[])DeviceKey.Clone() : null);
        Server = new LinkServer(Control, Provisioning, Provisioning, Jumper, new SeededNonceSource(nonceSeed), Clock, rejectBurst, rejectPerSecond);
    }

    public FakeChamberControl Control { get; } = new();
    public FakeProvisioningTarget Provisioning { get; }
    public FakeJumper Jumper { get; } = new();
    public ManualClock Clock { get; } = new(1_000_000);
    public LinkServer Server { get; }

    public static byte[] CreateKey(int seed)
    {
        byte[] key = new byte[LinkProtocol.DeviceKeySize];
        new Random(seed).NextBytes(key);
        return key;
    }

    public byte[] Send(byte[] frame) => Send(frame, frame.Length);

    public byte[] Send(byte[] frame, int count)
    {
        int length = Server.ProcessFrame(frame, 0, count, _response, 0);
        return _response.AsSpan(0, length).ToArray();
    }

    /// <summary>Hello + confirm; asserts the session is bound.</summary>
    public TestConsole Connect(int seed = 11, byte[]? key = null)
    {
        var console = new TestConsole(key ?? DeviceKey, seed);
        byte[] challenge = Send(console.Hello());
        Assert.True(console.AcceptChallenge(challenge));
        var (result, _, _, request) = console.OpenResponse(Send(console.Frame(LinkMessageType.SessionConfirm)));
        Assert.Equal(LinkMessageType.SessionConfirm, request);
        Assert.Equal(Core.Control.CommandResult.Ok, result);
        Assert.True(Server.IsSessionBound);
        return console;
    }
}
