using ChamberFirmware.Hal.I2c;
using ChamberFirmware.Hal.Simulated.Plant;

namespace ChamberFirmware.Hal.Simulated.I2c
{

/// <summary>
/// Base of the register-map chip simulators (in the manner of dotnet/iot's I2cSimulatedDeviceBase):
/// the first written byte sets the register pointer, further written bytes go to registers, reads
/// come from the pointer on. It owns the bus-level faults, so every chip gets them alike:
/// NACK (nothing moves), clock-stretch timeout (the transfer stops after the pointer byte),
/// partial transfer (half of the read arrives) and garbage bytes (the chip's answer is replaced by
/// noise). Derived chips model register contents, power-on defaults and conversions.
/// </summary>
public abstract class SimulatedRegisterDevice
{
    private readonly DeterministicRandom _noise;

    protected SimulatedRegisterDevice(int address, int seed)
    {
        Address = address;
        _noise = new DeterministicRandom(seed);
    }

    public int Address { get; }

    public ChipFaults Faults { get; private set; }

    /// <summary>The register the next read starts from.</summary>
    public byte RegisterPointer { get; protected set; }

    public long Transfers { get; private set; }

    public bool Has(ChipFaults fault) => (Faults & fault) != 0;

    public void SetFault(ChipFaults fault, bool active) => Faults = active ? Faults | fault : Faults & ~fault;

    /// <summary>One transfer with a repeated start between the write and the read part.</summary>
    public I2cTransferStatus WriteRead(byte[]? writeBuffer, int writeOffset, int writeCount, byte[]? readBuffer, int readOffset, int readCount, out int bytesTransferred)
    {
        Transfers++;
        if (Has(ChipFaults.Nack))
        {
            bytesTransferred = 0;
            return I2cTransferStatus.SlaveAddressNotAcknowledged;
        }

        if (Has(ChipFaults.ClockStretchTimeout))
        {
            bytesTransferred = writeCount > 0 ? 1 : 0;
            return I2cTransferStatus.ClockStretchTimeout;
        }

        if (writeCount > 0 && writeBuffer is not null)
        {
            RegisterPointer = writeBuffer[writeOffset];
            if (writeCount > 1)
            {
                WriteRegisters(RegisterPointer, writeBuffer, writeOffset + 1, writeCount - 1);
            }
        }

        int delivered = readCount;
        if (readCount > 0 && readBuffer is not null)
        {
            if (Has(ChipFaults.PartialTransfer))
            {
                // The part stops answering half way; the rest of the caller's buffer keeps old bytes.
                delivered = readCount / 2;
            }

            ReadRegisters(RegisterPointer, readBuffer, readOffset, delivered);
            if (Has(ChipFaults.GarbageBytes))
            {
                for (int i = 0; i < delivered; i++)
                {
                    readBuffer[readOffset + i] = _noise.NextByte();
                }
            }
        }

        if (delivered < readCount)
        {
            bytesTransferred = writeCount + delivered;
            return I2cTransferStatus.PartialTransfer;
        }

        bytesTransferred = writeCount + readCount;
        return I2cTransferStatus.FullTransfer;
    }

    /// <summary>Fills <paramref name="count"/> bytes from the register at <paramref name="pointer"/> on.</summary>
    protected abstract void ReadRegisters(byte pointer, byte[] buffer, int offset, int count);

    /// <summary>Takes bytes written after the pointer byte.</summary>
    protected abstract void WriteRegisters(byte pointer, byte[] data, int offset, int count);
}
}
