using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using ChamberCtl.Provisioning;
using ChamberFirmware.ConsoleLink.Ble;

namespace ChamberCtl.Commands;

/// <summary>
/// <c>chamberctl provision --factory --target ble:ADDRESS|tcp:127.0.0.1:PORT --serial S --hardware-revision R --key-out FILE</c> (factory board) or <c>--current-key-file K</c> (provisioned):
/// identity, a fresh link key and settings, committed as one record over the authenticated link,
/// then read back over a new session; <c>--key-file K</c> names the device's current key (to
/// re-provision, or with <c>--check</c>, which only reads back). docs/flashing.md.
/// </summary>
internal static class ProvisionCommand
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static Command Create() => Create(target => target.Connector(BleOptions.SystemBus), new RandomLinkKeyGenerator(), TimeProvider.System);

    /// <summary>The command with its seams injected (tests: a connector that cuts the link, a key generator that remembers, a fixed clock).</summary>
    internal static Command Create(Func<LinkTarget, ILinkConnector> connect, ILinkKeyGenerator keys, TimeProvider clock)
    {
        var target = new Option<string?>("--target") { Description = "Device link: ble:AA:BB:CC:DD:EE:FF, ble:name=NAME or ble:serial=SERIAL (a board over Bluetooth LE, BlueZ on Linux), or tcp:127.0.0.1:PORT (simulator or hosted runtime)." };
        var serial = new Option<string?>("--serial") { Description = "Serial number from the board label (required for a factory board; a provisioned board keeps its own)." };
        var revision = new Option<string?>("--hardware-revision") { Description = "Hardware revision from the board label (required for a factory board)." };
        var settingsFile = new Option<string?>("--settings") { Description = "JSON file of ChamberSettings fields (any subset); fields not given keep the device's stored values." };
        // The old name of --key-file for re-provisioning: still accepted (hidden), with a deprecation line.
        var currentKey = new Option<string?>("--current-key-file") { Description = "Deprecated: use --key-file.", Hidden = true };
        var factory = new Option<bool>("--factory") { Description = "The board is in factory state (no key, jumper J5 fitted): send the new key in the factory exchange. Never chosen from the device's answer; not with --key-file." };
        var keyOut = new Option<string?>("--key-out") { Description = "New file for the generated link key (owner-only, never overwritten, never inside a git work tree)." };
        var record = new Option<string?>("--record") { Description = "New file for the device record (JSON) for the clinic's register." };
        var check = new Option<bool>("--check") { Description = "Only read back identity and status with --key-file and print the record; changes nothing." };
        var keyFile = new Option<string?>("--key-file") { Description = "The device's current link key file: for --check, and to re-provision an already provisioned device (a session with its current key)." };
        var timeoutSeconds = new Option<int>("--timeout-seconds") { Description = "Give up on an unanswered link step after this long.", DefaultValueFactory = _ => (int)DefaultTimeout.TotalSeconds };
        var fieldOptions = new (SettingsFieldInfo Info, Option<int?> Option)[SettingsFieldInfo.All.Count];
        for (int i = 0; i < fieldOptions.Length; i++)
        {
            var info = SettingsFieldInfo.All[i];
            fieldOptions[i] = (info, new Option<int?>(info.Option) { Description = info.JsonName + ", " + info.Min + ".." + info.Max + " " + info.Unit + " (overrides --settings)." });
        }

        var command = new Command("provision", "Provision a controller over its authenticated link: identity, a new per-device link key, settings; then read it back. --check only reads back.");
        foreach (var option in new Option[] { target, serial, revision, settingsFile, currentKey, factory, keyOut, record, check, keyFile, timeoutSeconds })
        {
            command.Options.Add(option);
        }

        foreach (var (_, option) in fieldOptions)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var deviceKey = DeviceKeyFile(parse.GetValue(keyFile), parse.GetValue(currentKey), error);
                var linkTarget = LinkTarget.Parse(parse.GetValue(target));
                var session = new ProvisioningSession(connect(linkTarget), keys, clock, output, TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeoutSeconds))));
                if (parse.GetValue(check))
                {
                    if (parse.GetValue(keyOut) is not null || parse.GetValue(settingsFile) is not null || parse.GetValue(factory))
                    {
                        throw new ProvisioningFailure("--check only reads back: --key-out, --factory and --settings do not apply", "use --check --target T --key-file K [--record FILE]", ProvisioningExitCodes.Usage);
                    }

                    var checkResult = await session.CheckAsync(new CheckRequest(deviceKey, parse.GetValue(record), parse.GetValue(serial)), cancellationToken).ConfigureAwait(false);
                    return checkResult.ExitCode;
                }

                if (parse.GetValue(factory) && deviceKey is not null)
                {
                    throw new ProvisioningFailure("--factory and --key-file exclude each other: a board either has no key (factory) or proves its current one", "give --factory for a factory board, --key-file for a provisioned one", ProvisioningExitCodes.Usage);
                }

                var settings = parse.GetValue(settingsFile) is { } file ? SettingsInput.FromFile(file) : new SettingsInput();
                foreach (var (info, option) in fieldOptions)
                {
                    if (parse.GetValue(option) is { } value)
                    {
                        settings.Set(info.Field, value);
                    }
                }

                var request = new ProvisioningRequest(parse.GetValue(serial), parse.GetValue(revision), settings, deviceKey, parse.GetValue(keyOut), parse.GetValue(record), parse.GetValue(factory));
                var result = await session.ProvisionAsync(request, cancellationToken).ConfigureAwait(false);
                return result.ExitCode;
            }
            catch (ProvisioningFailure failure)
            {
                error.WriteLine("provision: " + failure.Message);
                if (failure.NextStep.Length > 0)
                {
                    error.WriteLine("  next: " + failure.NextStep);
                }

                return failure.ExitCode;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                error.WriteLine("provision: cancelled; if the device had not answered the commit, check it with --check before running again");
                return ProvisioningExitCodes.Failed;
            }
        });
        return command;
    }

    /// <summary>One option name for the device's key file (--key-file); the old --current-key-file still works, with a deprecation line.</summary>
    private static string? DeviceKeyFile(string? keyFile, string? oldName, System.IO.TextWriter error)
    {
        if (oldName is null)
        {
            return keyFile;
        }

        if (keyFile is not null && keyFile != oldName)
        {
            throw new ProvisioningFailure("--key-file and --current-key-file name different files", "give the device's key file once, as --key-file", ProvisioningExitCodes.Usage);
        }

        error.WriteLine("provision: --current-key-file is deprecated and will be removed: use --key-file (same meaning)");
        return oldName;
    }
}
