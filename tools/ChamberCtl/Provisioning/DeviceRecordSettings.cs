using ChamberFirmware.Core.Config;

namespace ChamberCtl.Provisioning;

/// <summary>The settings as read back from the device; same names as a --settings file, so a record can seed the next one.</summary>
internal sealed record DeviceRecordSettings(
    int LinkTimeoutMilliseconds,
    int OverTemperatureCentiCelsius,
    int RearmCountPermille,
    int RearmHeartbeats,
    int CounterGainPermille,
    int TemperatureOffsetCentiCelsius)
{
    public static DeviceRecordSettings From(ChamberSettings s) => new(
        s.LinkTimeoutMilliseconds,
        s.OverTemperatureCentiCelsius,
        s.RearmCountPermille,
        s.RearmHeartbeats,
        s.CounterGainPermille,
        s.TemperatureOffsetCentiCelsius);
}
