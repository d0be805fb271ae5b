using System.IO;
using Xunit;

namespace ChamberFirmware.DeviceBuild.Tests;

/// <summary>
/// The device build catches what the host build cannot see, naming file and line: each test plants
/// one defect in a copy of the repository and builds it with the real compiler references and
/// metadata processor of ../shared/nanoframework.
/// </summary>
public sealed class PlantedViolationTests
{
    [Fact]
    public void A_call_to_a_member_that_the_nanoFramework_package_does_not_have_fails_in_the_adapter()
    {
        using var copy = new DeviceRepositoryCopy();
        const string file = "hardware-abstractions/ChamberFirmware.Hal.Esp32/Esp32OutputPin.cs";
        var line = copy.Plant(file, "public void Write(bool", "        public void Planted(System.Device.Gpio.GpioPin pin) { pin.SetDriveStrength(3); }");

        var (exit, output) = copy.Build("ChamberFirmware.Hal", "ChamberFirmware.Hal.Esp32");

        Assert.Equal(1, exit);
        Assert.Contains(file + ":" + line + ": error CS1061: 'GpioPin' does not contain a definition for 'SetDriveStrength'", output);
        Assert.Contains("devicebuild: FAILED ChamberFirmware.Hal.Esp32 (Release)", output);
        Assert.False(File.Exists(copy.File("hardware-abstractions/ChamberFirmware.Hal.Esp32/bin/Release/ChamberFirmware.Hal.Esp32.pe")), "a failed project leaves no .pe");
    }

    [Fact]
    public void A_generic_in_shared_code_fails_the_device_build_at_its_line()
    {
        using var copy = new DeviceRepositoryCopy();
        const string file = "hardware-abstractions/Shared/Clock/IMonotonicClock.cs";
        var line = copy.Plant(file, "namespace", "internal static class PlantedBox { internal static T Same<T>(T value) { return value; } internal static int Use() { return Same<int>(1); } }");

        var (exit, output) = copy.Build("ChamberFirmware.Hal");

        Assert.Equal(1, exit);
        Assert.Contains(file + ":" + line + ": error NF1000: PlantedBox::Same uses type parameter T: generic type or method definition not supported by the stable nanoCLR", output);
        Assert.Contains(file + ":" + line + ": error NF1001: PlantedBox::Use uses PlantedBox::Same<System.Int32>: generic instantiation", output);
    }

    [Fact]
    public void An_internal_member_of_one_device_project_used_from_another_fails()
    {
        using var copy = new DeviceRepositoryCopy();
        copy.Plant("hardware-abstractions/Shared/Clock/IMonotonicClock.cs", "namespace", "internal static class PlantedSecret { internal static int Value = 1; }");
        const string file = "hardware-abstractions/ChamberFirmware.Hal.Esp32/Esp32OutputPin.cs";
        var line = copy.Plant(file, "public void Write(bool", "        public int Planted() { return PlantedSecret.Value; }");

        var (exit, output) = copy.Build("ChamberFirmware.Hal", "ChamberFirmware.Hal.Esp32");

        Assert.Equal(1, exit);
        Assert.Contains("devicebuild: built ChamberFirmware.Hal (Release)", output);
        Assert.Contains(file + ":" + line + ": error CS0122: 'PlantedSecret' is inaccessible due to its protection level", output);
    }

    [Fact]
    public void A_project_whose_reference_failed_is_not_built_against_a_stale_output()
    {
        using var copy = new DeviceRepositoryCopy();
        copy.Plant("hardware-abstractions/Shared/Clock/IMonotonicClock.cs", "namespace", "this does not compile");

        var (exit, output) = copy.Build("ChamberFirmware.Hal", "ChamberFirmware.Hal.Esp32");

        Assert.Equal(1, exit);
        Assert.Contains("devicebuild: FAILED ChamberFirmware.Hal (Release)", output);
        Assert.Contains("error NF0012: references hardware-abstractions/ChamberFirmware.Hal.nanoFramework/ChamberFirmware.Hal.nfproj, which was not built before it in this run", output);
        Assert.Contains("devicebuild: 1 built, 2 failed", output);
    }
}
