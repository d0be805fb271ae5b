using System;
using ChamberFirmware.Hal.Clock;
using ChamberFirmware.Hal.I2c;
using ChamberFirmware.Hal.Sensors;

namespace ChamberFirmware.Hal.Drivers.Counter
{
    /// <summary>
    /// Driver of the NC24 nanobot counter. <see cref="TryRead"/> reads the measurement block in
    /// one transfer and reports every bus or data failure as a <see cref="SensorReadStatus"/>; it
    /// never throws and never allocates (buffers are preallocated).
    /// What it does NOT judge: a reading that stops changing, a sequence number that stops
    /// advancing, or a reading that is old. Those need history and time, so the supervisor judges
    /// them from <see cref="NanobotCountSample.SequenceNumber"/> and
    /// <see cref="NanobotCountSample.ReadTimeMicroseconds"/>.
    /// Not thread-safe: one caller (the supervisor thread) owns it.
    /// </summary>
    public sealed class NanobotCounter
    {
        private readonly II2cDevice _device;
        private readonly IMonotonicClock _clock;
        private readonly byte[] _pointer = new byte[1];
        private readonly byte[] _block = new byte[NanobotCounterIdentity.MeasurementBlockLength];
        private readonly byte[] _control = new byte[2];
        private int _conversionTimeMicroseconds;

        public NanobotCounter(II2cDevice device, IMonotonicClock clock)
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

        /// <summary>The part's conversion time as it reported it at <see cref="Initialize"/>; 0 before.</summary>
        public int ConversionTimeMicroseconds => _conversionTimeMicroseconds;

        /// <summary>
        /// Checks the device ID, reads the conversion time and starts continuous conversion.
        /// Ok only if all three worked; InvalidData for a wrong ID or a zero conversion time.
        /// </summary>
        public SensorReadStatus Initialize()
        {
            SensorReadStatus status = ReadRegisters((byte)NanobotCounterRegister.DeviceIdHigh, 2);
            if (status != SensorReadStatus.Ok)
            {
                return status;
            }

            if (((_block[0] << 8) | _block[1]) != NanobotCounterIdentity.DeviceId)
            {
                return SensorReadStatus.InvalidData;
            }

            status = ReadRegisters((byte)NanobotCounterRegister.ConversionTime, 1);
            if (status != SensorReadStatus.Ok)
            {
                return status;
            }

            if (_block[0] == 0)
            {
                return SensorReadStatus.InvalidData;
            }

            _conversionTimeMicroseconds = _block[0] * NanobotCounterIdentity.ConversionTimeUnitMicroseconds;

            _control[0] = (byte)NanobotCounterRegister.Control;
            _control[1] = NanobotCounterIdentity.ControlRun;
            I2cTransferStatus transfer = _device.Write(_control, 0, 2, out int moved);
            return SensorStatusMapping.FromTransfer(transfer, moved, 2);
        }

        /// <summary>
        /// Reads one measurement into <paramref name="sample"/>. Checked in this order: transfer,
        /// CRC, reserved and fault status bits, data-ready, range. Only Ok fills the sample.
        /// </summary>
        public SensorReadStatus TryRead(NanobotCountSample sample)
        {
            if (sample == null)
            {
                return SensorReadStatus.InvalidData;
            }

            SensorReadStatus status = ReadRegisters((byte)NanobotCounterRegister.Status, NanobotCounterIdentity.MeasurementBlockLength);
            if (status != SensorReadStatus.Ok)
            {
                return status;
            }

            if (NanobotCounterCrc.Compute(_block, 0, 5) != _block[5])
            {
                return SensorReadStatus.CrcMismatch;
            }

            int statusBits = _block[0];
            if ((statusBits & (NanobotCounterStatus.ReservedMask | NanobotCounterStatus.SensorFault)) != 0)
            {
                return SensorReadStatus.InvalidData;
            }

            if ((statusBits & NanobotCounterStatus.DataReady) == 0)
            {
                return SensorReadStatus.NotReady;
            }

            int count = (_block[2] << 16) | (_block[3] << 8) | _block[4];
            if ((statusBits & NanobotCounterStatus.Overflow) != 0 || count > NanobotCounterIdentity.FullScaleCount)
            {
                return SensorReadStatus.OutOfRange;
            }

            sample.Count = count;
            sample.SequenceNumber = _block[1];
            sample.StatusBits = statusBits;
            sample.ReadTimeMicroseconds = _clock.NowMicroseconds;
            return SensorReadStatus.Ok;
        }

        private SensorReadStatus ReadRegisters(byte register, int count)
        {
            _pointer[0] = register;
            I2cTransferStatus transfer = _device.WriteRead(_pointer, 0, 1, _block, 0, count, out int moved);
            return SensorStatusMapping.FromTransfer(transfer, moved, 1 + count);
        }
    }
}
