using System;
using System.Buffers.Binary;
using System.IO;
using ChamberFirmware.Tools.Tests;
using DeviceBuild;
using Xunit;

namespace ChamberFirmware.DeviceBuild.Tests;

public sealed class DeploymentCheckTests
{
    private static readonly Version Mscorlib = new(NanoFrameworkFiles.CoreLibraryVersion + ".0");
    private static readonly Version App = new(1, 0, 0, 0);

    [Fact]
    public void A_complete_deployment_for_the_pinned_firmware_passes()
    {
        using var temp = Deployment(includeCore: true);
        Assert.Empty(DeploymentCheck.Check(Directory.GetFiles(temp.Path, "*.pe")));
    }

    [Fact]
    public void A_deployment_without_an_assembly_the_app_references_is_refused_naming_it()
    {
        using var temp = Deployment(includeCore: false);
        var problem = Assert.Single(DeploymentCheck.Check(Directory.GetFiles(temp.Path, "*.pe")));
        Assert.Equal("ChamberFirmware.App references ChamberFirmware.Core 1.0.0.0, which the deployment lacks", problem);
    }

    [Fact]
    public void A_referenced_assembly_at_another_version_is_refused()
    {
        using var temp = Deployment(includeCore: false);
        File.WriteAllBytes(temp.Combine("ChamberFirmware.Core.pe"), SyntheticNanoPe.Build("ChamberFirmware.Core", new Version(1, 0, 0, 1), 0, ("mscorlib", Mscorlib)));
        var problem = Assert.Single(DeploymentCheck.Check(Directory.GetFiles(temp.Path, "*.pe")));
        Assert.Equal("ChamberFirmware.App references ChamberFirmware.Core 1.0.0.0, but the deployment has 1.0.0.1", problem);
    }

    [Fact]
    public void A_pe_whose_native_checksum_differs_from_the_firmware_is_refused_before_a_board_refuses_it()
    {
        using var temp = Deployment(includeCore: true);
        // System.Math as built against another package version than the firmware's.
        File.WriteAllBytes(temp.Combine("System.Math.pe"), SyntheticNanoPe.Build("System.Math", new Version(1, 5, 116, 0), 0x12345678, ("mscorlib", Mscorlib)));

        var problem = Assert.Single(DeploymentCheck.Check(Directory.GetFiles(temp.Path, "*.pe")));

        Assert.Contains("System.Math.pe: native checksum 0x12345678, but the ESP32_BLE_REV3 1.16.0 firmware declares 0x9F9E2A7E for System.Math", problem);
        Assert.Contains("Invalid native checksum", problem);
    }

    [Fact]
    public void Our_own_assembly_declaring_a_native_part_is_refused()
    {
        using var temp = Deployment(includeCore: false);
        File.WriteAllBytes(temp.Combine("ChamberFirmware.Core.pe"), SyntheticNanoPe.Build("ChamberFirmware.Core", App, 0xDEADBEEF, ("mscorlib", Mscorlib)));
        Assert.Contains("declares 0x00000000 for ChamberFirmware.Core", Assert.Single(DeploymentCheck.Check(Directory.GetFiles(temp.Path, "*.pe"))));
    }

    [Fact]
    public void Files_that_are_not_sound_pe_images_are_each_named()
    {
        using var temp = Deployment(includeCore: true);
        File.WriteAllText(temp.Combine("notes.pe"), "not a pe");
        var core = File.ReadAllBytes(temp.Combine("ChamberFirmware.Core.pe"));
        File.WriteAllBytes(temp.Combine("ChamberFirmware.Core.pe"), core.AsSpan(0, core.Length - 4).ToArray());

        var problems = DeploymentCheck.Check(Directory.GetFiles(temp.Path, "*.pe"));

        Assert.Contains(problems, p => p.StartsWith("notes.pe is not a nanoFramework .pe", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ChamberFirmware.Core.pe: the header declares", StringComparison.Ordinal) && p.EndsWith("(truncated)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p == "ChamberFirmware.App references ChamberFirmware.Core 1.0.0.0, which the deployment lacks");
    }

    [Fact]
    public void A_resealed_pe_with_a_changed_checksum_is_still_caught_by_the_checksum_rule()
    {
        using var temp = Deployment(includeCore: true);
        var mscorlib = File.ReadAllBytes(temp.Combine("mscorlib.pe"));
        BinaryPrimitives.WriteUInt32LittleEndian(mscorlib.AsSpan(NanoPeImage.NativeChecksumOffset), 0x1549C857);
        SyntheticNanoPe.Seal(mscorlib);
        File.WriteAllBytes(temp.Combine("mscorlib.pe"), mscorlib);

        Assert.Contains("mscorlib.pe: native checksum 0x1549C857, but the ESP32_BLE_REV3 1.16.0 firmware declares 0x1549C856", Assert.Single(DeploymentCheck.Check(Directory.GetFiles(temp.Path, "*.pe"))));
    }

    private static TempDirectory Deployment(bool includeCore)
    {
        var temp = new TempDirectory();
        File.Copy(NanoFrameworkFiles.MscorlibPe, temp.Combine("mscorlib.pe"));
        File.WriteAllBytes(temp.Combine("ChamberFirmware.App.pe"), SyntheticNanoPe.Build("ChamberFirmware.App", App, 0, ("mscorlib", Mscorlib), ("ChamberFirmware.Core", App)));
        if (includeCore)
        {
            File.WriteAllBytes(temp.Combine("ChamberFirmware.Core.pe"), SyntheticNanoPe.Build("ChamberFirmware.Core", App, 0, ("mscorlib", Mscorlib)));
        }

        return temp;
    }
}
