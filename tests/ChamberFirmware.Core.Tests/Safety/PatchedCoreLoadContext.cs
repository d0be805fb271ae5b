using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>
/// A load context in which ChamberFirmware.Core is an assembly compiled in memory (the planted-bug
/// build) and every other ChamberFirmware assembly, this test assembly included, is loaded afresh
/// from the test's output folder so that it binds to that core; everything else (the runtime,
/// xunit) is shared with the default context.
/// </summary>
internal sealed class PatchedCoreLoadContext : AssemblyLoadContext
{
    private readonly byte[] _core;
    private readonly string _folder;

    public PatchedCoreLoadContext(byte[] core, string folder)
        : base("planted-bug", isCollectible: true)
    {
        _core = core;
        _folder = folder;
    }

    protected override Assembly? Load(AssemblyName name)
    {
        if (name.Name == "ChamberFirmware.Core")
        {
            return LoadFromStream(new MemoryStream(_core));
        }

        string path = Path.Combine(_folder, name.Name + ".dll");
        return name.Name!.StartsWith("ChamberFirmware.", System.StringComparison.Ordinal) && File.Exists(path)
            ? LoadFromAssemblyPath(path)
            : null;
    }
}
