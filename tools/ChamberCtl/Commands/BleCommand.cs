using System;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using ChamberFirmware.ConsoleLink.Ble;

namespace ChamberCtl.Commands;

/// <summary>
/// <c>chamberctl ble scan</c>: the chambers advertising near this computer (BlueZ on Linux): name,
/// address, RSSI and whether they are provisioned, from the advertisement (docs/ble-gatt.md).
/// </summary>
internal static class BleCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create() => Create(BleOptions.SystemBus);

    /// <summary>The command with the BLE options injected (tests: the stand-in BlueZ's private bus and a manual clock).</summary>
    internal static Command Create(BleOptions ble)
    {
        var command = new Command("ble", "Bluetooth LE (BlueZ on Linux): find chambers to provision, diagnose or connect a console to.");
        command.Subcommands.Add(CreateScan(ble));
        return command;
    }

    private static Command CreateScan(BleOptions ble)
    {
        var seconds = new Option<int>("--seconds") { Description = "How long to scan (1..120 s).", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "Print the chambers as JSON." };
        var command = new Command("scan", "List the chambers advertising nearby: name, address, RSSI, provisioned or not (from the advertised name).");
        command.Options.Add(seconds);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            int window = parse.GetValue(seconds);
            if (window is < 1 or > 120)
            {
                error.WriteLine("ble scan: --seconds must be 1..120, not " + window.ToString(CultureInfo.InvariantCulture));
                return 2;
            }

            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(window + 30));
                var central = BleCentral.OpenAsync(ble, timeout.Token).GetAwaiter().GetResult();
                try
                {
                    var chambers = central.ScanAsync(TimeSpan.FromSeconds(window), timeout.Token).GetAwaiter().GetResult();
                    if (parse.GetValue(json))
                    {
                        var list = new JsonArray();
                        foreach (var chamber in chambers)
                        {
                            list.Add(new JsonObject
                            {
                                ["name"] = chamber.Name,
                                ["address"] = chamber.Address,
                                ["rssi"] = chamber.Rssi is { } rssi ? rssi : null,
                                ["provisioned"] = chamber.Provisioned,
                                ["serialNumber"] = chamber.Serial,
                            });
                        }

                        output.WriteLine(list.ToJsonString(Indented));
                        return 0;
                    }

                    string span = window.ToString(CultureInfo.InvariantCulture);
                    if (chambers.Count == 0)
                    {
                        output.WriteLine("no chamber advertised within " + span + " s (adapter " + central.AdapterPath + "); a chamber does not advertise while a console is connected to it");
                        return 0;
                    }

                    output.WriteLine("Chambers advertising near this computer (adapter " + central.AdapterPath + ", " + span + " s scan):");
                    output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-28} {1,-17} {2,5}  {3}", "NAME", "ADDRESS", "RSSI", "PROVISIONED"));
                    foreach (var chamber in chambers)
                    {
                        string provisioned = chamber.Provisioned switch { true => "yes", false => "no", _ => "unknown" };
                        string rssi = chamber.Rssi is { } value ? value.ToString(CultureInfo.InvariantCulture) : "-";
                        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-28} {1,-17} {2,5}  {3}", chamber.Name, chamber.Address, rssi, provisioned));
                    }

                    output.WriteLine("(provisioned: from the advertised name \"Chamber SERIAL\" / \"Chamber unprovisioned\" as of the board's last start-up; the advertisement has no provisioned flag)");
                    return 0;
                }
                finally
                {
                    central.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }
            }
            catch (BleFailure e)
            {
                error.WriteLine("ble scan: " + e.Message);
                if (e.NextStep.Length > 0)
                {
                    error.WriteLine("  next: " + e.NextStep);
                }

                return 1;
            }
            catch (OperationCanceledException)
            {
                error.WriteLine("ble scan: BlueZ did not answer in time");
                return 1;
            }
        });
        return command;
    }
}
