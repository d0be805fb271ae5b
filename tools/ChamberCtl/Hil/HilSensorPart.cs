namespace ChamberCtl.Hil;

/// <summary>The I2C sensors the rig emulates.</summary>
internal enum HilSensorPart
{
    Counter,
    Temperature,
}
