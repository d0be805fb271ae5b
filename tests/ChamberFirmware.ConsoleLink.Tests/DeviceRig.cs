using System;
using ChamberFirmware.ConsoleLink.Client;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Tests.Link;
using ChamberFirmware.Hal.Simulated;

namespace ChamberFirmware.ConsoleLink.Tests;

/// <summary>A device LinkServer on fakes.</summary>
public sealed class DeviceRig
{
    public static readonly byte[] Key = CreateKey(7);

    public DeviceRig(bool provisioned = true)
    {
        Provisioning = new FakeProvisioningTarget(provisioned ? (byte[])Key.Clone() : null);
        Server = new LinkServer(Control, Provisioning, Provisioning, Jumper, new SeededNonceSource(3), Clock);
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
}
