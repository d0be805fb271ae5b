using System;
using System.Globalization;
using System.Net;

namespace ChamberCtl.Provisioning;

/// <summary>
/// Where the device's console link is: <c>tcp:127.0.0.1:PORT</c> (a simulator or a runtime hosted
/// on this machine). <c>ble:</c> names a board over Bluetooth, which this host build cannot reach.
/// </summary>
internal sealed record LinkTarget(string Text, IPEndPoint EndPoint)
{
    public static LinkTarget Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Usage("--target is required (e.g. --target tcp:127.0.0.1:7000)");
        }

        if (text.StartsWith("ble:", StringComparison.OrdinalIgnoreCase))
        {
            throw new ProvisioningFailure(
                "target " + text + ": BLE is not available in chamberctl on this host (no Bluetooth link transport is built in)",
                "provision boards over BLE from the production bench console; chamberctl provision reaches a simulator or hosted runtime with --target tcp:127.0.0.1:PORT",
                ProvisioningExitCodes.Usage);
        }

        if (!text.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase))
        {
            throw Usage("target " + text + " is not understood: use tcp:127.0.0.1:PORT");
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
        new(message, "run chamberctl provision --help for the options", ProvisioningExitCodes.Usage);
}
