using ChamberFirmware.Core.Crypto;
using Xunit;

namespace ChamberFirmware.Core.Tests.Crypto;

public class ConstantTimeTests
{
    [Fact]
    public void Equal_ranges_compare_equal_and_any_single_bit_flip_does_not()
    {
        byte[] a = { 1, 2, 3, 4, 5, 6, 7, 8 };
        byte[] b = { 9, 1, 2, 3, 4, 5, 6, 7, 8 };
        Assert.True(ConstantTime.AreEqual(a, 0, b, 1, 8));
        for (int i = 0; i < 8; i++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                b[1 + i] ^= (byte)(1 << bit);
                Assert.False(ConstantTime.AreEqual(a, 0, b, 1, 8));
                b[1 + i] ^= (byte)(1 << bit);
            }
        }
    }

    [Fact]
    public void Out_of_range_is_never_equal()
    {
        byte[] a = new byte[4];
        Assert.False(ConstantTime.AreEqual(a, 0, a, 1, 4));
        Assert.False(ConstantTime.AreEqual(a, -1, a, 0, 2));
        Assert.False(ConstantTime.AreEqual(null!, 0, a, 0, 0));
    }
}
