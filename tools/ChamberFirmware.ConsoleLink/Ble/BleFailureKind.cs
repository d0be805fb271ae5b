namespace ChamberFirmware.ConsoleLink.Ble;

/// <summary>Why a Bluetooth LE link to a chamber could not be opened or did not last (each has its own message and next step).</summary>
public enum BleFailureKind
{
    /// <summary>No BlueZ on the system bus (bluetoothd not running) or no Bluetooth adapter.</summary>
    NoAdapter,

    /// <summary>The adapter is present but powered off (or blocked by rfkill).</summary>
    AdapterOff,

    /// <summary>The system bus policy refused this user (org.freedesktop.DBus.Error.AccessDenied).</summary>
    PermissionDenied,

    /// <summary>No chamber matching the target advertised within the scan time.</summary>
    DeviceNotFound,

    /// <summary>Pairing failed, was rejected, cancelled or timed out.</summary>
    PairingRefused,

    /// <summary>Another central holds the chamber (it stopped advertising, or another program on this computer is connected).</summary>
    CentralAlreadyBound,

    /// <summary>The negotiated ATT MTU cannot carry one link frame per write/notification.</summary>
    MtuTooSmall,

    /// <summary>The chamber does not expose the expected GATT service or characteristic.</summary>
    ServiceMissing,

    /// <summary>The link went down (disconnect, out of range) while in use.</summary>
    LinkDropped,

    /// <summary>Any other BlueZ refusal, with its error name.</summary>
    Failed,
}
