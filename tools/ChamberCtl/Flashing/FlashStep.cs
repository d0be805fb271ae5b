namespace ChamberCtl.Flashing;

/// <summary>The steps of a flash, in the order they run.</summary>
internal enum FlashStep
{
    VerifyBundle = 1,
    FindNanoff = 2,
    UpdateFirmware = 3,
    DeployApplication = 4,
    VerifyDevice = 5,
}
