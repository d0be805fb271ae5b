using System;
using System.IO;

namespace ChamberCtl.Provisioning;

/// <summary>
/// A key written under a hidden name, waiting for the device's commit: Keep moves it to the name
/// the technician chose (never over an existing file); Discard deletes it (nothing was committed).
/// </summary>
internal sealed class PendingKeyFile
{
    public PendingKeyFile(string pendingPath, string destination)
    {
        PendingPath = pendingPath;
        Destination = destination;
    }

    public string PendingPath { get; }

    public string Destination { get; }

    /// <summary>Moves the key to its destination; returns where it is (the pending name if the move failed).</summary>
    public string Keep()
    {
        try
        {
            File.Move(PendingPath, Destination, overwrite: false);
            return Destination;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The device holds this key: never delete it; tell the caller where it still is.
            return PendingPath;
        }
    }

    public void Discard() => LinkKeyFile.TryDelete(PendingPath);
}
