namespace ChamberFirmware.Hal.I2c
{
    /// <summary>
    /// One device on an I2C bus. Buffers are plain arrays with offset and length (SpanByte is
    /// nanoFramework-only; the ESP32 adapter wraps these without copying). Never throws: a failed
    /// transfer comes back as a status.
    /// </summary>
    public interface II2cDevice
    {
        I2cTransferOutcome Write(byte[] buffer, int offset, int count);

        I2cTransferOutcome Read(byte[] buffer, int offset, int count);

        I2cTransferOutcome WriteRead(byte[] writeBuffer, int writeOffset, int writeCount, byte[] readBuffer, int readOffset, int readCount);
    }
}
