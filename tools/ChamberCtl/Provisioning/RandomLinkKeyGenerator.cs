using System.Security.Cryptography;
using ChamberFirmware.Core.Link;

namespace ChamberCtl.Provisioning;

/// <summary>32 bytes from the operating system's cryptographic generator; never all zero (the device's "no key").</summary>
internal sealed class RandomLinkKeyGenerator : ILinkKeyGenerator
{
    public byte[] NewKey()
    {
        byte[] key = new byte[LinkProtocol.DeviceKeySize];
        do
        {
            RandomNumberGenerator.Fill(key);
        }
        while (System.Array.TrueForAll(key, b => b == 0));

        return key;
    }
}
