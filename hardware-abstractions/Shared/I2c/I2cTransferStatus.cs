namespace ChamberFirmware.Hal.I2c
{
    /// <summary>Mirrors nanoFramework's System.Device.I2c.I2cTransferStatus one to one.</summary>
    public enum I2cTransferStatus : byte
    {
        UnknownError = 0,
        FullTransfer = 1,
        ClockStretchTimeout = 2,
        PartialTransfer = 3,
        SlaveAddressNotAcknowledged = 4,
    }
}
