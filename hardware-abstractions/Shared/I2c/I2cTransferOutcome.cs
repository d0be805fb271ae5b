namespace ChamberFirmware.Hal.I2c
{
    /// <summary>
    /// The result of one bus transfer, as nanoFramework's I2cTransferResult: a status and the
    /// number of bytes moved. Bus calls never throw; callers look at this.
    /// </summary>
    public readonly struct I2cTransferOutcome
    {
        public I2cTransferOutcome(I2cTransferStatus status, int bytesTransferred)
        {
            Status = status;
            BytesTransferred = bytesTransferred;
        }

        public I2cTransferStatus Status { get; }

        public int BytesTransferred { get; }

        public bool Succeeded => Status == I2cTransferStatus.FullTransfer;
    }
}
