using ChamberCtl.Release;

namespace ChamberCtl.Flashing;

/// <summary>The state a board is in after a flash stopped at a given step, in the technician's words.</summary>
internal static class BoardState
{
    public static string AfterFailureAt(FlashStep step) => step switch
    {
        FlashStep.VerifyBundle or FlashStep.FindNanoff =>
            "nothing was written: the board is exactly as it was",
        FlashStep.UpdateFirmware =>
            "the nanoCLR update did not complete: the board may have no working firmware and cannot run a chamber application (emitters stay off). Do not install it",
        FlashStep.DeployApplication =>
            "nanoCLR " + FirmwarePin.Target + " " + FirmwarePin.FirmwareVersion + " is on the board but the chamber application is missing or incomplete: it cannot run treatments (emitters stay off). Do not install it",
        FlashStep.VerifyDevice =>
            "firmware and application were written but the board did not confirm " + FirmwarePin.Target + " " + FirmwarePin.FirmwareVersion + ": do not provision or install it",
        _ => "unknown",
    };

    public const string Flashed = "flashed and verified: nanoCLR " + FirmwarePin.Target + " " + FirmwarePin.FirmwareVersion + " and the release application; next: provision it";
}
