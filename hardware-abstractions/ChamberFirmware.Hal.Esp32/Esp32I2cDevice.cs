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
    /// SpanByte and I2cTransferResult are value types, which nanoCLR keeps on its heap: each transfer
    /// leaves three small blocks for the collector. System.Device.I2c 1.1.x has no transfer without
    /// them; the portable code above this adapter allocates nothing (docs/safety.md).
    /// </summary>
    public sealed class Esp32I2cDevice : II2cDevice
    {
        private readonly I2cDevice _device;

        public Esp32I2cDevice(I2cDevice device)
        {
            _device = device;
        }

        public Hal.I2c.I2cTransferStatus Write(byte[] buffer, int offset, int count, out int bytesTransferred)
        {
            try
            {
                return Translate(_device.Write(new SpanByte(buffer, offset, count)), out bytesTransferred);
            }
            catch (Exception)
            {
                // A disposed device or bad bounds: the HAL promises a status, never an exception.
                bytesTransferred = 0;
                return Hal.I2c.I2cTransferStatus.UnknownError;
            }
        }

        public Hal.I2c.I2cTransferStatus Read(byte[] buffer, int offset, int count, out int bytesTransferred)
        {
            try
            {
                return Translate(_device.Read(new SpanByte(buffer, offset, count)), out bytesTransferred);
            }
            catch (Exception)
            {
                bytesTransferred = 0;
                return Hal.I2c.I2cTransferStatus.UnknownError;
            }
        }

        public Hal.I2c.I2cTransferStatus WriteRead(byte[] writeBuffer, int writeOffset, int writeCount, byte[] readBuffer, int readOffset, int readCount, out int bytesTransferred)
        {
            try
            {
                return Translate(_device.WriteRead(new SpanByte(writeBuffer, writeOffset, writeCount), new SpanByte(readBuffer, readOffset, readCount)), out bytesTransferred);
            }
            catch (Exception)
            {
                bytesTransferred = 0;
                return Hal.I2c.I2cTransferStatus.UnknownError;
            }
        }

        private static Hal.I2c.I2cTransferStatus Translate(I2cTransferResult result, out int bytesTransferred)
        {
            bytesTransferred = (int)result.BytesTransferred;
            return TranslateStatus(result.Status);
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
