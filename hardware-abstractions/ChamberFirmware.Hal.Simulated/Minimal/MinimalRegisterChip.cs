using ChamberFirmware.Hal.I2c;

namespace ChamberFirmware.Hal.Simulated.Minimal
{
    /// <summary>
    /// An I2C chip as a register image behind a register pointer, as both of the board's chips are:
    /// a write sets the pointer (and writes registers after it), a read fills from the pointer on.
    /// Every transfer succeeds.
    /// </summary>
    public abstract class MinimalRegisterChip : II2cDevice
    {
        /// <summary>The register the next read starts at.</summary>
        protected int Pointer;

        public I2cTransferStatus Write(byte[] buffer, int offset, int count, out int bytesTransferred)
        {
            if (count > 0)
            {
                Pointer = buffer[offset];
                WriteRegisters(buffer, offset + 1, count - 1);
            }

            bytesTransferred = count;
            return I2cTransferStatus.FullTransfer;
        }

        public I2cTransferStatus Read(byte[] buffer, int offset, int count, out int bytesTransferred)
        {
            Fill(buffer, offset, count);
            bytesTransferred = count;
            return I2cTransferStatus.FullTransfer;
        }

        public I2cTransferStatus WriteRead(byte[] writeBuffer, int writeOffset, int writeCount, byte[] readBuffer, int readOffset, int readCount, out int bytesTransferred)
        {
            Pointer = writeBuffer[writeOffset];
            Fill(readBuffer, readOffset, readCount);
            bytesTransferred = writeCount + readCount;
            return I2cTransferStatus.FullTransfer;
        }

        /// <summary>Fills <paramref name="count"/> bytes from the register at <see cref="Pointer"/> on.</summary>
        protected abstract void Fill(byte[] buffer, int offset, int count);

        /// <summary>The bytes a write carries after the register pointer; ignored unless the chip has writable registers.</summary>
        protected virtual void WriteRegisters(byte[] data, int offset, int count)
        {
        }
    }
}
