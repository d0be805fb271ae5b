using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using ChamberFirmware.ConsoleLink.Ble;
using ChamberFirmware.ConsoleLink.Ble.BlueZ;
using ChamberFirmware.Tools.Tests.Provisioning;
using Tmds.DBus;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Ble;

/// <summary>
/// The stand-in must look like bluetoothd, or the client could pass here and fail on a laptop. Its
/// exported methods (read back with Introspect over the bus) and property types are checked
/// against a table written from BlueZ's documents (doc/org.bluez.Adapter.rst, Device.rst,
/// GattService.rst, GattCharacteristic.rst) and the D-Bus specification, not from the C#
/// interfaces the client and the stand-in share.
/// </summary>
public sealed class StandInConformanceTests
{
    /// <summary>interface → method → in-signature → out-signature, as documented.</summary>
    private static readonly Dictionary<string, Dictionary<string, (string In, string Out)>> DocumentedMethods = new()
    {
        ["org.freedesktop.DBus.ObjectManager"] = new() { ["GetManagedObjects"] = ("", "a{oa{sa{sv}}}") },
        ["org.bluez.Adapter1"] = new()
        {
            ["StartDiscovery"] = ("", ""), ["StopDiscovery"] = ("", ""), ["SetDiscoveryFilter"] = ("a{sv}", ""), ["RemoveDevice"] = ("o", ""),
        },
        ["org.bluez.Device1"] = new()
        {
            ["Connect"] = ("", ""), ["Disconnect"] = ("", ""), ["Pair"] = ("", ""), ["CancelPairing"] = ("", ""),
        },
        ["org.bluez.GattCharacteristic1"] = new()
        {
            ["ReadValue"] = ("a{sv}", "ay"), ["WriteValue"] = ("aya{sv}", ""), ["StartNotify"] = ("", ""), ["StopNotify"] = ("", ""),
        },
    };

    /// <summary>interface → property → .NET type of its documented D-Bus type (s string, b bool, n short, q ushort, o path, as, ay).</summary>
    private static readonly Dictionary<string, Dictionary<string, Type>> DocumentedProperties = new()
    {
        ["org.bluez.Adapter1"] = new() { ["Address"] = typeof(string), ["Name"] = typeof(string), ["Alias"] = typeof(string), ["Powered"] = typeof(bool), ["Discovering"] = typeof(bool), ["UUIDs"] = typeof(string[]) },
        ["org.bluez.Device1"] = new()
        {
            ["Address"] = typeof(string), ["AddressType"] = typeof(string), ["Name"] = typeof(string), ["Alias"] = typeof(string), ["UUIDs"] = typeof(string[]),
            ["Paired"] = typeof(bool), ["Bonded"] = typeof(bool), ["Connected"] = typeof(bool), ["Trusted"] = typeof(bool), ["Adapter"] = typeof(ObjectPath),
            ["ServicesResolved"] = typeof(bool), ["AdvertisingFlags"] = typeof(byte[]),
        },
        ["org.bluez.GattService1"] = new() { ["UUID"] = typeof(string), ["Primary"] = typeof(bool), ["Device"] = typeof(ObjectPath), ["Handle"] = typeof(ushort) },
        ["org.bluez.GattCharacteristic1"] = new()
        {
            ["UUID"] = typeof(string), ["Service"] = typeof(ObjectPath), ["Value"] = typeof(byte[]), ["Flags"] = typeof(string[]), ["Handle"] = typeof(ushort), ["MTU"] = typeof(ushort),
        },
    };

    [SkippableFact]
    public async Task The_stand_in_exports_bluez_paths_methods_and_property_types_as_documented()
    {
        await using var device = await ProvisioningDevice.StartAsync(LinkKind.Ble);
        await using var link = await device.ConnectAsync(default); // scan, pair, connect: every object exists now

        using var connection = new Connection(device.BlueZ!.BusAddress);
        await connection.ConnectAsync();
        var all = await connection.CreateProxy<IObjectManager>(BlueZNames.Service, "/").GetManagedObjectsAsync();

        // Paths: BlueZ's documented shapes.
        string devicePath = "/org/bluez/hci0/dev_C0_FF_EE_00_00_01";
        Assert.Contains(new ObjectPath("/org/bluez/hci0"), all.Keys);
        Assert.Contains(new ObjectPath(devicePath), all.Keys);
        foreach (var (path, interfaces) in all)
        {
            if (interfaces.ContainsKey("org.bluez.GattService1"))
            {
                Assert.Matches("^" + devicePath + "/service[0-9a-f]{4}$", path.ToString());
            }

            if (interfaces.ContainsKey("org.bluez.GattCharacteristic1"))
            {
                Assert.Matches("^" + devicePath + "/service[0-9a-f]{4}/char[0-9a-f]{4}$", path.ToString());
            }
        }

        // The firmware's layout: both services, the frame characteristic and 14 diagnostics characteristics, by UUID.
        var uuids = all.Values.SelectMany(i => i.Values).Where(p => p.ContainsKey("UUID")).Select(p => (string)p["UUID"]).ToHashSet(StringComparer.Ordinal);
        Assert.Contains(ChamberAdvertisement.ControlServiceUuid, uuids);
        Assert.Contains(ChamberAdvertisement.FrameCharacteristicUuid, uuids);
        Assert.Contains(ChamberAdvertisement.DiagnosticsServiceUuid, uuids);
        Assert.Equal(1 + 1 + 14 + 1, uuids.Count);

        // Property types.
        foreach (var (_, interfaces) in all)
        {
            foreach (var (iface, properties) in interfaces)
            {
                if (!DocumentedProperties.TryGetValue(iface, out var documented))
                {
                    continue;
                }

                foreach (var (name, type) in documented)
                {
                    Assert.True(properties.ContainsKey(name), iface + "." + name + " missing");
                    Assert.True(properties[name].GetType() == type, iface + "." + name + " is " + properties[name].GetType() + ", documented " + type);
                }
            }
        }

        // Methods and their signatures, as the bus sees them.
        var paths = new Dictionary<string, string>
        {
            ["org.freedesktop.DBus.ObjectManager"] = "/",
            ["org.bluez.Adapter1"] = "/org/bluez/hci0",
            ["org.bluez.Device1"] = devicePath,
            ["org.bluez.GattCharacteristic1"] = all.First(entry => entry.Value.ContainsKey("org.bluez.GattCharacteristic1")).Key.ToString(),
        };
        foreach (var (iface, methods) in DocumentedMethods)
        {
            string xml = await connection.CreateProxy<IIntrospectable>(BlueZNames.Service, paths[iface]).IntrospectAsync();
            var node = XDocument.Parse(xml).Root!.Elements("interface").Single(e => (string?)e.Attribute("name") == iface);
            foreach (var (method, (signatureIn, signatureOut)) in methods)
            {
                var element = node.Elements("method").SingleOrDefault(e => (string?)e.Attribute("name") == method);
                Assert.True(element is not null, iface + "." + method + " not exported");
                string Signature(string direction) => string.Concat(element!.Elements("arg").Where(a => ((string?)a.Attribute("direction") ?? "in") == direction).Select(a => (string)a.Attribute("type")!));
                Assert.Equal(signatureIn, Signature("in"));
                Assert.Equal(signatureOut, Signature("out"));
            }
        }

        var objectManager = XDocument.Parse(await connection.CreateProxy<IIntrospectable>(BlueZNames.Service, "/").IntrospectAsync()).Root!
            .Elements("interface").Single(e => (string?)e.Attribute("name") == "org.freedesktop.DBus.ObjectManager");
        Assert.Equal("oa{sa{sv}}", string.Concat(objectManager.Elements("signal").Single(e => (string?)e.Attribute("name") == "InterfacesAdded").Elements("arg").Select(a => (string)a.Attribute("type")!)));
        Assert.Equal("oas", string.Concat(objectManager.Elements("signal").Single(e => (string?)e.Attribute("name") == "InterfacesRemoved").Elements("arg").Select(a => (string)a.Attribute("type")!)));
    }

    [SkippableFact]
    public async Task The_client_scans_le_for_the_chamber_service_pairs_and_disconnects_after_each_session()
    {
        await using var device = await ProvisioningDevice.StartAsync(LinkKind.Ble);
        var keys = new RememberingKeyGenerator();
        using var temp = new TempDirectory();
        var run = await ProvisionCli.RunAsync(keys, device.Connector, "--factory", "--target", "ble:" + ProvisioningDevice.BleAddress, "--serial", "CH-0200", "--hardware-revision", "B2", "--key-out", temp.Combine("k.key"));
        Assert.True(run.ExitCode == 0, run.All);

        var blueZ = device.BlueZ!;
        Assert.Equal("le", blueZ.Adapter!.Filter!["Transport"]);
        Assert.Equal(new[] { ChamberAdvertisement.DiagnosticsServiceUuid }, (string[])blueZ.Adapter.Filter["UUIDs"]);
        Assert.False((bool)blueZ.Adapter.Properties["Discovering"]);
        Assert.True(blueZ.Device.Paired);

        // Provisioning session, then the read-back session: each connected, and each disconnected at the end.
        Assert.Equal(2, blueZ.Connections);
        Assert.Equal(2, blueZ.Disconnections);
        Assert.False(blueZ.Device.Connected);
        Assert.True(device.Runtime.IsProvisioned);
    }

    [SkippableFact]
    public async Task The_stand_in_refuses_with_bluetoothd_s_error_names_and_messages()
    {
        await using var device = await ProvisioningDevice.StartAsync(LinkKind.Ble);
        using var connection = new Connection(device.BlueZ!.BusAddress);
        await connection.ConnectAsync();
        var adapter = connection.CreateProxy<IAdapter1>(BlueZNames.Service, "/org/bluez/hci0");

        // Adapter (doc/org.bluez.Adapter.rst; src/adapter.c): no discovery to stop, an unknown filter key.
        var error = await Assert.ThrowsAsync<DBusException>(() => adapter.StopDiscoveryAsync());
        Assert.Equal((BlueZNames.ErrorFailed, "No discovery started"), (error.ErrorName, error.ErrorMessage));
        error = await Assert.ThrowsAsync<DBusException>(() => adapter.SetDiscoveryFilterAsync(new Dictionary<string, object> { ["Colour"] = "blue" }));
        Assert.Equal("org.bluez.Error.InvalidArguments", error.ErrorName);
        await adapter.StartDiscoveryAsync();
        await adapter.StopDiscoveryAsync();

        // Device (doc/org.bluez.Device.rst): connect without pairing, connect twice, disconnect twice.
        var chamber = connection.CreateProxy<IDevice1>(BlueZNames.Service, "/org/bluez/hci0/dev_C0_FF_EE_00_00_01");
        await chamber.ConnectAsync();
        error = await Assert.ThrowsAsync<DBusException>(() => chamber.ConnectAsync());
        Assert.Equal(BlueZNames.ErrorAlreadyConnected, error.ErrorName);

        // GATT on an unencrypted link (src/gatt-client.c create_gatt_dbus_error: ATT Insufficient Encryption).
        var all = await connection.CreateProxy<IObjectManager>(BlueZNames.Service, "/").GetManagedObjectsAsync();
        IGattCharacteristic1 Characteristic(string uuid) => connection.CreateProxy<IGattCharacteristic1>(BlueZNames.Service,
            all.Single(e => e.Value.TryGetValue(BlueZNames.GattCharacteristicInterface, out var p) && (string)p["UUID"] == uuid).Key);
        var frames = Characteristic(ChamberAdvertisement.FrameCharacteristicUuid);
        var status = Characteristic(ChamberFirmware.Core.Diagnostics.DiagnosticsCharacteristic.UuidFor(ChamberFirmware.Core.Diagnostics.DiagnosticsCharacteristic.Status));
        error = await Assert.ThrowsAsync<DBusException>(() => status.ReadValueAsync(new Dictionary<string, object>()));
        Assert.Equal((BlueZNames.ErrorNotPermitted, BlueZNames.MessageNotPaired), (error.ErrorName, error.ErrorMessage));
        error = await Assert.ThrowsAsync<DBusException>(() => frames.WriteValueAsync(new byte[] { 1 }, new Dictionary<string, object> { ["type"] = "request" }));
        Assert.Equal((BlueZNames.ErrorNotPermitted, BlueZNames.MessageNotPaired), (error.ErrorName, error.ErrorMessage));

        await chamber.PairAsync();
        error = await Assert.ThrowsAsync<DBusException>(() => chamber.PairAsync());
        Assert.Equal(BlueZNames.ErrorAlreadyExists, error.ErrorName);

        // Paired: a write to a read-only characteristic, a StopNotify without StartNotify.
        error = await Assert.ThrowsAsync<DBusException>(() => status.WriteValueAsync(new byte[] { 1 }, new Dictionary<string, object>()));
        Assert.Equal(BlueZNames.ErrorNotSupported, error.ErrorName);
        error = await Assert.ThrowsAsync<DBusException>(() => frames.StopNotifyAsync());
        Assert.Equal((BlueZNames.ErrorFailed, "No notify session started"), (error.ErrorName, error.ErrorMessage));
        Assert.NotEmpty(await status.ReadValueAsync(new Dictionary<string, object>()));

        await chamber.DisconnectAsync();
        error = await Assert.ThrowsAsync<DBusException>(() => chamber.DisconnectAsync());
        Assert.Equal(BlueZNames.ErrorNotConnected, error.ErrorName);
    }
}
