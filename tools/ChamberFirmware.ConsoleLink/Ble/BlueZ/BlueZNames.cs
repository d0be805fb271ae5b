namespace ChamberFirmware.ConsoleLink.Ble.BlueZ;

/// <summary>
/// Bus names, interfaces and error names of BlueZ's D-Bus API as its documents spell them
/// (doc/org.bluez.*.rst) and of the bus itself (D-Bus specification). One place, so the client and
/// the test stand-in cannot drift apart on a spelling.
/// </summary>
public static class BlueZNames
{
    public const string Service = "org.bluez";
    public const string RootPath = "/";
    public const string AdapterPathPrefix = "/org/bluez/";

    public const string ObjectManagerInterface = "org.freedesktop.DBus.ObjectManager";
    public const string AdapterInterface = "org.bluez.Adapter1";
    public const string DeviceInterface = "org.bluez.Device1";
    public const string GattServiceInterface = "org.bluez.GattService1";
    public const string GattCharacteristicInterface = "org.bluez.GattCharacteristic1";

    public const string ErrorFailed = "org.bluez.Error.Failed";
    public const string ErrorNotReady = "org.bluez.Error.NotReady";
    public const string ErrorInProgress = "org.bluez.Error.InProgress";
    public const string ErrorAlreadyConnected = "org.bluez.Error.AlreadyConnected";
    public const string ErrorNotConnected = "org.bluez.Error.NotConnected";
    public const string ErrorNotPermitted = "org.bluez.Error.NotPermitted";
    public const string ErrorNotAuthorized = "org.bluez.Error.NotAuthorized";
    public const string ErrorNotSupported = "org.bluez.Error.NotSupported";
    public const string ErrorInvalidValueLength = "org.bluez.Error.InvalidValueLength";
    public const string ErrorAlreadyExists = "org.bluez.Error.AlreadyExists";
    public const string ErrorAuthenticationCanceled = "org.bluez.Error.AuthenticationCanceled";
    public const string ErrorAuthenticationFailed = "org.bluez.Error.AuthenticationFailed";
    public const string ErrorAuthenticationRejected = "org.bluez.Error.AuthenticationRejected";
    public const string ErrorAuthenticationTimeout = "org.bluez.Error.AuthenticationTimeout";
    public const string ErrorConnectionAttemptFailed = "org.bluez.Error.ConnectionAttemptFailed";

    /// <summary>bluetoothd's message with ErrorFailed on a GATT call to a device that is not connected (src/gatt-client.c).</summary>
    public const string MessageNotConnected = "Not connected";

    /// <summary>bluetoothd's message with ErrorNotPermitted when the peer answered ATT Insufficient Encryption/Authentication.</summary>
    public const string MessageNotPaired = "Not paired";

    public const string BusErrorAccessDenied = "org.freedesktop.DBus.Error.AccessDenied";
    public const string BusErrorServiceUnknown = "org.freedesktop.DBus.Error.ServiceUnknown";
    public const string BusErrorUnknownObject = "org.freedesktop.DBus.Error.UnknownObject";
    public const string BusErrorNoReply = "org.freedesktop.DBus.Error.NoReply";
}
