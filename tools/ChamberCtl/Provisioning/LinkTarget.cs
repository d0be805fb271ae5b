using System;
using System.Globalization;
using System.Net;
using ChamberFirmware.ConsoleLink.Ble;

namespace ChamberCtl.Provisioning;

/// <summary>
/// Where the device's console link is: <c>tcp:127.0.0.1:PORT</c> (a simulator or a runtime hosted
/// on this machine) or a board over Bluetooth LE through BlueZ: <c>ble:AA:BB:CC:DD:EE:FF</c>,
/// <c>ble:name=NAME</c>, <c>ble:serial=SERIAL</c> (<see cref="BleDeviceFilter"/>). Exactly one of
/// EndPoint and Ble is set.
/// </summary>
internal sealed record LinkTarget(string Text, IPEndPoint? EndPoint, BleDeviceFilter? Ble = null)
{
    /// <summary>The connector for this target: TCP, or BLE through BlueZ with the given options.</summary>
    public ILinkConnector Connector(BleOptions ble) => Ble is null ? new TcpLinkConnector(this) : new BleLinkConnector(this, ble);

    public static LinkTarget Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Usage("--target is required (e.g. --target ble:AA:BB:CC:DD:EE:FF or --target tcp:127.0.0.1:7000)");
        }

        if (text.StartsWith(BleDeviceFilter.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return new LinkTarget(text, null, BleDeviceFilter.Parse(text));
            }
            catch (FormatException ex)
            {
                throw Usage(ex.Message);
            }
        }

        if (!text.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase))
        {
            throw Usage("target " + text + " is not understood: use ble:AA:BB:CC:DD:EE:FF, ble:name=NAME, ble:serial=SERIAL or tcp:127.0.0.1:PORT");
        }

        string rest = text.Substring(4);
        int colon = rest.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(rest.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            throw Usage("target " + text + " has no valid port: use tcp:127.0.0.1:PORT");
        }

        string host = rest.Substring(0, colon).Trim('[', ']');
        IPAddress? address = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : null;
        if (address is null && !IPAddress.TryParse(host, out address))
        {
            throw Usage("target " + text + ": " + host + " is not an IP address: use tcp:127.0.0.1:PORT");
        }

        if (!IPAddress.IsLoopback(address))
        {
            // The factory key crosses the link in a frame; the TCP transport is loopback only (docs/protocol.md).
            throw Usage("target " + text + ": the TCP link is for a simulator on this machine only (127.0.0.1 / ::1); provision real boards over BLE on the bench");
        }

        return new LinkTarget(text, new IPEndPoint(address, port));
    }

    private static ProvisioningFailure Usage(string message) =>
        new(message, "run chamberctl provision --help for the options (chamberctl ble scan lists the chambers in range)", ProvisioningExitCodes.Usage);
}
