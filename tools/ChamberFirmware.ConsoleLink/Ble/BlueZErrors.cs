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

    /// <summary>
    /// Whether BlueZ's answer means the LE link is gone: Error.NotConnected, bluetoothd's GATT-call
    /// answer Error.Failed "Not connected", or the GATT object already removed (UnknownObject).
    /// </summary>
    public static bool MeansDisconnected(DBusException error) =>
        error.ErrorName == BlueZNames.ErrorNotConnected
        || error.ErrorName == BlueZNames.BusErrorUnknownObject
        || (error.ErrorName == BlueZNames.ErrorFailed && error.ErrorMessage == BlueZNames.MessageNotConnected);

    public static BleFailure From(DBusException error, string step, string target)
    {
        if (MeansDisconnected(error))
        {
            return new BleFailure(BleFailureKind.LinkDropped,
                "the Bluetooth link to " + target + " dropped (" + step + ": " + error.ErrorName + ": " + error.ErrorMessage + ")",
                "bring the laptop closer to the chamber and run the command again", error);
        }

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
                "pairing with " + target + " was refused (" + why + "): the chamber's services need an encrypted (bonded) link",
                "pair once with bluetoothctl (agent NoInputNoOutput; default-agent; pair ADDRESS: the board pairs Just Works, there is no passkey), then run the command again; if the board was re-flashed with --masserase, remove the old bond first (bluetoothctl remove ADDRESS)", error),
            BlueZNames.ErrorNotAuthorized or BlueZNames.ErrorNotPermitted => new BleFailure(BleFailureKind.PairingRefused,
                target + " refused " + step + " (" + why + "): the link is not bonded (not encrypted)",
                "pair once with bluetoothctl (agent NoInputNoOutput; default-agent; pair ADDRESS), then run the command again", error),
            BlueZNames.ErrorAlreadyConnected or BlueZNames.ErrorInProgress => new BleFailure(BleFailureKind.CentralAlreadyBound,
                target + " is already being connected or used by another program on this computer (" + why + ")",
                "close the other program (or bluetoothctl disconnect ADDRESS), then run the command again", error),
            _ => new BleFailure(BleFailureKind.Failed,
                step + " failed for " + target + " (" + why + ")",
                "check that the chamber is powered and in range; if another console is connected to it, it does not accept a second one; then run the command again", error),
        };
    }
}
