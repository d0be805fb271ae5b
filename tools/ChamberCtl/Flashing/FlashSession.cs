using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ChamberCtl.Commands;
using ChamberCtl.Release;
using Spectre.Console;

namespace ChamberCtl.Flashing;

/// <summary>
/// Runs a flash from a verified bundle: verify the bundle (signature and every hash) before
/// touching the board, find nanoff, update the nanoCLR to the pinned target and version, deploy the
/// application image, then read the device details back and check they name the pinned firmware.
/// Stops at the first failure and says which step failed, what it means, what to do and what state
/// the board is in. Always leaves a JSON record of the attempt.
/// nanoff options used (nanoframework/nanoFirmwareFlasher nanoFirmwareFlasher.Tool/Options.cs and
/// README.md): --update --target --fwversion --serialport; --deploy --image --address;
/// --nanodevice --platform esp32 --devicedetails (NanoDeviceManager.cs).
/// </summary>
internal sealed class FlashSession
{
    public static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(15);
    private const int StepCount = 5;

    private readonly IProcessRunner _runner;
    private readonly TimeProvider _time;
    private readonly IAnsiConsole _console;
    private readonly TextWriter _error;

    // Error text is held back until the live progress display has ended, then written in one piece.
    private readonly StringWriter _heldErrors = new();
    private string _pending = string.Empty;

    public FlashSession(IProcessRunner runner, TimeProvider time, IAnsiConsole console, TextWriter error)
    {
        _runner = runner;
        _time = time;
        _console = console;
        _error = error;
    }

    public FlashOutcome Run(FlashRequest request)
    {
        var started = _time.GetUtcNow();
        var steps = new List<FlashStepResult>();
        FlashOutcome outcome;
        if (_console.Profile.Capabilities.Interactive)
        {
            outcome = null!;
            _console.Progress().AutoClear(false).Start(ctx =>
            {
                var task = ctx.AddTask("flashing " + request.SerialPort, maxValue: StepCount);
                outcome = RunSteps(request, steps, () => task.Increment(1));
            });
        }
        else
        {
            outcome = RunSteps(request, steps, () => { });
        }

        _error.Write(_heldErrors.ToString());

        var recordPath = FlashRecord.TryWrite(request, outcome, started, _time.GetUtcNow(), out var recordError);
        if (recordPath is null)
        {
            _error.WriteLine("WARNING: could not write the flash record: " + recordError + " (copy this output into the board's record by hand)");
        }
        else
        {
            _console.WriteLine("record: " + recordPath);
        }

        return outcome with { RecordPath = recordPath };
    }

    private FlashOutcome RunSteps(FlashRequest request, List<FlashStepResult> steps, Action advance)
    {
        // 1. The bundle, before anything touches the board.
        Announce(FlashStep.VerifyBundle, "verifying bundle signature and file hashes");
        var verification = ReleaseCommand.VerifyBundle(request.BundlePath, request.ExtraTrustedKeys.ToArray(), _heldErrors, out var opened, request.PrivateCopyRoot);
        using var bundle = opened;
        if (!verification.Succeeded)
        {
            return Fail(steps, FlashStep.VerifyBundle, "bundle refused: " + verification.Message, "get the release bundle again from the release location and check it with: chamberctl release verify <bundle>");
        }

        steps.Add(new FlashStepResult(FlashStep.VerifyBundle, true, verification.Message));
        Done(verification.Message);
        advance();

        // 2. nanoff.
        Announce(FlashStep.FindNanoff, "looking for nanoff");
        var nanoff = NanoffLocator.Find(request.NanoffPath, request.PathVariable, request.UserProfile);
        if (nanoff is null)
        {
            var where = string.IsNullOrEmpty(request.NanoffPath) ? "nanoff is not installed (not on PATH, not in ~/.dotnet/tools)" : "nanoff not found at " + request.NanoffPath;
            return Fail(steps, FlashStep.FindNanoff, where, NanoffLocator.InstallHint);
        }

        steps.Add(new FlashStepResult(FlashStep.FindNanoff, true, nanoff));
        Done(nanoff);
        advance();

        var manifest = verification.Manifest!;
        var port = request.SerialPort;

        // 3. nanoCLR.
        Announce(FlashStep.UpdateFirmware, "updating nanoCLR to " + manifest.NanoClr.Target + " " + manifest.NanoClr.Version);
        var update = RunNanoff(nanoff, FlashStep.UpdateFirmware, port, steps,
            "--update", "--target", manifest.NanoClr.Target, "--fwversion", manifest.NanoClr.Version, "--serialport", port);
        if (update is not null)
        {
            return update;
        }

        advance();

        // 4. Application image: from the private copy, hashed again right before nanoff reads it.
        var image = Path.Combine(bundle!.Directory, manifest.DeploymentImage);
        Announce(FlashStep.DeployApplication, "deploying application " + manifest.AppVersion + " at " + manifest.DeploymentAddress);
        var changed = ImageChangedSinceVerification(bundle, image, manifest);
        if (changed is not null)
        {
            return Fail(steps, FlashStep.DeployApplication, changed + "; the image was not flashed",
                "the bundle's private copy was tampered with on this computer: check who else uses this account, get the bundle again and flash again");
        }

        var deploy = RunNanoff(nanoff, FlashStep.DeployApplication, port, steps,
            "--target", manifest.NanoClr.Target, "--serialport", port, "--deploy", "--image", image, "--address", manifest.DeploymentAddress);
        if (deploy is not null)
        {
            return deploy;
        }

        advance();

        // 5. Read back what the board says it runs.
        Announce(FlashStep.VerifyDevice, "reading device details");
        var details = _runner.Run(nanoff, DetailsArguments(port), StepTimeout);
        var detailsCommand = CommandLine(nanoff, DetailsArguments(port));
        var detailsFailure = ProcessFailure(FlashStep.VerifyDevice, details, port, detailsCommand, steps);
        if (detailsFailure is not null)
        {
            return detailsFailure;
        }

        var text = details.StandardOutput;
        if (!text.Contains(manifest.NanoClr.Target, StringComparison.OrdinalIgnoreCase) || !text.Contains(manifest.NanoClr.Version, StringComparison.Ordinal))
        {
            steps.Add(new FlashStepResult(FlashStep.VerifyDevice, false, "device details do not name " + manifest.NanoClr.Target + " " + manifest.NanoClr.Version, detailsCommand, details.ExitCode));
            return Finish(steps, FlashStep.VerifyDevice,
                "the board reports different firmware than " + manifest.NanoClr.Target + " " + manifest.NanoClr.Version + " (device details below)\n" + text.Trim(),
                "run flash again; if it repeats, set the board aside and report it with this output");
        }

        steps.Add(new FlashStepResult(FlashStep.VerifyDevice, true, text.Trim(), detailsCommand, details.ExitCode));
        Done("board reports " + manifest.NanoClr.Target + " " + manifest.NanoClr.Version);
        advance();
        _console.WriteLine("FLASHED: " + BoardState.Flashed);
        return new FlashOutcome(true, steps, null, "flashed and verified", "provision the controller", BoardState.Flashed, null);
    }

    /// <summary>Null when the copy is still owner-only and the image still has its signed size and SHA-256; else what changed.</summary>
    private static string? ImageChangedSinceVerification(OpenedBundle bundle, string image, ReleaseManifest manifest)
    {
        var why = ChamberFirmware.ConsoleLink.Files.PrivatePath.WhyNotOwnerOnly(bundle.Directory) ?? ChamberFirmware.ConsoleLink.Files.PrivatePath.WhyOthersCouldWrite(image);
        if (why is not null)
        {
            return "the private copy is no longer private: " + why;
        }

        var signed = manifest.Files.First(f => f.Path == manifest.DeploymentImage);
        if (!File.Exists(image) || new FileInfo(image).Length != signed.Size || FileHashing.Sha256Hex(image) != signed.Sha256)
        {
            return manifest.DeploymentImage + " changed after verification (SHA-256 no longer the signed " + signed.Sha256 + ")";
        }

        return null;
    }

    internal static string[] DetailsArguments(string port) =>
        new[] { "--nanodevice", "--platform", FirmwarePin.Platform, "--serialport", port, "--devicedetails" };

    private FlashOutcome? RunNanoff(string nanoff, FlashStep step, string port, List<FlashStepResult> steps, params string[] arguments)
    {
        var command = CommandLine(nanoff, arguments);
        var result = _runner.Run(nanoff, arguments, StepTimeout);
        var failure = ProcessFailure(step, result, port, command, steps);
        if (failure is not null)
        {
            return failure;
        }

        steps.Add(new FlashStepResult(step, true, "ok", command, result.ExitCode));
        Done("ok");
        return null;
    }

    private FlashOutcome? ProcessFailure(FlashStep step, ProcessResult result, string port, string command, List<FlashStepResult> steps)
    {
        if (!result.Started)
        {
            steps.Add(new FlashStepResult(step, false, "could not start nanoff: " + result.StartError, command));
            return Finish(steps, step, "could not start nanoff: " + result.StartError, "check the nanoff installation: " + NanoffLocator.InstallHint);
        }

        if (result.TimedOut)
        {
            steps.Add(new FlashStepResult(step, false, "timed out", command));
            return Finish(steps, step, "nanoff did not finish within " + StepTimeout.TotalMinutes + " minutes and was stopped", "unplug and replug the board, then run flash again");
        }

        if (result.ExitCode == 0)
        {
            return null;
        }

        var problem = NanoffExitCodes.Describe(result.ExitCode, port);
        steps.Add(new FlashStepResult(step, false, problem.Meaning, command, result.ExitCode));
        var said = (result.StandardError + result.StandardOutput).Trim();
        if (said.Length > 0)
        {
            _heldErrors.WriteLine("nanoff said:");
            _heldErrors.WriteLine(said);
        }

        return Finish(steps, step, problem.Meaning + " (nanoff exit code " + NanoffExitCodes.Show(result.ExitCode) + ")", problem.NextStep);
    }

    private FlashOutcome Fail(List<FlashStepResult> steps, FlashStep step, string message, string next)
    {
        steps.Add(new FlashStepResult(step, false, message));
        return Finish(steps, step, message, next);
    }

    private FlashOutcome Finish(List<FlashStepResult> steps, FlashStep step, string message, string next)
    {
        var state = BoardState.AfterFailureAt(step);
        _console.WriteLine(_pending + "FAILED");
        _pending = string.Empty;
        _heldErrors.WriteLine("FLASH FAILED at step " + (int)step + "/" + StepCount + " (" + StepName(step) + "): " + message);
        _heldErrors.WriteLine("Board state: " + state + ".");
        _heldErrors.WriteLine("Next: " + next + ".");
        return new FlashOutcome(false, steps, step, message, next, state, null);
    }

    // Each step is printed as one whole line when it ends: a live progress bar would overwrite a half line.
    private void Announce(FlashStep step, string what) =>
        _pending = "[" + (int)step + "/" + StepCount + "] " + what + " ... ";

    private void Done(string detail)
    {
        _console.WriteLine(_pending + "ok" + (detail == "ok" ? string.Empty : " (" + detail + ")"));
        _pending = string.Empty;
    }

    internal static string StepName(FlashStep step) => step switch
    {
        FlashStep.VerifyBundle => "verify bundle",
        FlashStep.FindNanoff => "find nanoff",
        FlashStep.UpdateFirmware => "update nanoCLR",
        FlashStep.DeployApplication => "deploy application",
        FlashStep.VerifyDevice => "verify device",
        _ => step.ToString(),
    };

    private static string CommandLine(string nanoff, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { nanoff }.Concat(arguments).Select(a => a.Contains(' ', StringComparison.Ordinal) ? "\"" + a + "\"" : a));
}
