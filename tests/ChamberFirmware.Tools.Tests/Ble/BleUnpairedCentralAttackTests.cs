using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Ble;
using ChamberFirmware.ConsoleLink.Ble.BlueZ;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Tools.Tests.Provisioning;
using Tmds.DBus;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Ble;

/// <summary>
/// The attacker's view of the control characteristic (docs/ble-gatt.md "Pairing", docs/security.md):
/// BLE asks only for encryption (Just Works: the board has no display or keys), so anyone in range
/// can pair. An unpaired central is refused by the GATT layer before a byte reaches the link; a
/// paired central without the device key reaches the link and can change nothing.
/// </summary>
public sealed class BleUnpairedCentralAttackTests : IDisposable
{
    private static readonly Dictionary<string, object> Request = new() { ["type"] = "request" };
    private readonly TempDirectory _temp = new();
    private readonly RememberingKeyGenerator _keys = new();

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public async Task An_unpaired_central_cannot_write_a_frame_not_even_the_factory_key_with_the_jumper_fitted()
    {
        await using var device = await ProvisioningDevice.StartAsync(LinkKind.Ble, jumperFitted: true);
        await using var attacker = await Attacker.ConnectAsync(device, pair: false);

        var refused = await Assert.ThrowsAsync<DBusException>(() => attacker.Frames.WriteValueAsync(FactoryProvisionFrame(), Request));
        Assert.Equal(BlueZNames.ErrorNotPermitted, refused.ErrorName);
        refused = await Assert.ThrowsAsync<DBusException>(() => attacker.Frames.WriteValueAsync(HelloFrame(), Request));
        Assert.Equal(BlueZNames.ErrorNotPermitted, refused.ErrorName);

        Assert.Equal(0, device.BlueZ!.Radio.LongestWrite);
        Assert.Equal(0, device.Runtime.Link.AcceptedFrameCount);
        Assert.False(device.Runtime.Link.HasProvisionalKey);
        Assert.False(device.Runtime.IsProvisioned);
        Assert.Equal(0, device.Storage.WriteCount);
    }

    [SkippableFact]
    public async Task A_just_works_paired_central_without_the_key_changes_nothing_on_a_provisioned_chamber()
    {
        await using var device = await ProvisioningDevice.StartAsync(LinkKind.Ble);
        var run = await ProvisionCli.RunAsync(_keys, device.Connector, "--factory", "--target", device.Target, "--serial", "CH-0300", "--hardware-revision", "B2", "--key-out", _temp.Combine("k.key"));
        Assert.True(run.ExitCode == 0, run.All);
        device.LetTimePass();
        uint generation = device.Runtime.Config.Generation;
        int writes = device.Storage.WriteCount;
        int rejected = device.Runtime.Link.RejectCounts.Sum();
        int badTags = device.Runtime.Link.RejectCounts[(int)LinkRejectReason.BadTag];

        await using var attacker = await Attacker.ConnectAsync(device, pair: true);
        // Pairing gave encryption, so the GATT layer lets everything through: the link decides.
        await attacker.Frames.WriteValueAsync(FactoryProvisionFrame(), Request);
        await attacker.Frames.WriteValueAsync(HelloFrame(), Request);
        await attacker.Frames.WriteValueAsync(ForgedFrame(LinkMessageType.SessionConfirm, 1), Request);
        await attacker.Frames.WriteValueAsync(ForgedFrame(LinkMessageType.ProvisionBegin, 2), Request);
        await attacker.Frames.WriteValueAsync(ForgedFrame(LinkMessageType.Arm, 3, payloadLength: 24), Request);
        await attacker.Frames.WriteValueAsync(ForgedFrame(LinkMessageType.Start, 4), Request);
        await attacker.BoardCaughtUpAsync(device);
        await attacker.ReceivedAsync(2);

        // The factory key is refused, the Hello is answered, every sealed frame fails (the confirm on its tag).
        Assert.True(device.Runtime.Link.RejectCounts[(int)LinkRejectReason.BadTag] > badTags, "no BadTag reject");
        Assert.Equal(rejected + 5, device.Runtime.Link.RejectCounts.Sum());
        Assert.False(device.Runtime.Link.IsSessionBound);
        Assert.False(device.Runtime.Link.HasProvisionalKey);
        Assert.Equal(generation, device.Runtime.Config.Generation);
        Assert.Equal(writes, device.Storage.WriteCount);
        // No Response ever: only the unauthenticated Notice and the Hello's challenge, which carry no data.
        var types = attacker.Received.Select(frame => (LinkMessageType)frame[LinkProtocol.OffsetType]).ToList();
        Assert.Equal([LinkMessageType.Notice, LinkMessageType.HelloChallenge], types);
    }

    private static byte[] FactoryProvisionFrame()
    {
        byte[] frame = new byte[LinkProtocol.MaxFrameSize];
        for (int i = 0; i < LinkProtocol.DeviceKeySize; i++)
        {
            frame[LinkProtocol.OffsetPayload + i] = 0xA5;
        }

        return frame[..LinkFrame.WriteUnauthenticated(frame, 0, (byte)LinkMessageType.FactoryProvision, LinkProtocol.DeviceKeySize)];
    }

    private static byte[] HelloFrame()
    {
        byte[] frame = new byte[LinkProtocol.MaxFrameSize];
        return frame[..LinkFrame.WriteUnauthenticated(frame, 0, (byte)LinkMessageType.Hello, LinkProtocol.NonceSize)];
    }

    /// <summary>A bound-session frame with a made-up tag: what a central without the key can send.</summary>
    private static byte[] ForgedFrame(LinkMessageType type, uint sequence, int payloadLength = 0)
    {
        byte[] frame = new byte[LinkProtocol.MinFrameSize + payloadLength];
        LinkFrame.WriteHeader(frame, 0, (byte)type, sequence, payloadLength);
        frame.AsSpan(LinkProtocol.HeaderSize + payloadLength).Fill(0x5A);
        return frame;
    }

    /// <summary>A central talking to BlueZ directly, as any program on a laptop in range can.</summary>
    private sealed class Attacker : IAsyncDisposable
    {
        private readonly Connection _connection;
        private readonly List<byte[]> _received = new();
        private readonly SemaphoreSlim _arrivals = new(0);
        private IDisposable? _watch;

        private Attacker(Connection connection, IGattCharacteristic1 frames)
        {
            _connection = connection;
            Frames = frames;
        }

        public IGattCharacteristic1 Frames { get; }

        public IReadOnlyList<byte[]> Received
        {
            get
            {
                lock (_received)
                {
                    return _received.ToList();
                }
            }
        }

        public static async Task<Attacker> ConnectAsync(ProvisioningDevice device, bool pair)
        {
            var connection = new Connection(device.BlueZ!.BusAddress);
            await connection.ConnectAsync();
            var objects = connection.CreateProxy<IObjectManager>(BlueZNames.Service, "/");
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (await objects.WatchInterfacesAddedAsync(added =>
            {
                if (added.Object.ToString() == device.BlueZ.Device.Path)
                {
                    seen.TrySetResult();
                }
            }))
            {
                var adapter = connection.CreateProxy<IAdapter1>(BlueZNames.Service, StandInAdapter.Path);
                await adapter.StartDiscoveryAsync();
                if ((await objects.GetManagedObjectsAsync()).ContainsKey(new ObjectPath(device.BlueZ.Device.Path)))
                {
                    seen.TrySetResult(); // known from an earlier visit: BlueZ keeps the object
                }

                await seen.Task.WaitAsync(TimeSpan.FromSeconds(20));
                await adapter.StopDiscoveryAsync();
            }

            var chamber = connection.CreateProxy<IDevice1>(BlueZNames.Service, device.BlueZ.Device.Path);
            if (pair)
            {
                try
                {
                    await chamber.PairAsync();
                }
                catch (DBusException ex) when (ex.ErrorName == BlueZNames.ErrorAlreadyExists)
                {
                    // The stand-in has one adapter, bonded by the provisioning run; another laptop
                    // would get the same encrypted link by pairing Just Works, no secret asked.
                    await chamber.ConnectAsync();
                }
            }
            else
            {
                await chamber.ConnectAsync();
            }

            var all = await objects.GetManagedObjectsAsync();
            var path = all.Single(entry => entry.Value.TryGetValue(BlueZNames.GattCharacteristicInterface, out var p) && (string)p["UUID"] == ChamberAdvertisement.FrameCharacteristicUuid).Key;
            var attacker = new Attacker(connection, connection.CreateProxy<IGattCharacteristic1>(BlueZNames.Service, path));
            if (pair)
            {
                attacker._watch = await attacker.Frames.WatchPropertiesAsync(changes =>
                {
                    foreach (var (name, value) in changes.Changed)
                    {
                        if (name == "Value" && value is byte[] frame)
                        {
                            lock (attacker._received)
                            {
                                attacker._received.Add(frame);
                            }

                            attacker._arrivals.Release();
                        }
                    }
                });
                await attacker.Frames.StartNotifyAsync();
            }

            return attacker;
        }

        /// <summary>Waits until the board's loop has handled every write (it answers a telemetry request after them, in order).</summary>
        public async Task BoardCaughtUpAsync(ProvisioningDevice device)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await device.BlueZ!.SendTelemetryAsync().WaitAsync(timeout.Token);
        }

        /// <summary>Waits for this many notifications (signals may trail the board's loop).</summary>
        public async Task ReceivedAsync(int count)
        {
            for (int i = 0; i < count; i++)
            {
                Assert.True(await _arrivals.WaitAsync(TimeSpan.FromSeconds(20)), "notification " + (i + 1) + " never came");
            }
        }

        public ValueTask DisposeAsync()
        {
            _watch?.Dispose();
            _arrivals.Dispose();
            _connection.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
