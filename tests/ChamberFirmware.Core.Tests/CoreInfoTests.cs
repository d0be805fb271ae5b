using ChamberFirmware.Core;
using Xunit;

namespace ChamberFirmware.Core.Tests;

public class CoreInfoTests
{
    [Fact]
    public void Version_text_is_major_minor_patch()
    {
        Assert.Equal($"{CoreInfo.VersionMajor}.{CoreInfo.VersionMinor}.{CoreInfo.VersionPatch}", CoreInfo.VersionText);
    }
}
