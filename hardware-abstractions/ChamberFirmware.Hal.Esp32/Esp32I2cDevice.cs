using System;
using System.Device.I2c;
using ChamberFirmware.Hal.I2c;

namespace ChamberFirmware.Hal.Esp32
{
    /// <summary>
    /// <see cref="II2cDevice"/> over a nanoFramework I2cDevice. Each call is one native transfer;
    /// arrays are wrapped without copying in SpanByte(array, start, length).
    /// Signatures: nanoframework/System.Device.I2c, System.Device.I2c/I2cDevice.cs
    /// (I2cTransferResult Write(SpanByte), Read(SpanByte), WriteRead(SpanByte, SpanByte) in the
    /// 1.1.x packages; the repository's main branch has moved to Span&lt;byte&gt; for the generics
    /// preview), I2cTransferResult.cs (uint BytesTransferred, I2cTransferStatus Status),
    /// I2cTransferStatus.cs; nanoframework/CoreLibrary, nanoFramework.CoreLibrary/System/SpanByte.cs
    /// (SpanByte(byte[] array, int start, int length)).
    /// </summary>
    public sealed class Esp32I2cDevice : II2cDevice
    {
        private readonly I2cDevice _device;

        public Esp32I2cDevice(I2cDevice device)
        {
            _device = device;
        }

        public I2cTransferOutcome Write(byte[] buffer, int offset, int count)
        {
            try
            {
                return Translate(_device.Write(new SpanByte(buffer, offset, count)));
            }
            catch (Exception)
            {
                // A disposed device or bad bounds: the HAL promises a status, never an exception.
                return new I2cTransferOutcome(Hal.I2c.I2cTransferStatus.UnknownError, 0);
            }
        }

        public I2cTransferOutcome Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return Translate(_device.Read(new SpanByte(buffer, offset, count)));
            }
            catch (Exception)
            {
                return new I2cTransferOutcome(Hal.I2c.I2cTransferStatus.UnknownError, 0);
            }
        }

        public I2cTransferOutcome WriteRead(byte[] writeBuffer, int writeOffset, int writeCount, byte[] readBuffer, int readOffset, int readCount)
        {
            try
            {
                return Translate(_device.WriteRead(new SpanByte(writeBuffer, writeOffset, writeCount), new SpanByte(readBuffer, readOffset, readCount)));
            }
            catch (Exception)
            {
                return new I2cTransferOutcome(Hal.I2c.I2cTransferStatus.UnknownError, 0);
            }
        }

        private static I2cTransferOutcome Translate(I2cTransferResult result)
        {
            return new I2cTransferOutcome(TranslateStatus(result.Status), (int)result.BytesTransferred);
        }

        private static Hal.I2c.I2cTransferStatus TranslateStatus(System.Device.I2c.I2cTransferStatus status)
        {
            switch (status)
            {
                case System.Device.I2c.I2cTransferStatus.FullTransfer:
                    return Hal.I2c.I2cTransferStatus.FullTransfer;
                case System.Device.I2c.I2cTransferStatus.PartialTransfer:
                    return Hal.I2c.I2cTransferStatus.PartialTransfer;
                case System.Device.I2c.I2cTransferStatus.ClockStretchTimeout:
                    return Hal.I2c.I2cTransferStatus.ClockStretchTimeout;
                case System.Device.I2c.I2cTransferStatus.SlaveAddressNotAcknowledged:
                    return Hal.I2c.I2cTransferStatus.SlaveAddressNotAcknowledged;
                default:
                    return Hal.I2c.I2cTransferStatus.UnknownError;
            }
        }
    }
}
