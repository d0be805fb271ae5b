namespace ChamberFirmware.Core.Treatment
{
    /// <summary>Names the field of a rejected treatment profile. Wire-stable values.</summary>
    public enum ProfileField : byte
    {
        None = 0,
        TargetCount = 1,
        CountLimit = 2,
        GrowthLimit = 3,
        Duration = 4,
        RampRate = 5,
        MaxActiveChannels = 6,
    }
}
