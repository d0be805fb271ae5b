using System;
using ChamberFirmware.Hal.Clock;
using ChamberFirmware.Hal.I2c;
using ChamberFirmware.Hal.Sensors;

namespace ChamberFirmware.Hal.Drivers.Temperature
{
    /// <summary>
    /// Driver of the chamber temperature sensor (TMP117-compatible). The part has no CRC, so
    /// <see cref="TryRead"/> checks what it can: every Configuration bit the driver set must read
    /// back as set (garbage or a silent reset of the part shows there), the result must not be the
    /// power-on value, and it must lie in the part's range. Never throws, never allocates.
    /// Like the counter driver it does not judge staleness or a frozen value: the supervisor does.
    /// </summary>
    public sealed class ChamberTemperatureSensor
    {
        private readonly II2cDevice _device;
        private readonly IMonotonicClock _clock;
        private readonly byte[] _pointer = new byte[1];
        private readonly byte[] _word = new byte[2];
        private readonly byte[] _write = new byte[3];

        public ChamberTemperatureSensor(II2cDevice device, IMonotonicClock clock)
        {
            if (device == null)
            {
                throw new ArgumentNullException(nameof(device));
            }

            if (clock == null)
            {
                throw new ArgumentNullException(nameof(clock));
            }

            _device = device;
            _clock = clock;
        }

        /// <summary>Checks the device ID, writes the board's configuration and reads it back.</summary>
        public SensorReadStatus Initialize()
        {
            SensorReadStatus status = ReadWord((byte)TemperatureSensorRegister.DeviceId);
            if (status != SensorReadStatus.Ok)
            {
                return status;
            }

            if ((Word() & TemperatureSensorConfiguration.DeviceIdMask) != TemperatureSensorConfiguration.DeviceId)
            {
                return SensorReadStatus.InvalidData;
            }

            _write[0] = (byte)TemperatureSensorRegister.Configuration;
            _write[1] = (byte)(TemperatureSensorConfiguration.BoardSetting >> 8);
            _write[2] = (byte)(TemperatureSensorConfiguration.BoardSetting & 0xFF);
            I2cTransferStatus transfer = _device.Write(_write, 0, 3, out int moved);
            status = SensorStatusMapping.FromTransfer(transfer, moved, 3);
            if (status != SensorReadStatus.Ok)
            {
                return status;
            }

            status = ReadWord((byte)TemperatureSensorRegister.Configuration);
            if (status != SensorReadStatus.Ok)
            {
                return status;
            }

            return (Word() & TemperatureSensorConfiguration.KnownBitsMask) == TemperatureSensorConfiguration.BoardSetting
                ? SensorReadStatus.Ok
                : SensorReadStatus.InvalidData;
        }

        /// <summary>
        /// Reads Configuration (data-ready and the known bits), then the result. Only Ok fills
        /// <paramref name="sample"/>.
        /// </summary>
        public SensorReadStatus TryRead(TemperatureSample sample)
        {
            if (sample == null)
            {
                return SensorReadStatus.InvalidData;
            }

            SensorReadStatus status = ReadWord((byte)TemperatureSensorRegister.Configuration);
            if (status != SensorReadStatus.Ok)
            {
                return status;
            }

            int configuration = Word();
            if ((configuration & TemperatureSensorConfiguration.KnownBitsMask) != TemperatureSensorConfiguration.BoardSetting)
            {
                return SensorReadStatus.InvalidData;
            }

            if ((configuration & TemperatureSensorConfiguration.DataReady) == 0)
            {
                return SensorReadStatus.NotReady;
            }

            status = ReadWord((byte)TemperatureSensorRegister.TemperatureResult);
            if (status != SensorReadStatus.Ok)
            {
                return status;
            }

            int raw = Word();
            if (raw == TemperatureSensorConfiguration.NoConversionResult)
            {
                return SensorReadStatus.InvalidData;
            }

            // Sign-extend the 16-bit two's complement value; 7.8125 m°C = 25/32 of 0.01 °C.
            if (raw >= 0x8000)
            {
                raw -= 0x10000;
            }

            int centiCelsius = RawToCentiCelsius(raw);
            if (centiCelsius < TemperatureSensorConfiguration.MinimumCentiCelsius || centiCelsius > TemperatureSensorConfiguration.MaximumCentiCelsius)
            {
                return SensorReadStatus.OutOfRange;
            }

            sample.CentiCelsius = centiCelsius;
            sample.ReadTimeMicroseconds = _clock.NowMicroseconds;
            return SensorReadStatus.Ok;
        }

        /// <summary>Raw result (signed, 7.8125 m°C per LSB) to 0.01 °C, rounded toward zero.</summary>
        public static int RawToCentiCelsius(int raw)
        {
            return raw * 25 / 32;
        }

        private SensorReadStatus ReadWord(byte register)
        {
            _pointer[0] = register;
            I2cTransferStatus transfer = _device.WriteRead(_pointer, 0, 1, _word, 0, 2, out int moved);
            return SensorStatusMapping.FromTransfer(transfer, moved, 3);
        }

        private int Word()
        {
            return (_word[0] << 8) | _word[1];
        }
    }
}
