using System;
using ChamberFirmware.Hal.I2c;

namespace ChamberFirmware.Hal.Simulated.I2c
{

/// <summary>
/// The sensor bus: chips attached by 7-bit address; a transfer to an address with no chip is not
/// acknowledged. <see cref="BeforeTransfer"/> lets the chamber bring the plant and the chips up to
/// the current time before a chip answers.
/// </summary>
public sealed class SimulatedI2cBus
{
    private readonly SimulatedRegisterDevice?[] _devices = new SimulatedRegisterDevice?[128];

    public Action? BeforeTransfer { get; set; }

    public void Attach(SimulatedRegisterDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.Address is < 0 or > 127)
        {
            throw new ArgumentOutOfRangeException(nameof(device), "7-bit address expected, not " + device.Address.ToString());
        }

        if (_devices[device.Address] is not null)
        {
            throw new InvalidOperationException($"address 0x{device.Address:X2} is already taken");
        }

        _devices[device.Address] = device;
    }

    /// <summary>A connection to one address, as the ESP32 adapter gives one per I2cDevice.</summary>
    public II2cDevice Open(int address)
    {
        if (address is < 0 or > 127)
        {
            throw new ArgumentOutOfRangeException(nameof(address), "7-bit address expected, not " + address.ToString());
        }

        return new SimulatedI2cConnection(this, address);
    }

    internal I2cTransferStatus Transfer(int address, byte[]? writeBuffer, int writeOffset, int writeCount, byte[]? readBuffer, int readOffset, int readCount, out int bytesTransferred)
    {
        BeforeTransfer?.Invoke();
        SimulatedRegisterDevice? device = _devices[address];
        if (device is null)
        {
            bytesTransferred = 0;
            return I2cTransferStatus.SlaveAddressNotAcknowledged;
        }

        return device.WriteRead(writeBuffer, writeOffset, writeCount, readBuffer, readOffset, readCount, out bytesTransferred);
    }
}
}
