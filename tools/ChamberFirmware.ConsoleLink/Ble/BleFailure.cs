using System;
using System.IO;

namespace ChamberFirmware.ConsoleLink.Ble;

/// <summary>
/// A Bluetooth LE step failed: what, in plain words, and what the technician does next. An
/// IOException, so code written for any ILinkTransport treats a failed or dropped link as link loss.
/// </summary>
public sealed class BleFailure : IOException
{
    public BleFailure(BleFailureKind kind, string message, string nextStep, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        NextStep = nextStep;
    }

    public BleFailure()
        : this(BleFailureKind.Failed, "Bluetooth LE failed", string.Empty)
    {
    }

    public BleFailure(string message)
        : this(BleFailureKind.Failed, message, string.Empty)
    {
    }

    public BleFailure(string message, Exception innerException)
        : this(BleFailureKind.Failed, message, string.Empty, innerException)
    {
    }

    public BleFailureKind Kind { get; }

    public string NextStep { get; }
}
