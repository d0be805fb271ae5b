using System;
using ChamberFirmware.ConsoleLink.Ble.BlueZ;
using Tmds.DBus;

namespace ChamberFirmware.ConsoleLink.Ble;

/// <summary>Turns the bus's and BlueZ's error names into a <see cref="BleFailure"/> with a next step for a technician.</summary>
internal static class BlueZErrors
{
    public const string PermissionStep =
        "add this user to the 'bluetooth' group (sudo usermod -aG bluetooth $USER), log out and in again, then run the command again (docs/flashing.md, BlueZ set-up)";

    public const string BluetoothdStep =
        "start BlueZ (sudo systemctl enable --now bluetooth), plug in or enable the Bluetooth adapter, then run the command again";

    public static BleFailure From(DBusException error, string step, string target)
    {
        string why = error.ErrorName + ": " + error.ErrorMessage;
        return error.ErrorName switch
        {
            BlueZNames.BusErrorAccessDenied => new BleFailure(BleFailureKind.PermissionDenied,
                "no permission to use Bluetooth (" + step + " refused by the system bus: " + why + ")", PermissionStep, error),
            BlueZNames.BusErrorServiceUnknown => new BleFailure(BleFailureKind.NoAdapter,
                "BlueZ (bluetoothd) is not running on this computer (" + why + ")", BluetoothdStep, error),
            BlueZNames.ErrorNotReady => new BleFailure(BleFailureKind.AdapterOff,
                "the Bluetooth adapter is not ready: it is powered off or blocked (" + step + ": " + why + ")",
                "switch Bluetooth on (bluetoothctl power on; check rfkill list), then run the command again", error),
            BlueZNames.ErrorAuthenticationFailed or BlueZNames.ErrorAuthenticationRejected or BlueZNames.ErrorAuthenticationCanceled
                or BlueZNames.ErrorAuthenticationTimeout => new BleFailure(BleFailureKind.PairingRefused,
                "pairing with " + target + " was refused (" + why + "): the control link needs an encrypted, authenticated (bonded) link",
                "pair once with bluetoothctl (agent on; pair ADDRESS; confirm the passkey the board shows), then run the command again; if the board was re-flashed, remove the old bond first (bluetoothctl remove ADDRESS)", error),
            BlueZNames.ErrorNotAuthorized or BlueZNames.ErrorNotPermitted => new BleFailure(BleFailureKind.PairingRefused,
                target + " refused " + step + " (" + why + "): the link is not bonded (encrypted and authenticated)",
                "pair once with bluetoothctl (agent on; pair ADDRESS), then run the command again", error),
            BlueZNames.ErrorNotConnected => new BleFailure(BleFailureKind.LinkDropped,
                "the Bluetooth link to " + target + " dropped (" + step + ": " + why + ")",
                "bring the laptop closer to the chamber and run the command again", error),
            BlueZNames.ErrorAlreadyConnected or BlueZNames.ErrorInProgress => new BleFailure(BleFailureKind.CentralAlreadyBound,
                target + " is already being connected or used by another program on this computer (" + why + ")",
                "close the other program (or bluetoothctl disconnect ADDRESS), then run the command again", error),
            _ => new BleFailure(BleFailureKind.Failed,
                step + " failed for " + target + " (" + why + ")",
                "check that the chamber is powered and in range; if another console is connected to it, it does not accept a second one; then run the command again", error),
        };
    }
}
