using System;
using System.IO;

namespace ChamberFirmware.Tools.Tests;

/// <summary>A fresh folder under the system temp folder, deleted on Dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "chamberctl-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes a text file into the folder and returns its path.</summary>
    public string Write(string name, string text)
    {
        var file = Combine(name);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
