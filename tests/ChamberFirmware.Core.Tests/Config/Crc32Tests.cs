using System.Text;
using ChamberFirmware.Core.Config;
using Xunit;

namespace ChamberFirmware.Core.Tests.Config;

public class Crc32Tests
{
    [Fact]
    public void The_standard_check_value_is_reproduced()
    {
        var data = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xCBF43926u, Crc32.Compute(data, 0, data.Length));
    }

    [Fact]
    public void Known_vectors_and_offset_slices_agree()
    {
        var fox = Encoding.ASCII.GetBytes("xxThe quick brown fox jumps over the lazy dogyy");
        Assert.Equal(0x414FA339u, Crc32.Compute(fox, 2, fox.Length - 4));
        Assert.Equal(0u, Crc32.Compute(fox, 5, 0));
    }

    [Fact]
    public void Computing_allocates_nothing()
    {
        var data = new byte[128];
        Crc32.Compute(data, 0, data.Length);
        var before = System.GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Crc32.Compute(data, 0, data.Length);
        }

        Assert.Equal(before, System.GC.GetAllocatedBytesForCurrentThread());
    }
}
