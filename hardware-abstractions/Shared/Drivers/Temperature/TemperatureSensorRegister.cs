namespace ChamberFirmware.Hal.Drivers.Temperature
{
    /// <summary>
    /// Register map of the chamber temperature sensor, a TMP117-compatible part: 16-bit registers,
    /// big-endian, selected by an 8-bit pointer (no auto-increment).
    /// </summary>
    public enum TemperatureSensorRegister : byte
    {
        /// <summary>Temperature, signed, 7.8125 m°C per LSB. Reset value 0x8000 (no conversion yet).</summary>
        TemperatureResult = 0x00,

        /// <summary>Configuration and status (see <see cref="TemperatureSensorConfiguration"/>). Reset value 0x0220.</summary>
        Configuration = 0x01,

        HighLimit = 0x02,
        LowLimit = 0x03,
        EepromUnlock = 0x04,
        Eeprom1 = 0x05,
        Eeprom2 = 0x06,
        TemperatureOffset = 0x07,
        Eeprom3 = 0x08,

        /// <summary>Device ID: bits 11..0 = 0x117, bits 15..12 = revision.</summary>
        DeviceId = 0x0F,
    }
}
