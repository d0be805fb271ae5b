using ChamberFirmware.Core.Treatment;

namespace ChamberFirmware.Core.Diagnostics
{
    /// <summary>Decoded telemetry sample (20 bytes on the wire: fits one notification at the default ATT MTU).</summary>
    public sealed class TelemetryPayload
    {
        public ChamberState State;
        public int ActiveEmitterMask;
        /// <summary>Uptime in milliseconds, modulo 2^32.</summary>
        public uint UptimeMilliseconds;
        public int Count;
        public int GrowthPermillePerSecond;
        /// <summary>Link age in milliseconds, saturated at 65535 (also "no heartbeat yet").</summary>
        public int LinkAgeMilliseconds;
        public int TemperatureCentiCelsius;
    }
}
