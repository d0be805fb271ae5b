namespace ChamberCtl.Provisioning;

/// <summary>Makes the per-device link key (tests wrap the real one to learn the key they must not find in output).</summary>
internal interface ILinkKeyGenerator
{
    byte[] NewKey();
}
