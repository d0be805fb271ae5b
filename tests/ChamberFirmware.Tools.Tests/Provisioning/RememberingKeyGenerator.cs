using System.Collections.Generic;
using ChamberCtl.Provisioning;

namespace ChamberFirmware.Tools.Tests.Provisioning;

/// <summary>The real CSPRNG generator, remembering what it made so tests can look for leaks and try the key.</summary>
internal sealed class RememberingKeyGenerator : ILinkKeyGenerator
{
    private readonly RandomLinkKeyGenerator _inner = new();

    public List<byte[]> Keys { get; } = new();

    public byte[] Last => Keys[^1];

    public byte[] NewKey()
    {
        byte[] key = _inner.NewKey();
        Keys.Add((byte[])key.Clone());
        return key;
    }
}
