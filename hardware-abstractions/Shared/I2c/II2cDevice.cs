namespace ChamberFirmware.Hal.I2c
{
    /// <summary>
    /// One device on an I2C bus. Buffers are plain arrays with offset and length (SpanByte is
    /// nanoFramework-only; the ESP32 adapter wraps these without copying). Never throws: a failed
    /// transfer comes back as a status, with the bytes moved (write plus read, as nanoFramework's
    /// I2cTransferResult.BytesTransferred) in <c>bytesTransferred</c>. A status and an int rather
    /// than a result struct: nanoCLR puts every value-type local and return value on the heap, and
    /// the counter is read every supervisor tick.
    /// </summary>
    public interface II2cDevice
    {
        I2cTransferStatus Write(byte[] buffer, int offset, int count, out int bytesTransferred);

        I2cTransferStatus Read(byte[] buffer, int offset, int count, out int bytesTransferred);

        I2cTransferStatus WriteRead(byte[] writeBuffer, int writeOffset, int writeCount, byte[] readBuffer, int readOffset, int readCount, out int bytesTransferred);
    }
}
