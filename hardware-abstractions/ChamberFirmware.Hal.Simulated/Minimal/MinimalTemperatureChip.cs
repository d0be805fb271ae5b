using ChamberFirmware.Hal.Drivers.Temperature;

namespace ChamberFirmware.Hal.Simulated.Minimal
{
    /// <summary>
    /// The chamber temperature sensor as a register image: configured as the board sets it, data
    /// always ready, and a result that alternates between 36.00 and 36.01 °C (a live part jitters;
    /// a reading frozen for 5 s is a fault). Two of the part's steps, as one step of 7.8125 m°C
    /// can round to the same 0.01 °C.
    /// </summary>
    public sealed class MinimalTemperatureChip : MinimalRegisterChip
    {
        /// <summary>36.00 °C in the part's 7.8125 m°C steps.</summary>
        public const int RawResult = 4608;

        private int _configuration = TemperatureSensorConfiguration.PowerOnValue;
        private int _conversions;

        protected override void WriteRegisters(byte[] data, int offset, int count)
        {
            if (count >= 2 && Pointer == (int)TemperatureSensorRegister.Configuration)
            {
                _configuration = (data[offset] << 8) | data[offset + 1];
            }
        }

        protected override void Fill(byte[] buffer, int offset, int count)
        {
            int word;
            switch (Pointer)
            {
                case (int)TemperatureSensorRegister.DeviceId:
                    word = TemperatureSensorConfiguration.DeviceId;
                    break;
                case (int)TemperatureSensorRegister.Configuration:
                    word = _configuration | TemperatureSensorConfiguration.DataReady;
                    break;
                case (int)TemperatureSensorRegister.TemperatureResult:
                    _conversions++;
                    word = RawResult + 2 * (_conversions & 1);
                    break;
                default:
                    word = 0;
                    break;
            }

            for (int i = 0; i < count; i++)
            {
                buffer[offset + i] = (byte)((i & 1) == 0 ? word >> 8 : word);
            }
        }
    }
}
