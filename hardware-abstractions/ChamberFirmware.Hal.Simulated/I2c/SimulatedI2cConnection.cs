using ChamberFirmware.Hal.I2c;

namespace ChamberFirmware.Hal.Simulated.I2c
{

/// <summary>One device address on the simulated bus, seen through the HAL's <see cref="II2cDevice"/>.</summary>
public sealed class SimulatedI2cConnection : II2cDevice
{
    private readonly SimulatedI2cBus _bus;

    internal SimulatedI2cConnection(SimulatedI2cBus bus, int address)
    {
        _bus = bus;
        Address = address;
    }

    public int Address { get; }

    public I2cTransferStatus Write(byte[] buffer, int offset, int count, out int bytesTransferred) =>
        _bus.Transfer(Address, buffer, offset, count, null, 0, 0, out bytesTransferred);

    public I2cTransferStatus Read(byte[] buffer, int offset, int count, out int bytesTransferred) =>
        _bus.Transfer(Address, null, 0, 0, buffer, offset, count, out bytesTransferred);

    public I2cTransferStatus WriteRead(byte[] writeBuffer, int writeOffset, int writeCount, byte[] readBuffer, int readOffset, int readCount, out int bytesTransferred) =>
        _bus.Transfer(Address, writeBuffer, writeOffset, writeCount, readBuffer, readOffset, readCount, out bytesTransferred);
}
}
