using ChamberFirmware.Core.Link;

namespace ChamberFirmware.Core.Tests.Link;

public sealed class FakeJumper : IProvisioningJumper
{
    public bool IsFitted { get; set; }
}
