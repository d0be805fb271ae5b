using ChamberFirmware.Hal.I2c;

namespace ChamberFirmware.Starvation
{
    /// <summary>A simulated I2C device whose transfers hold the sensor bus and are counted by the <see cref="BoardMeter"/> at their bus time.</summary>
    public sealed class MeteredI2cDevice : II2cDevice
    {
        private readonly II2cDevice _inner;
        private readonly BoardMeter _meter;

        public MeteredI2cDevice(II2cDevice inner, BoardMeter meter)
        {
            _inner = inner;
            _meter = meter;
        }

        public I2cTransferStatus Write(byte[] buffer, int offset, int count, out int bytesTransferred)
        {
            long waiting = _meter.Start();
            lock (_meter.Bus)
            {
                _meter.Waited(waiting);
                long start = _meter.Start();
                I2cTransferStatus status = _inner.Write(buffer, offset, count, out bytesTransferred);
                _meter.Stop(start, BoardMeter.I2cMicroseconds(count, 1));
                return status;
            }
        }

        public I2cTransferStatus Read(byte[] buffer, int offset, int count, out int bytesTransferred)
        {
            long waiting = _meter.Start();
            lock (_meter.Bus)
            {
                _meter.Waited(waiting);
                long start = _meter.Start();
                I2cTransferStatus status = _inner.Read(buffer, offset, count, out bytesTransferred);
                _meter.Stop(start, BoardMeter.I2cMicroseconds(count, 1));
                return status;
            }
        }

        public I2cTransferStatus WriteRead(byte[] writeBuffer, int writeOffset, int writeCount, byte[] readBuffer, int readOffset, int readCount, out int bytesTransferred)
        {
            long waiting = _meter.Start();
            lock (_meter.Bus)
            {
                _meter.Waited(waiting);
                long start = _meter.Start();
                I2cTransferStatus status = _inner.WriteRead(writeBuffer, writeOffset, writeCount, readBuffer, readOffset, readCount, out bytesTransferred);
                _meter.Stop(start, BoardMeter.I2cMicroseconds(writeCount + readCount, 2));
                return status;
            }
        }
    }
}
