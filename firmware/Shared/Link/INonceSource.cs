namespace ChamberFirmware.Core.Link
{
    /// <summary>
    /// Fresh unpredictable bytes for session nonces. The device app supplies the ESP32 hardware
    /// RNG; the simulator a seeded source (reproducible runs, never on a device).
    /// </summary>
    public interface INonceSource
    {
        void Fill(byte[] buffer, int offset, int count);
    }
}
