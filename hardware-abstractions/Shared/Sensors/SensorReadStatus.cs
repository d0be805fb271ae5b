namespace ChamberFirmware.Hal.Sensors
{
    /// <summary>
    /// Why a sensor read did or did not produce a valid sample. Drivers report every bus or data
    /// failure as one of these, never as a reading; the safety supervisor counts them per kind.
    /// </summary>
    public enum SensorReadStatus : byte
    {
        Ok = 0,
        /// <summary>The part has no new measurement yet (data-ready clear). Not a fault by itself.</summary>
        NotReady = 1,
        AddressNotAcknowledged = 2,
        ClockStretchTimeout = 3,
        PartialTransfer = 4,
        BusError = 5,
        CrcMismatch = 6,
        /// <summary>A well-formed reading outside the part's physical range.</summary>
        OutOfRange = 7,
        /// <summary>Bytes that cannot be a reading: wrong ID, reserved status bits set, etc.</summary>
        InvalidData = 8,
    }
}
