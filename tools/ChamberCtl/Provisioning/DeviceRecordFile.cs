using System;
using System.IO;

namespace ChamberCtl.Provisioning;

/// <summary>Writes the --record file whole (temporary name, then moved; never over an existing file).</summary>
internal static class DeviceRecordFile
{
    public static string? CheckDestination(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        string full = Path.GetFullPath(path);
        if (File.Exists(full) || Directory.Exists(full))
        {
            throw new ProvisioningFailure("--record " + full + " already exists: records are never overwritten", "name a new record file", ProvisioningExitCodes.Usage);
        }

        string? directory = Path.GetDirectoryName(full);
        if (directory is null || !Directory.Exists(directory))
        {
            throw new ProvisioningFailure("--record " + full + ": the folder " + directory + " does not exist", "create the folder first", ProvisioningExitCodes.Usage);
        }

        return full;
    }

    /// <summary>Returns null on success, otherwise why it could not be written.</summary>
    public static string? TryWrite(string path, DeviceRecord record)
    {
        string temporary = path + ".partial-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        try
        {
            File.WriteAllText(temporary, record.ToJson());
            File.Move(temporary, path, overwrite: false);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LinkKeyFile.TryDelete(temporary);
            return ex.Message;
        }
    }
}
