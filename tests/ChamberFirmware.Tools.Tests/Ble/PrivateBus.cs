using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace ChamberFirmware.Tools.Tests.Ble;

/// <summary>
/// A private D-Bus bus for one test: dbus-daemon (Debian package dbus-daemon, installed by .ci/run)
/// with its own configuration, listening on a unix socket in a temp folder; killed on dispose.
/// With denyBlueZ the bus policy refuses every call to org.bluez, as a system bus does for a user
/// outside the group BlueZ's policy admits, so the client meets the bus's own AccessDenied.
/// </summary>
internal sealed class PrivateBus : IAsyncDisposable
{
    private readonly Process _daemon;
    private readonly TempDirectory _folder;

    private PrivateBus(Process daemon, TempDirectory folder, string address)
    {
        _daemon = daemon;
        _folder = folder;
        Address = address;
    }

    public string Address { get; }

    public static async Task<PrivateBus> StartAsync(bool denyBlueZ = false)
    {
        string? found = FindDaemon();
        // Without dbus-daemon the BLE tests are skipped with the reason (they fail under CI, which installs it).
        ChamberFirmware.Tests.Shared.TestPrerequisite.Require(
            found is null ? "dbus-daemon is not installed" : null,
            "the BLE tests run a stand-in BlueZ on a private bus; install the Debian package dbus-daemon (apt-get install dbus-daemon), as .ci/run does");
        string daemon = found!;
        var folder = new TempDirectory();
        string socket = folder.Combine("bus");
        string deny = denyBlueZ ? """<policy context="default"><deny send_destination="org.bluez"/></policy>""" : string.Empty;
        string config = folder.Write("bus.conf", $"""
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
             "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <listen>unix:path={socket}</listen>
              <auth>EXTERNAL</auth>
              <policy context="default">
                <allow send_destination="*" eavesdrop="true"/>
                <allow eavesdrop="true"/>
                <allow own="*"/>
              </policy>
              {deny}
            </busconfig>
            """);
        var start = new ProcessStartInfo(daemon, ["--config-file=" + config, "--nofork", "--nopidfile", "--print-address=1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dbus-daemon did not start");
        try
        {
            string? address = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            if (string.IsNullOrWhiteSpace(address))
            {
                throw new InvalidOperationException("dbus-daemon printed no address: " + await process.StandardError.ReadToEndAsync());
            }

            return new PrivateBus(process, folder, address.Trim());
        }
        catch
        {
            process.Kill();
            process.Dispose();
            folder.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_daemon.HasExited)
            {
                _daemon.Kill();
                await _daemon.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
        }

        _daemon.Dispose();
        _folder.Dispose();
    }

    private static string? FindDaemon()
    {
        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(Path.PathSeparator))
        {
            string candidate = Path.Combine(folder, "dbus-daemon");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
