namespace ChamberFirmware.Tools.Tests.Provisioning;

/// <summary>Which link the shared provisioning and diagnostics test bodies run over.</summary>
public enum LinkKind
{
    /// <summary>TCP on 127.0.0.1 (TcpLinkServerHost), as the simulator serves it.</summary>
    Tcp,

    /// <summary>Bluetooth LE through BlueZ's D-Bus API, against the stand-in BlueZ on a private bus.</summary>
    Ble,
}
