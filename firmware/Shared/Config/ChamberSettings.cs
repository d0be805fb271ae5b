namespace ChamberFirmware.Core.Config
{
    /// <summary>
    /// Configuration a provisioned device keeps across resets and the console may change (within
    /// Safety.HardLimits) over the authenticated link. Defaults are the documented safe values.
    /// </summary>
    public sealed class ChamberSettings
    {
        /// <summary>Link-loss timeout: no valid heartbeat for this long cuts. Hard bounds 50..2000 ms.</summary>
        public int LinkTimeoutMilliseconds { get; set; } = 250;

        /// <summary>Chamber over-temperature cut, in hundredths of a degree Celsius.</summary>
        public int OverTemperatureCentiCelsius { get; set; } = 4200;

        /// <summary>A clear is accepted only with the count below this per-mille of the count limit.</summary>
        public int RearmCountPermille { get; set; } = 500;

        /// <summary>A clear needs this many consecutive valid heartbeats first.</summary>
        public int RearmHeartbeats { get; set; } = 5;

        /// <summary>Counter calibration gain, per-mille (1000 = as read).</summary>
        public int CounterGainPermille { get; set; } = 1000;

        /// <summary>Temperature calibration offset, hundredths of a degree Celsius.</summary>
        public int TemperatureOffsetCentiCelsius { get; set; }

        public ChamberSettings Clone()
        {
            return (ChamberSettings)MemberwiseClone();
        }
    }
}
