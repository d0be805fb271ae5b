namespace ChamberFirmware.Core.Diagnostics
{
    /// <summary>Negative results of <see cref="IDiagnosticsReader.Read"/>.</summary>
    public static class DiagnosticsReadError
    {
        /// <summary>No characteristic with that id.</summary>
        public const int UnknownCharacteristic = -1;
        /// <summary>The caller's buffer cannot hold the payload (size it with DiagnosticsPayloads.MaxPayloadLength).</summary>
        public const int BufferTooSmall = -2;
        /// <summary>The publisher kept writing during the copy; read again.</summary>
        public const int Busy = -3;
    }
}
