using System;
using ChamberFirmware.Hal.Drivers.Counter;

namespace ChamberFirmware.Hal.Simulated.Minimal
{
    /// <summary>
    /// The nanobot counter as the cheapest honest register image: a new measurement at every block
    /// read (sequence + 1, a count that wanders by a few around <see cref="BaseCount"/>, so it is
    /// neither frozen nor jumping), with its CRC from a table made once. A block read is a copy of
    /// six bytes, about what the native I2C transfer costs the interpreter on the ESP32.
    /// </summary>
    public sealed class MinimalCounterChip : MinimalRegisterChip
    {
        public const int BaseCount = 2000;

        private const int BlockLength = NanobotCounterIdentity.MeasurementBlockLength;

        private readonly byte[] _blocks = new byte[256 * BlockLength];
        private int _sequence;

        public MinimalCounterChip()
        {
            for (int sequence = 0; sequence < 256; sequence++)
            {
                int offset = sequence * BlockLength;
                int count = BaseCount + (sequence & 3);
                _blocks[offset] = NanobotCounterStatus.DataReady;
                _blocks[offset + 1] = (byte)sequence;
                _blocks[offset + 2] = (byte)(count >> 16);
                _blocks[offset + 3] = (byte)(count >> 8);
                _blocks[offset + 4] = (byte)count;
                _blocks[offset + 5] = NanobotCounterCrc.Compute(_blocks, offset, 5);
            }
        }

        /// <summary>Block reads so far.</summary>
        public int Measurements;

        protected override void Fill(byte[] buffer, int offset, int count)
        {
            if (Pointer == (int)NanobotCounterRegister.Status)
            {
                _sequence = (_sequence + 1) & 0xFF;
                Measurements++;
                // One native copy, as the device's I2C driver fills the buffer natively.
                Array.Copy(_blocks, _sequence * BlockLength, buffer, offset, count < BlockLength ? count : BlockLength);
                return;
            }

            for (int i = 0; i < count; i++)
            {
                buffer[offset + i] = Register(Pointer + i);
            }
        }

        private static byte Register(int address)
        {
            switch (address)
            {
                case (int)NanobotCounterRegister.DeviceIdHigh:
                    return (byte)(NanobotCounterIdentity.DeviceId >> 8);
                case (int)NanobotCounterRegister.DeviceIdLow:
                    return (byte)(NanobotCounterIdentity.DeviceId & 0xFF);
                case (int)NanobotCounterRegister.ConversionTime:
                    return 50; // 5.0 ms
                default:
                    return 0;
            }
        }
    }
}
