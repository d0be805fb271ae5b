namespace ChamberFirmware.Hal.Drivers.Counter
{
    /// <summary>
    /// Register map of the NC24 nanobot counter (8-bit registers, 8-bit pointer, reads
    /// auto-increment). docs/hardware.md has the full map with reset values.
    /// </summary>
    public enum NanobotCounterRegister : byte
    {
        /// <summary>Device ID, high byte: 0x4E ('N'). Read-only.</summary>
        DeviceIdHigh = 0x00,

        /// <summary>Device ID, low byte: 0x43 ('C'). Read-only.</summary>
        DeviceIdLow = 0x01,

        /// <summary>Silicon revision. Read-only.</summary>
        Revision = 0x02,

        /// <summary>
        /// First byte of the 6-byte measurement block (Status, Sequence, Count[23:16], Count[15:8],
        /// Count[7:0], Crc). The block is latched when a read starts at this register, so the count
        /// bytes always belong together; reading it clears DataReady.
        /// </summary>
        Status = 0x10,

        /// <summary>Measurement sequence number, +1 (mod 256) per completed conversion.</summary>
        Sequence = 0x11,

        CountHigh = 0x12,
        CountMiddle = 0x13,
        CountLow = 0x14,

        /// <summary>CRC-8 (poly 0x31, init 0xFF) over Status..CountLow.</summary>
        Crc = 0x15,

        /// <summary>Control: bit 0 RUN (continuous conversion), bit 7 SOFT_RESET (self-clearing). Reset value 0x00 (idle).</summary>
        Control = 0x20,

        /// <summary>Conversion time in units of 100 µs. Read-only; 50 (5.0 ms) on revision 1.</summary>
        ConversionTime = 0x21,
    }
}
