namespace ChamberFirmware.Core.Config
{
    /// <summary>Names the field of rejected settings. Wire-stable values.</summary>
    public enum SettingsField : byte
    {
        None = 0,
        LinkTimeout = 1,
        OverTemperature = 2,
        RearmCountPermille = 3,
        RearmHeartbeats = 4,
        CounterGain = 5,
        TemperatureOffset = 6,
    }
}
