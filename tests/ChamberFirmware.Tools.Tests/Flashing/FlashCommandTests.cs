using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using ChamberCtl.Flashing;
using ChamberCtl.Release;
using ChamberFirmware.Tools.Tests.Release;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Flashing;

public sealed class FlashCommandTests : IDisposable
{
    private const string Port = "/dev/ttyUSB0";
    private static readonly string GoodDetails =
        "HAL build info: nanoCLR running @ ESP32 built with ESP-IDF\n  Target:      " + FirmwarePin.Target + "\n  Platform:    ESP32\n  CLR Version: " + FirmwarePin.FirmwareVersion + "\n";

    private readonly BundleFixture _bundle = new();
    private readonly NanoffStandIn _nanoff;

    public FlashCommandTests()
    {
        _nanoff = new NanoffStandIn(_bundle.Temp);
        _nanoff.DeviceDetails(GoodDetails);
    }

    public void Dispose() => _bundle.Dispose();

    private string RecordDirectory => _bundle.Temp.Combine("records");

    private CliRun Flash(string? bundle = null, string? nanoff = null) =>
        CliRun.Of("flash", "--bundle", bundle ?? _bundle.BundleDirectory, "--port", Port, "--nanoff", nanoff ?? _nanoff.Path,
            "--trusted-key", _bundle.Key.PublicKeyPath, "--record-dir", RecordDirectory);

    private JsonNode SingleRecord()
    {
        var file = Assert.Single(Directory.GetFiles(RecordDirectory, "flash-*.json"));
        return JsonNode.Parse(File.ReadAllText(file))!;
    }

    [Fact]
    public void Flash_with_nanoff_stand_in_runs_update_deploy_and_details_in_order_with_the_pinned_arguments()
    {
        var run = Flash();

        Assert.Equal(0, run.ExitCode);
        var calls = _nanoff.Calls();
        Assert.Equal(3, calls.Count);
        Assert.Equal(new[] { "--update", "--target", "ESP32_BLE_REV3", "--fwversion", FirmwarePin.FirmwareVersion, "--serialport", Port }, calls[0]);
        // The image comes from the bundle's private copy (deleted afterwards), never from the bundle folder itself.
        Assert.Equal(new[] { "--target", "ESP32_BLE_REV3", "--serialport", Port, "--deploy", "--image" }, calls[1][..6]);
        Assert.Equal(new[] { "--address", "0x1D0000" }, calls[1][7..]);
        Assert.EndsWith(Path.Combine("app", "deploy.bin"), calls[1][6], StringComparison.Ordinal);
        Assert.DoesNotContain(_bundle.BundleDirectory, calls[1][6], StringComparison.Ordinal);
        Assert.False(File.Exists(calls[1][6]));
        Assert.Equal(File.ReadAllBytes(_bundle.File("app/deploy.bin")), _nanoff.Deployed());
        Assert.Equal(new[] { "--nanodevice", "--platform", "esp32", "--serialport", Port, "--devicedetails" }, calls[2]);
        Assert.Contains("[1/5] verifying bundle signature and file hashes ... ok", run.Output);
        Assert.Contains("[5/5] reading device details ... ok (board reports ESP32_BLE_REV3 " + FirmwarePin.FirmwareVersion + ")", run.Output);
        Assert.Contains("FLASHED:", run.Output);

        var record = SingleRecord();
        Assert.Equal("flashed", (string?)record["outcome"]);
        Assert.Equal(5, record["steps"]!.AsArray().Count);
        Assert.Equal(Port, (string?)record["serialPort"]);
    }

    public static TheoryData<int> KnownExitCodes() => new(NanoffExitCodes.Known.Order());

    [Theory]
    [MemberData(nameof(KnownExitCodes))]
    public void Flash_with_nanoff_stand_in_maps_exit_code_to_its_message_and_stops(int code)
    {
        _nanoff.ExitWith("update", code);

        var run = Flash();

        Assert.Equal(1, run.ExitCode);
        var problem = NanoffExitCodes.Describe(code, Port);
        // The stand-in exits like the real nanoff; on Linux the OS keeps only the low 8 bits.
        var seen = OperatingSystem.IsWindows() ? code : code & 0xFF;
        Assert.Contains("FLASH FAILED at step 3/5 (update nanoCLR): " + problem.Meaning + " (nanoff exit code " + NanoffExitCodes.Show(seen) + ")", run.Error);
        Assert.Contains("Next: " + problem.NextStep, run.Error);
        Assert.Contains("Board state: the nanoCLR update did not complete", run.Error);
        Assert.DoesNotContain("{port}", run.Error, StringComparison.Ordinal);
        Assert.Single(_nanoff.Calls());
        Assert.Equal("UpdateFirmware", (string?)SingleRecord()["failedStep"]);
    }

    [Fact]
    public void Flash_with_nanoff_stand_in_maps_exit_code_4005_to_no_device_on_the_port()
    {
        _nanoff.ExitWith("update", 4005);

        var run = Flash();

        Assert.Contains("no device on /dev/ttyUSB0", run.Error);
        Assert.Contains("check the cable", run.Error);
        Assert.Contains("download mode", run.Error);
        Assert.Contains("nanoff said:", run.Error);
    }

    [Fact]
    public void Flash_with_nanoff_stand_in_failing_the_deploy_says_the_application_is_missing()
    {
        _nanoff.ExitWith("deploy", 4003);

        var run = Flash();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FLASH FAILED at step 4/5 (deploy application): writing the firmware to the ESP32 failed", run.Error);
        Assert.Contains("Board state: nanoCLR ESP32_BLE_REV3 " + FirmwarePin.FirmwareVersion + " is on the board but the chamber application is missing or incomplete", run.Error);
        Assert.Equal(2, _nanoff.Calls().Count);
    }

    [Fact]
    public void Flash_with_nanoff_stand_in_refuses_a_board_reporting_other_firmware()
    {
        _nanoff.DeviceDetails("  Target:      ESP32_REV0\n  CLR Version: 1.8.0.1\n");

        var run = Flash();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FLASH FAILED at step 5/5 (verify device): the board reports different firmware", run.Error);
        Assert.Contains("ESP32_REV0", run.Error);
        Assert.Contains("do not provision or install it", run.Error);
    }

    [Fact]
    public void Flash_with_nanoff_stand_in_failing_device_details_reports_the_verify_step()
    {
        _nanoff.ExitWith("details", 2000);

        var run = Flash();

        Assert.Contains("FLASH FAILED at step 5/5 (verify device): could not connect to the nanoFramework firmware on /dev/ttyUSB0", run.Error);
    }

    [Fact]
    public void Exit_codes_cut_to_8_bits_by_the_os_map_back_to_nanoff_codes_without_collisions()
    {
        Assert.Equal(NanoffExitCodes.Known.Count, NanoffExitCodes.Known.Select(c => c & 0xFF).Distinct().Count());
        Assert.Equal(4005, NanoffExitCodes.Resolve(165));
        Assert.Equal(4005, NanoffExitCodes.Resolve(4005));
        Assert.Equal("165 (nanoff code 4005, cut to 8 bits by the OS)", NanoffExitCodes.Show(165));
        Assert.Null(NanoffExitCodes.Resolve(77));
        Assert.Null(NanoffExitCodes.Resolve(-1));
    }

    [Fact]
    public void Flash_with_nanoff_stand_in_explains_an_unknown_exit_code()
    {
        _nanoff.ExitWith("update", 77);

        var run = Flash();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nanoff failed with exit code 77, which chamberctl does not know", run.Error);
    }

    [Fact]
    public void Flash_refuses_a_tampered_bundle_before_running_nanoff_stand_in()
    {
        var bytes = File.ReadAllBytes(_bundle.File("app/deploy.bin"));
        bytes[0] ^= 0xFF;
        File.WriteAllBytes(_bundle.File("app/deploy.bin"), bytes);

        var run = Flash();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FLASH FAILED at step 1/5 (verify bundle): bundle refused: file changed since signing (SHA-256 mismatch): app/deploy.bin", run.Error);
        Assert.Contains("Board state: nothing was written", run.Error);
        Assert.Empty(_nanoff.Calls());
        Assert.Equal("failed", (string?)SingleRecord()["outcome"]);
    }

    [Fact]
    public void Flash_refuses_a_bundle_signed_by_an_unpinned_key_before_running_nanoff_stand_in()
    {
        var run = CliRun.Of("flash", "--bundle", _bundle.BundleDirectory, "--port", Port, "--nanoff", _nanoff.Path, "--record-dir", RecordDirectory);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("which is not a pinned release key", run.Error);
        Assert.Empty(_nanoff.Calls());
    }

    [Fact]
    public void Flash_without_nanoff_says_how_to_install_it()
    {
        var run = Flash(nanoff: _bundle.Temp.Combine("no", "such", "nanoff"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FLASH FAILED at step 2/5 (find nanoff): nanoff not found at", run.Error);
        Assert.Contains("dotnet tool install -g nanoff", run.Error);
        Assert.Contains("Board state: nothing was written", run.Error);
    }

    [Fact]
    public void Nanoff_is_found_on_path_or_in_the_dotnet_tools_folder_and_missing_otherwise()
    {
        using var temp = new TempDirectory();
        Assert.Null(NanoffLocator.Find(null, temp.Combine("bin"), temp.Path));

        Directory.CreateDirectory(temp.Combine(".dotnet", "tools"));
        File.WriteAllText(temp.Combine(".dotnet", "tools", "nanoff"), "");
        Assert.Equal(temp.Combine(".dotnet", "tools", "nanoff"), NanoffLocator.Find(null, temp.Combine("bin"), temp.Path));

        Directory.CreateDirectory(temp.Combine("bin"));
        File.WriteAllText(temp.Combine("bin", "nanoff"), "");
        Assert.Equal(temp.Combine("bin", "nanoff"), NanoffLocator.Find(null, temp.Combine("bin"), temp.Path));
    }

    [Fact]
    public void Flash_needs_a_bundle_and_a_port()
    {
        var run = CliRun.Of("flash", "--bundle", _bundle.BundleDirectory);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--bundle and --port are required", run.Error);
    }

    [Fact]
    public void Flash_from_a_zipped_bundle_deploys_the_extracted_image_and_cleans_up()
    {
        using var zipped = new BundleFixture(zip: true);
        var nanoff = new NanoffStandIn(zipped.Temp);
        nanoff.DeviceDetails(GoodDetails);

        var run = CliRun.Of("flash", "--bundle", zipped.ZipPath, "--port", Port, "--nanoff", nanoff.Path,
            "--trusted-key", zipped.Key.PublicKeyPath, "--record-dir", zipped.Temp.Combine("records"));

        Assert.Equal(0, run.ExitCode);
        var image = nanoff.Calls()[1][6];
        Assert.EndsWith("deploy.bin", image, StringComparison.Ordinal);
        Assert.False(File.Exists(image), "the temporary extraction is removed after flashing");
    }
}
