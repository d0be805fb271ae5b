namespace ChamberFirmware.Hal.Drivers.Temperature
{
    /// <summary>Bits and figures of the temperature sensor's Configuration register (TMP117 layout).</summary>
    public static class TemperatureSensorConfiguration
    {
        public const int HighAlert = 0x8000;
        public const int LowAlert = 0x4000;

        /// <summary>A conversion completed since Configuration or the result was last read.</summary>
        public const int DataReady = 0x2000;

        public const int EepromBusy = 0x1000;

        /// <summary>Power-on value: continuous, 8 averages, 1 s cycle.</summary>
        public const int PowerOnValue = 0x0220;

        /// <summary>
        /// What this board writes: continuous mode, CONV=000, AVG=00 (no averaging) = a 15.5 ms
        /// cycle, alert pin as alert, active low, reserved bit 0.
        /// </summary>
        public const int BoardSetting = 0x0000;

        /// <summary>
        /// Bits whose value the driver knows after <see cref="BoardSetting"/> is written: EEPROM
        /// busy, MOD, CONV, AVG, T/nA, POL, DR/Alert, soft reset, reserved. Any difference means
        /// garbage on the bus or a part that reset behind our back.
        /// </summary>
        public const int KnownBitsMask = 0x1FFF;

        public const int DeviceId = 0x0117;
        public const int DeviceIdMask = 0x0FFF;

        /// <summary>The result register's reset value: no conversion since power-on.</summary>
        public const int NoConversionResult = 0x8000;

        /// <summary>The part's specified range, 0.01 °C.</summary>
        public const int MinimumCentiCelsius = -5500;
        public const int MaximumCentiCelsius = 15000;

        /// <summary>Conversion cycle with <see cref="BoardSetting"/>.</summary>
        public const int ConversionCycleMicroseconds = 15500;
    }
}
