using ChamberFirmware.Hal.I2c;
using ChamberFirmware.Hal.Simulated.Plant;

namespace ChamberFirmware.Hal.Simulated.I2c
{

/// <summary>
/// A bus device from hell, for fuzzing drivers: every transfer returns a random status, a random
/// byte count (sometimes negative or larger than asked) and random bytes. Deterministic from a seed.
/// </summary>
public sealed class RandomResponseI2cDevice : II2cDevice
{
    private readonly DeterministicRandom _random;

    public RandomResponseI2cDevice(int seed)
    {
        _random = new DeterministicRandom(seed);
    }

    /// <summary>The outcome of the last transfer, for the test to compare with the driver's verdict.</summary>
    public I2cTransferStatus LastStatus { get; private set; }

    public int LastBytesTransferred { get; private set; }

    public I2cTransferStatus Write(byte[] buffer, int offset, int count, out int bytesTransferred) => Respond(null, 0, 0, count, out bytesTransferred);

    public I2cTransferStatus Read(byte[] buffer, int offset, int count, out int bytesTransferred) => Respond(buffer, offset, count, 0, out bytesTransferred);

    public I2cTransferStatus WriteRead(byte[] writeBuffer, int writeOffset, int writeCount, byte[] readBuffer, int readOffset, int readCount, out int bytesTransferred) =>
        Respond(readBuffer, readOffset, readCount, writeCount, out bytesTransferred);

    private I2cTransferStatus Respond(byte[]? readBuffer, int readOffset, int readCount, int writeCount, out int bytesTransferred)
    {
        for (int i = 0; i < readCount && readBuffer is not null; i++)
        {
            readBuffer[readOffset + i] = _random.NextByte();
        }

        // Mostly "full transfer" so the data checks get exercised; statuses past the enum too.
        int statusRoll = (int)(_random.NextUInt64() % 10);
        var status = statusRoll < 6 ? I2cTransferStatus.FullTransfer : (I2cTransferStatus)(statusRoll - 4);
        int bytes = (_random.NextUInt64() % 4) switch
        {
            0 => (int)(_random.NextUInt64() % 64) - 8,
            _ => writeCount + readCount,
        };
        LastStatus = status;
        LastBytesTransferred = bytes;
        bytesTransferred = bytes;
        return status;
    }
}
}
