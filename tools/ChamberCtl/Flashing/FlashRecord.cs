using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace ChamberCtl.Flashing;

/// <summary>The record a flash leaves behind (success or failure): one JSON file per attempt.</summary>
internal static class FlashRecord
{
    public static string? TryWrite(FlashRequest request, FlashOutcome outcome, DateTimeOffset started, DateTimeOffset finished, out string error)
    {
        error = string.Empty;
        try
        {
            Directory.CreateDirectory(request.RecordDirectory);
            var safePort = new string(request.SerialPort.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());
            var path = Path.Combine(request.RecordDirectory, "flash-" + started.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture) + "-" + safePort + ".json");
            var record = new
            {
                kind = "chamberctl-flash",
                tool = "chamberctl " + ChamberFirmware.Core.CoreInfo.VersionText,
                startedUtc = started.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                finishedUtc = finished.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                serialPort = request.SerialPort,
                bundle = request.BundlePath,
                outcome = outcome.Succeeded ? "flashed" : "failed",
                failedStep = outcome.FailedStep?.ToString(),
                message = outcome.Message,
                nextStep = outcome.NextStep,
                boardState = outcome.BoardState,
                steps = outcome.Steps.Select(s => new { step = s.Step.ToString(), succeeded = s.Succeeded, detail = s.Detail, command = s.Command, exitCode = s.ExitCode }),
            };
            File.WriteAllText(path, JsonSerializer.Serialize(record, new JsonSerializerOptions { WriteIndented = true }) + "\n");
            return path;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = ex.Message;
            return null;
        }
    }
}
