namespace ChamberFirmware.Core.Diagnostics
{
    /// <summary>
    /// What a diagnostics transport (the BLE GATT adapter, the host WebSocket bridge) may do: read
    /// payloads. Nothing here can change actuation, configuration or chamber state.
    /// </summary>
    public interface IDiagnosticsReader
    {
        /// <summary>
        /// Encodes characteristic <paramref name="characteristic"/> (a <see cref="DiagnosticsCharacteristic"/>
        /// id) into <paramref name="buffer"/> at <paramref name="offset"/>. Returns the payload length,
        /// or a negative <see cref="DiagnosticsReadError"/> value. Never allocates.
        /// </summary>
        int Read(int characteristic, byte[] buffer, int offset);
    }
}
