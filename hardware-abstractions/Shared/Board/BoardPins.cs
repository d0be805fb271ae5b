namespace ChamberFirmware.Hal.Board
{
    /// <summary>
    /// The chamber controller board in portable constants: what is on it and how it is wired
    /// logically (which bus, which address, which polarity, which timing). The GPIO numbers of the
    /// ESP32 module are in <see cref="Esp32PinMap"/>. The full description, with the reasons, is in
    /// docs/hardware.md; keep the two in step.
    /// </summary>
    public static class BoardPins
    {
        /// <summary>Emitter channels on the board (equals Core's HardLimits.EmitterChannels; a test checks it).</summary>
        public const int EmitterChannelCount = 8;

        /// <summary>Mask with one bit per emitter channel.</summary>
        public const int AllEmitterChannelsMask = (1 << EmitterChannelCount) - 1;

        /// <summary>nanoFramework bus id of the sensor bus ("I2C1").</summary>
        public const int SensorBusId = 1;

        /// <summary>Sensor bus clock: 400 kHz fast mode.</summary>
        public const int SensorBusFrequencyHz = 400000;

        /// <summary>7-bit address of the nanobot counter.</summary>
        public const int NanobotCounterAddress = 0x36;

        /// <summary>7-bit address of the chamber temperature sensor (ADD0 tied to GND).</summary>
        public const int TemperatureSensorAddress = 0x48;

        /// <summary>
        /// The interlock's hold time: how long the emitter bank stays powered after the last
        /// keep-alive edge. 2.5 supervisor ticks: one late tick is tolerated, a hung CPU drops the
        /// bank within 25 ms.
        /// </summary>
        public const int KeepAliveHoldMicroseconds = 25000;

        /// <summary>The supervisor toggles the keep-alive once per tick of this period.</summary>
        public const int KeepAliveTogglePeriodMicroseconds = 10000;

        /// <summary>Emitter enable outputs are active high; the hardware pull-downs hold them low at reset.</summary>
        public const bool EmitterEnableActiveHigh = true;

        /// <summary>A fitted provisioning jumper reads high.</summary>
        public const bool ProvisioningJumperFittedHigh = true;
    }
}
