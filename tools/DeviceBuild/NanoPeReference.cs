using System;

namespace DeviceBuild
{
    /// <summary>An assembly a .pe needs on the device, by name and exact version (nanoCLR binds by both).</summary>
    public sealed record NanoPeReference(string Name, Version Version);
}
