using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Ble;
using ChamberFirmware.ConsoleLink.Client;
using ChamberFirmware.ConsoleLink.Transport;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Link;

namespace ChamberCtl.Provisioning;

/// <summary>
/// Provisions one device over its authenticated link, or reads it back (--check). Provisioning:
/// local checks, a fresh key from the host CSPRNG, a session (the factory exchange only when asked
/// for with --factory on a board without a key — jumper J5 fitted — or, with --current-key-file, a
/// session the device must authenticate with that key: never a fallback), identity, key and
/// settings staged and committed as one record, then a NEW session with the new key reads the
/// device back. The key file appears under its name only once the device has committed; the record
/// only once the read-back confirmed it. docs/flashing.md, "Provisioning".
/// </summary>
internal sealed class ProvisioningSession
{
    private const string RunAgain = "run the command again";

    private readonly ILinkConnector _connector;
    private readonly ILinkKeyGenerator _keys;
    private readonly TimeProvider _clock;
    private readonly TextWriter _output;
    private readonly TimeSpan _timeout;

    public ProvisioningSession(ILinkConnector connector, ILinkKeyGenerator keys, TimeProvider clock, TextWriter output, TimeSpan timeout)
    {
        _connector = connector;
        _keys = keys;
        _clock = clock;
        _output = output;
        _timeout = timeout;
    }

    public async Task<ProvisioningResult> ProvisionAsync(ProvisioningRequest request, CancellationToken cancellationToken)
    {
        // Everything that can be checked here is checked before the device hears a frame.
        CheckIdentityText(request.SerialNumber, "--serial", ConfigRecord.MaxSerialNumberLength);
        CheckIdentityText(request.HardwareRevision, "--hardware-revision", ConfigRecord.MaxHardwareRevisionLength);
        request.Settings.CheckBounds();
        string keyOut = LinkKeyFile.CheckDestination(request.KeyOut);
        string? recordPath = DeviceRecordFile.CheckDestination(request.RecordPath);
        byte[]? currentKey = request.CurrentKeyFile is null ? null : LinkKeyFile.Read(request.CurrentKeyFile, "--key-file");
        byte[] newKey = _keys.NewKey();

        // --timeout-seconds bounds the link steps, from the moment the link is up: reaching a board over BLE
        // has its own bounds (the scan time, BlueZ's connect and pairing), which must not eat into it.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        CancellationToken token = timeout.Token;

        ILinkTransport transport = await ConnectAsync(token).ConfigureAwait(false);
        timeout.CancelAfter(_timeout);
        ConsoleLinkClient? client = null;
        PendingKeyFile? pending = null;
        var commit = CommitState.NotSent;
        string action = string.Empty;
        string serial = string.Empty;
        string revision = string.Empty;
        var settings = new ChamberSettings();
        try
        {
            bool keyed;
            if (currentKey is not null)
            {
                // With a current key there is no probe and no fallback: whatever answers must prove
                // it holds that key (its HelloChallenge tag) before anything else is sent. An
                // unauthenticated NotProvisioned notice proves nothing; the new key is never sent in clear.
                keyed = true;
                action = "re-provision";
                _output.WriteLine("opening a session with --key-file");
                client = new ConsoleLinkClient(transport, currentKey);
                await OpenSessionAsync(client, request.CurrentKeyFile!, token).ConfigureAwait(false);
            }
            else
            {
                keyed = await Guard(() => DeviceProbe.HasKeyAsync(transport, token), "probing the device").ConfigureAwait(false);
                if (keyed)
                {
                    throw new ProvisioningFailure(
                        "device is already provisioned: pass --key-file" + (request.Factory ? " (--factory is only for a board in factory state)" : string.Empty),
                        "re-provisioning needs the key file written when this device was provisioned (--key-file FILE); nothing was changed");
                }

                if (!request.Factory)
                {
                    throw new ProvisioningFailure(
                        "the device says it is in factory state (no link key; an unauthenticated answer): the first key is sent only when you ask for the factory exchange",
                        "on the production bench with jumper J5 fitted, run the command again with --factory; nothing was sent",
                        ProvisioningExitCodes.Usage);
                }

                if (request.SerialNumber is null || request.HardwareRevision is null)
                {
                    throw new ProvisioningFailure(
                        "this device is in factory state: --serial and --hardware-revision are required",
                        "run the command again with the serial number and hardware revision from the board's label; nothing was changed",
                        ProvisioningExitCodes.Usage);
                }

                _output.WriteLine("device has no valid configuration (factory-fresh, or its stored configuration was found corrupt): using the factory exchange (--factory)");
                action = "factory-provision";
                CommandResult factory = await Guard(() => ConsoleLinkClient.FactoryProvisionAsync(transport, newKey, token), "the factory exchange").ConfigureAwait(false);
                if (factory == CommandResult.ProvisioningRefused)
                {
                    throw new ProvisioningFailure(
                        "the device refused factory provisioning: the provisioning jumper (J5) is not fitted, or another console is provisioning it",
                        "fit the provisioning jumper (J5) and power-cycle the board, then " + RunAgain + "; nothing was changed");
                }

                if (factory != CommandResult.Ok)
                {
                    throw new ProvisioningFailure("the device refused the factory exchange: " + factory, RunAgain + "; nothing was changed");
                }

                _output.WriteLine("factory exchange accepted (jumper fitted): opening the provisioning session");
                client = new ConsoleLinkClient(transport, newKey);
                await OpenSessionAsync(client, "the new key", token).ConfigureAwait(false);
            }

            LinkDeviceInfo current = await ReadInfoAsync(client, token).ConfigureAwait(false);
            (serial, revision) = ChooseIdentity(request, current, keyed);
            settings = request.Settings.ApplyTo(current.Settings);
            SettingsInput.Check(settings, "the device's stored value is outside this firmware's bounds: give the field a value within them; nothing was changed");

            // The key exists on disk (hidden, owner-only) before the device can commit it.
            pending = LinkKeyFile.WritePending(keyOut, newKey);
            await StageAsync("begin", () => client.BeginProvisioningAsync(token), client, token).ConfigureAwait(false);
            await StageAsync("identity", () => client.StageIdentityAsync(serial, revision, token), client, token).ConfigureAwait(false);
            await StageAsync("link key", () => client.StageLinkKeyAsync(newKey, token), client, token).ConfigureAwait(false);
            await StageAsync("settings", () => client.StageSettingsAsync(settings, token), client, token).ConfigureAwait(false);
            _output.WriteLine("staged identity " + serial + " / " + revision + ", a new link key and settings: committing");

            commit = CommitState.Sent;
            CommandReply committed;
            try
            {
                committed = await client.CommitProvisioningAsync(token).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsLinkLoss(ex, cancellationToken))
            {
                commit = CommitState.Unknown;
                throw;
            }

            if (!committed.IsOk)
            {
                commit = CommitState.NotSent;
                throw committed.Result == CommandResult.StorageFailed
                    ? new ProvisioningFailure("the device could not store the configuration (storage write or read-back failed); the previous configuration is intact", RunAgain + "; if it fails again the board's flash storage is faulty")
                    : new ProvisioningFailure("the device refused the commit: " + committed.Result + "; the previous configuration is intact", RunAgain);
            }

            commit = CommitState.Committed;
            _output.WriteLine("device committed the new configuration");
        }
        catch (Exception ex) when (IsLinkLoss(ex, cancellationToken) && commit != CommitState.Unknown)
        {
            pending?.Discard();
            pending = null;
            throw LinkLost(ex);
        }
        catch (ProvisioningFailure)
        {
            if (commit != CommitState.Committed && commit != CommitState.Unknown)
            {
                pending?.Discard();
                pending = null;
            }

            throw;
        }
        catch (Exception ex) when (IsLinkLoss(ex, cancellationToken))
        {
            // Commit sent, answer lost: ask the device which key it now holds.
            _output.WriteLine("link lost while committing: asking the device whether it took the new configuration");
        }
        finally
        {
            await CloseAsync(client, transport).ConfigureAwait(false);
        }

        if (commit == CommitState.Unknown)
        {
            commit = await ResolveCommitAsync(newKey, pending!, cancellationToken).ConfigureAwait(false);
        }

        // Committed: the device holds the new key, so the key file is kept whatever the read-back says.
        string keyPath = pending!.Keep();
        var verification = await VerifyAsync(newKey, serial, revision, settings, cancellationToken).ConfigureAwait(false);
        var record = BuildRecord(action, verification, newKey, provisioned: true);
        PrintSummary(record, keyPath);
        if (!verification.Verification.Passed)
        {
            throw new ProvisioningFailure(
                "the device committed the new configuration but reading it back did not confirm it: " + string.Join("; ", verification.Verification.Problems)
                + ". The device now holds the new key; it was saved to " + keyPath + ". No record was written",
                "run chamberctl provision --check --target " + _connector.Description + " --key-file " + keyPath + "; do not put the device into service until the check passes",
                ProvisioningExitCodes.CommittedNotVerified);
        }

        return new ProvisioningResult(ProvisioningExitCodes.Ok, record, keyPath, WriteRecord(recordPath, record));
    }

    public async Task<ProvisioningResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken)
    {
        if (request.KeyFile is null)
        {
            throw new ProvisioningFailure("--check needs --key-file: the device's link key file", "pass the key file written when the device was provisioned", ProvisioningExitCodes.Usage);
        }

        byte[] key = LinkKeyFile.Read(request.KeyFile, "--key-file");
        string? recordPath = DeviceRecordFile.CheckDestination(request.RecordPath);
        var verification = await VerifyAsync(key, request.ExpectedSerialNumber, null, null, cancellationToken, request.KeyFile).ConfigureAwait(false);
        var record = BuildRecord("check", verification, key, provisioned: false);
        PrintSummary(record, null);
        if (!verification.Verification.Passed)
        {
            throw new ProvisioningFailure(
                "the device did not pass the check: " + string.Join("; ", verification.Verification.Problems) + ". Nothing was changed; no record was written",
                "re-provision the device (chamberctl provision ... --key-file " + request.KeyFile + ") and check again");
        }

        return new ProvisioningResult(ProvisioningExitCodes.Ok, record, null, WriteRecord(recordPath, record));
    }

    private string? WriteRecord(string? recordPath, DeviceRecord record)
    {
        if (recordPath is null)
        {
            return null;
        }

        string? error = DeviceRecordFile.TryWrite(recordPath, record);
        if (error is not null)
        {
            throw new ProvisioningFailure(
                "the device is provisioned and verified, but the record " + recordPath + " could not be written: " + error,
                "run chamberctl provision --check --target " + _connector.Description + " --key-file KEYFILE --record NEWFILE to write it");
        }

        _output.WriteLine("record written to " + recordPath);
        return recordPath;
    }

    private static void CheckIdentityText(string? value, string option, int maxLength)
    {
        if (value is not null && !ConfigRecordCodec.IsValidIdentityText(value, maxLength))
        {
            throw new ProvisioningFailure(
                option + " \"" + value + "\" is not valid: 1.." + maxLength.ToString(CultureInfo.InvariantCulture) + " printable ASCII characters, no spaces",
                "copy it from the board's label", ProvisioningExitCodes.Usage);
        }
    }

    private static (string Serial, string Revision) ChooseIdentity(ProvisioningRequest request, LinkDeviceInfo current, bool keyed)
    {
        if (!keyed || current.SerialNumber.Length == 0)
        {
            return (request.SerialNumber!, request.HardwareRevision!);
        }

        if ((request.SerialNumber is not null && request.SerialNumber != current.SerialNumber)
            || (request.HardwareRevision is not null && request.HardwareRevision != current.HardwareRevision))
        {
            throw new ProvisioningFailure(
                "the device is recorded as serial " + current.SerialNumber + ", hardware revision " + current.HardwareRevision
                + "; the identity is written once at factory provisioning and cannot be changed",
                "leave out --serial/--hardware-revision (or give the recorded ones); nothing was changed",
                ProvisioningExitCodes.Usage);
        }

        return (current.SerialNumber, current.HardwareRevision);
    }

    private async Task<ILinkTransport> ConnectAsync(CancellationToken token)
    {
        try
        {
            return await _connector.ConnectAsync(token).ConfigureAwait(false);
        }
        catch (BleFailure ex)
        {
            throw new ProvisioningFailure("cannot reach the device at " + _connector.Description + ": " + ex.Message, ex.NextStep + "; nothing was changed");
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            throw new ProvisioningFailure(
                "cannot reach the device at " + _connector.Description + ": " + ex.Message,
                "check that the simulator or device link is running and the port is right, then " + RunAgain + "; nothing was changed");
        }
    }

    private static async Task OpenSessionAsync(ConsoleLinkClient client, string keyName, CancellationToken token)
    {
        try
        {
            await client.ConnectAsync(token).ConfigureAwait(false);
        }
        catch (LinkProtocolException ex) when (ex.Message.Contains("does not hold this key", StringComparison.Ordinal))
        {
            throw new ProvisioningFailure(
                "the device does not hold " + keyName + " (authentication failed)",
                "give this device's own key file; nothing was changed");
        }
        catch (LinkProtocolException ex) when (ex.Message.Contains(nameof(CommandResult.NotProvisioned), StringComparison.Ordinal))
        {
            throw new ProvisioningFailure(
                "the device answered NotProvisioned (an unauthenticated notice) instead of proving it holds " + keyName + ": nothing was sent to it. A device that answers this way may not be your chamber",
                "check the --target; if this really is the chamber and it lost its configuration (factory state), provision it on the bench with jumper J5 fitted: chamberctl provision --factory --target ... --serial ... --hardware-revision ... --key-out FILE");
        }
    }

    private static async Task<LinkDeviceInfo> ReadInfoAsync(ConsoleLinkClient client, CancellationToken token)
    {
        DeviceInfoReply reply = await client.GetIdentityAsync(token).ConfigureAwait(false);
        if (reply.Info is null)
        {
            throw new ProvisioningFailure(
                "the device did not report its identity (" + reply.Reply.Result + "): its firmware predates GetIdentity",
                "update the firmware (chamberctl flash), then " + RunAgain + "; nothing was changed");
        }

        return reply.Info;
    }

    private static async Task StageAsync(string step, Func<Task<CommandReply>> send, ConsoleLinkClient client, CancellationToken token)
    {
        CommandReply reply = await send().ConfigureAwait(false);
        if (reply.IsOk)
        {
            return;
        }

        // Best effort: the device also aborts on its own when the link closes.
        try
        {
            await client.AbortProvisioningAsync(token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or LinkProtocolException or OperationCanceledException)
        {
        }

        string unchanged = "; nothing was committed, the previous configuration is intact";
        throw reply.Result switch
        {
            CommandResult.InvalidState when step == "begin" => new ProvisioningFailure(
                "the device is not idle (armed, treating, completed or in a safe stop) and cannot be provisioned now" + unchanged, "stop the treatment (or clear the fault) so the chamber is Idle, then " + RunAgain),
            CommandResult.InvalidState => new ProvisioningFailure(
                "the device left Idle during provisioning (armed or started by another console?) and dropped the transaction at step " + step + unchanged, "bring the chamber to Idle, then " + RunAgain),
            CommandResult.SettingsRejected => new ProvisioningFailure(
                "the device rejected setting " + SettingsFieldInfo.Of(reply.RejectedSettingsField).JsonName + " (" + SettingsFieldInfo.Of(reply.RejectedSettingsField).Option + "): outside its hard bounds" + unchanged,
                "give a value within " + SettingsFieldInfo.Of(reply.RejectedSettingsField).Min.ToString(CultureInfo.InvariantCulture) + ".." + SettingsFieldInfo.Of(reply.RejectedSettingsField).Max.ToString(CultureInfo.InvariantCulture) + " and " + RunAgain),
            CommandResult.ProvisioningRefused when step == "identity" => new ProvisioningFailure(
                "the device refused the identity: a provisioned device keeps the serial number and hardware revision it was recorded with" + unchanged, "leave out --serial/--hardware-revision"),
            CommandResult.ProvisioningRefused => new ProvisioningFailure(
                "the device refused provisioning at step " + step + " (provisioning jumper J5 removed during a factory provisioning?)" + unchanged, "fit the jumper, power-cycle and " + RunAgain),
            _ => new ProvisioningFailure("the device refused step " + step + ": " + reply.Result + unchanged, RunAgain),
        };
    }

    /// <summary>The commit left but its answer did not come back: a new session with the new key tells.</summary>
    private async Task<CommitState> ResolveCommitAsync(byte[] newKey, PendingKeyFile pending, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleLinkClient? client = null;
        try
        {
            client = new ConsoleLinkClient(await _connector.ConnectAsync(timeout.Token).ConfigureAwait(false), newKey);
            timeout.CancelAfter(_timeout);
            await client.ConnectAsync(timeout.Token).ConfigureAwait(false);
            _output.WriteLine("the device holds the new key: the commit took effect");
            return CommitState.Committed;
        }
        catch (LinkProtocolException)
        {
            // The device answered and does not hold the new key: the commit never happened.
            pending.Discard();
            throw LinkLost(null);
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            string keyPath = pending.Keep();
            throw new ProvisioningFailure(
                "link lost while committing and the device cannot be reached now: it is not known whether it took the new configuration. The new key was saved to " + keyPath + " in case it did",
                "run chamberctl provision --check --target " + _connector.Description + " --key-file " + keyPath
                + "; if the device refuses that key, the previous configuration is intact: run the command again with a new --key-out",
                ProvisioningExitCodes.CommittedNotVerified);
        }
        finally
        {
            await CloseAsync(client, null).ConfigureAwait(false);
        }
    }

    private async Task<(DeviceRecordVerification Verification, LinkDeviceInfo? Info)> VerifyAsync(
        byte[] key, string? serial, string? revision, ChamberSettings? settings, CancellationToken cancellationToken, string? keyFile = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var problems = new List<string>();
        ConsoleLinkClient? client = null;
        StatusReply status;
        LinkDeviceInfo info;
        try
        {
            client = new ConsoleLinkClient(await ConnectAsync(timeout.Token).ConfigureAwait(false), key);
            timeout.CancelAfter(_timeout);
            await OpenSessionAsync(client, keyFile is null ? "the new key" : "the key in " + keyFile, timeout.Token).ConfigureAwait(false);
            status = await client.GetStatusAsync(timeout.Token).ConfigureAwait(false);
            info = await ReadInfoAsync(client, timeout.Token).ConfigureAwait(false);
        }
        catch (ProvisioningFailure failure) when (keyFile is null)
        {
            problems.Add("a new session with the new key failed: " + failure.Message);
            return (new DeviceRecordVerification("failed", false, null, null, problems), null);
        }
        catch (Exception ex) when (IsLinkLoss(ex, cancellationToken) && keyFile is null)
        {
            problems.Add("the link was lost while reading the device back (" + ex.Message + ")");
            return (new DeviceRecordVerification("failed", false, null, null, problems), null);
        }
        catch (Exception ex) when (IsLinkLoss(ex, cancellationToken))
        {
            throw new ProvisioningFailure("link lost while reading the device back: " + ex.Message, RunAgain + "; nothing was changed");
        }
        finally
        {
            await CloseAsync(client, null).ConfigureAwait(false);
        }

        _output.WriteLine("read back over a new session with " + (keyFile is null ? "the new key" : "the key in " + keyFile));
        if (!status.Reply.IsOk || !status.Status.Provisioned || !info.Provisioned)
        {
            problems.Add("the device reports Provisioned = false (no valid configuration, or stored settings refused by the safety supervisor)");
        }

        bool? identityMatches = null;
        if (serial is not null)
        {
            identityMatches = info.SerialNumber == serial && (revision is null || info.HardwareRevision == revision);
            if (identityMatches == false)
            {
                problems.Add("identity read back is " + info.SerialNumber + " / " + info.HardwareRevision + ", expected " + serial + (revision is null ? string.Empty : " / " + revision));
            }
        }

        bool? settingsMatch = null;
        if (settings is not null)
        {
            var different = SettingsFieldInfo.FirstDifference(settings, info.Settings);
            settingsMatch = different is null;
            if (different is not null)
            {
                problems.Add("setting " + different.JsonName + " reads back as " + different.Get(info.Settings).ToString(CultureInfo.InvariantCulture)
                    + ", written " + different.Get(settings).ToString(CultureInfo.InvariantCulture));
            }
        }

        bool provisioned = status.Status.Provisioned && info.Provisioned;
        return (new DeviceRecordVerification(problems.Count == 0 ? "passed" : "failed", provisioned, identityMatches, settingsMatch, problems), info);
    }

    private DeviceRecord BuildRecord(string action, (DeviceRecordVerification Verification, LinkDeviceInfo? Info) readBack, byte[] key, bool provisioned)
    {
        string now = _clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        LinkDeviceInfo info = readBack.Info ?? new LinkDeviceInfo();
        return new DeviceRecord(
            DeviceRecord.CurrentFormat,
            DeviceRecord.RecordKind,
            action,
            info.SerialNumber,
            info.HardwareRevision,
            info.FirmwareVersion,
            info.ConfigGeneration,
            provisioned ? now : null,
            provisioned ? null : now,
            _connector.Description,
            DeviceRecordSettings.From(info.Settings),
            KeyFingerprint.Of(key),
            readBack.Verification);
    }

    private void PrintSummary(DeviceRecord record, string? keyPath)
    {
        _output.WriteLine("device record (" + record.Action + "):");
        _output.WriteLine("  serial number      " + record.SerialNumber);
        _output.WriteLine("  hardware revision  " + record.HardwareRevision);
        _output.WriteLine("  firmware version   " + record.FirmwareVersion);
        _output.WriteLine("  config generation  " + record.ConfigGeneration.ToString(CultureInfo.InvariantCulture));
        _output.WriteLine("  " + (record.ProvisionedAt is not null ? "provisioned at     " + record.ProvisionedAt : "checked at         " + record.CheckedAt));
        var s = record.Settings;
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  settings           link timeout {s.LinkTimeoutMilliseconds} ms, over-temperature {s.OverTemperatureCentiCelsius} c°C, rearm {s.RearmCountPermille} ‰ / {s.RearmHeartbeats} heartbeats, counter gain {s.CounterGainPermille} ‰, temperature offset {s.TemperatureOffsetCentiCelsius} c°C"));
        _output.WriteLine("  key fingerprint    " + record.KeyFingerprint + " (SHA-256 of the key, first 8 bytes)");
        if (keyPath is not null)
        {
            _output.WriteLine("  key file           " + keyPath + " (owner-only; give it to the clinic's console, keep it out of repositories)");
        }

        _output.WriteLine("  verification       " + record.Verification.Result);
    }

    /// <summary>Closing a link that already broke may throw; the outcome was decided before.</summary>
    private static async Task CloseAsync(ConsoleLinkClient? client, ILinkTransport? transport)
    {
        try
        {
            if (client is not null)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
            else if (transport is not null)
            {
                await transport.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or OperationCanceledException)
        {
        }
    }

    private static ProvisioningFailure LinkLost(Exception? cause) => new(
        "link lost during provisioning" + (cause is null ? string.Empty : " (" + cause.Message + ")") + ": nothing was committed; the previous configuration is intact (a factory board stays in factory state)",
        RunAgain);

    private static bool IsLinkLoss(Exception ex, CancellationToken userToken) =>
        ex is IOException or ObjectDisposedException or SocketException or LinkProtocolException
        || (ex is OperationCanceledException && !userToken.IsCancellationRequested);

    private static async Task<T> Guard<T>(Func<Task<T>> step, string what)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (LinkProtocolException ex)
        {
            throw new ProvisioningFailure("the device did not answer " + what + " as expected: " + ex.Message, RunAgain + "; nothing was changed");
        }
    }

    private enum CommitState
    {
        NotSent,
        Sent,
        Unknown,
        Committed,
    }
}
