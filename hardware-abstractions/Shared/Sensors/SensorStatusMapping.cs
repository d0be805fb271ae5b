using ChamberFirmware.Hal.I2c;

namespace ChamberFirmware.Hal.Sensors
{
    /// <summary>Maps a bus transfer's status and byte count to the sensor status every driver reports.</summary>
    public static class SensorStatusMapping
    {
        /// <summary>
        /// Ok only for a full transfer of exactly <paramref name="expectedBytes"/> (write plus
        /// read). A "full" transfer that moved fewer bytes is a partial transfer all the same.
        /// </summary>
        public static SensorReadStatus FromTransfer(I2cTransferStatus status, int bytesTransferred, int expectedBytes)
        {
            switch (status)
            {
                case I2cTransferStatus.FullTransfer:
                    return bytesTransferred == expectedBytes ? SensorReadStatus.Ok : SensorReadStatus.PartialTransfer;
                case I2cTransferStatus.PartialTransfer:
                    return SensorReadStatus.PartialTransfer;
                case I2cTransferStatus.SlaveAddressNotAcknowledged:
                    return SensorReadStatus.AddressNotAcknowledged;
                case I2cTransferStatus.ClockStretchTimeout:
                    return SensorReadStatus.ClockStretchTimeout;
                default:
                    return SensorReadStatus.BusError;
            }
        }
    }
}
