using System;
using System.IO;
using ChamberFirmware.Core.Link;

namespace ChamberCtl.Provisioning;

/// <summary>
/// The link key file the clinic's console loads: one line, the 32-byte key as 64 hex digits.
/// Written only where the technician says (--key-out), never over an existing file, never inside a
/// git work tree, readable and writable by its owner only.
/// </summary>
internal static class LinkKeyFile
{
    public static byte[] Read(string path, string option)
    {
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ProvisioningFailure(option + " " + path + " cannot be read: " + ex.Message, "give the key file written when this device was provisioned (--key-out)", ProvisioningExitCodes.Usage);
        }

        byte[] key;
        try
        {
            key = Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            throw new ProvisioningFailure(option + " " + path + " is not a link key file (expected one line of " + (2 * LinkProtocol.DeviceKeySize) + " hex digits)", "give the key file written when this device was provisioned (--key-out)", ProvisioningExitCodes.Usage);
        }

        if (key.Length != LinkProtocol.DeviceKeySize)
        {
            throw new ProvisioningFailure(option + " " + path + " holds " + key.Length + " bytes, a link key is " + LinkProtocol.DeviceKeySize, "give the key file written when this device was provisioned (--key-out)", ProvisioningExitCodes.Usage);
        }

        return key;
    }

    /// <summary>Checks --key-out before anything is sent to the device; returns the full path.</summary>
    public static string CheckDestination(string? path)
    {
        const string next = "name a new file outside any repository, e.g. --key-out ~/chamber-keys/CH-0001.key";
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ProvisioningFailure("--key-out is required: the new link key is written only to a file you name", next, ProvisioningExitCodes.Usage);
        }

        string full = Path.GetFullPath(path);
        if (File.Exists(full) || Directory.Exists(full))
        {
            throw new ProvisioningFailure("--key-out " + full + " already exists: key files are never overwritten", next, ProvisioningExitCodes.Usage);
        }

        string? directory = Path.GetDirectoryName(full);
        if (directory is null || !Directory.Exists(directory))
        {
            throw new ProvisioningFailure("--key-out " + full + ": the folder " + directory + " does not exist", "create the folder (readable by you only) first", ProvisioningExitCodes.Usage);
        }

        string? repository = GitWorkTree.Find(directory);
        if (repository is not null)
        {
            throw new ProvisioningFailure("--key-out " + full + " is inside the git work tree " + repository + ": a link key must never be committed", next, ProvisioningExitCodes.Usage);
        }

        return full;
    }

    /// <summary>
    /// Writes the key to a hidden owner-only file next to the destination before the device is
    /// asked to commit, so the key cannot be lost to a host write failure afterwards.
    /// </summary>
    public static PendingKeyFile WritePending(string destination, byte[] key)
    {
        string directory = Path.GetDirectoryName(destination)!;
        string pending = Path.Combine(directory, "." + Path.GetFileName(destination) + ".pending-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var stream = new FileStream(pending, options);
            using var writer = new StreamWriter(stream);
            writer.Write(Convert.ToHexStringLower(key));
            writer.Write('\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(pending);
            throw new ProvisioningFailure("cannot write the key file next to " + destination + ": " + ex.Message + "; nothing was sent to the device", "choose a writable folder for --key-out", ProvisioningExitCodes.Failed);
        }

        return new PendingKeyFile(pending, destination);
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the caller reports the outcome that matters.
        }
    }
}
