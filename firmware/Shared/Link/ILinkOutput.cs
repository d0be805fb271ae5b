namespace ChamberFirmware.Core.Link
{
    /// <summary>The transport's way to the console: one link frame per call (a BLE notification, a TCP record).</summary>
    public interface ILinkOutput
    {
        void Send(byte[] frame, int length);
    }
}
