using System;
using System.Collections.Generic;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Link;

namespace ChamberFirmware.Core.Tests.Link;

/// <summary>A transactional store in memory; also the link's key source, as the real store will be.</summary>
public sealed class FakeProvisioningTarget : IProvisioningTarget, ILinkKeySource
{
    private byte[]? _stagedKey;
    private bool _open;

    public FakeProvisioningTarget(byte[]? committedKey = null)
    {
        CommittedKey = committedKey;
    }

    public byte[]? CommittedKey { get; private set; }
    public string? SerialNumber { get; private set; }
    public string? HardwareRevision { get; private set; }
    public ChamberSettings? Settings { get; private set; }
    public List<string> Calls { get; } = new();
    public CommandResult CommitResult { get; set; } = CommandResult.Ok;

    private string? _stagedSerial;
    private string? _stagedRevision;
    private ChamberSettings? _stagedSettings;

    public bool IsFactoryState => CommittedKey == null;

    public CommandResult Begin()
    {
        Calls.Add("Begin");
        _open = true;
        _stagedKey = null;
        _stagedSerial = null;
        _stagedRevision = null;
        _stagedSettings = null;
        return CommandResult.Ok;
    }

    public CommandResult StageIdentity(string serialNumber, string hardwareRevision)
    {
        Calls.Add("StageIdentity");
        _stagedSerial = serialNumber;
        _stagedRevision = hardwareRevision;
        return _open ? CommandResult.Ok : CommandResult.InvalidState;
    }

    public CommandResult StageLinkKey(byte[] key, int offset, int count)
    {
        Calls.Add("StageLinkKey");
        _stagedKey = key.AsSpan(offset, count).ToArray();
        return _open ? CommandResult.Ok : CommandResult.InvalidState;
    }

    public CommandResult StageSettings(ChamberSettings settings, out SettingsField rejectedField)
    {
        Calls.Add("StageSettings");
        rejectedField = SettingsField.None;
        _stagedSettings = settings;
        return CommandResult.Ok;
    }

    /// <summary>The stored configuration is lost (a store found corrupt at boot): back in factory state.</summary>
    public void LoseConfiguration() => CommittedKey = null;

    public CommandResult Commit()
    {
        Calls.Add("Commit");
        if (!_open || CommitResult != CommandResult.Ok)
        {
            return _open ? CommitResult : CommandResult.InvalidState;
        }

        _open = false;
        CommittedKey = _stagedKey ?? CommittedKey;
        SerialNumber = _stagedSerial ?? SerialNumber;
        HardwareRevision = _stagedRevision ?? HardwareRevision;
        Settings = _stagedSettings ?? Settings;
        return CommandResult.Ok;
    }

    public void Abort()
    {
        Calls.Add("Abort");
        _open = false;
    }

    public int CopyLinkKey(byte[] destination, int offset)
    {
        if (CommittedKey == null || destination.Length - offset < CommittedKey.Length)
        {
            return 0;
        }

        Array.Copy(CommittedKey, 0, destination, offset, CommittedKey.Length);
        return CommittedKey.Length;
    }
}
