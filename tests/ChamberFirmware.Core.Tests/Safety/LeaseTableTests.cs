using ChamberFirmware.Core.Safety;
using Xunit;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>LeaseTable alone: a lease runs up to (not including) its expiry; a new grant replaces the old; clear ends it.</summary>
public class LeaseTableTests
{
    private const long Start = 1_000_000;

    [Fact]
    public void Nothing_is_on_before_any_grant()
    {
        var leases = new LeaseTable();
        Assert.Equal(0, leases.ActiveMask(0));
        Assert.Equal(0, leases.ActiveMask(Start));
    }

    [Fact]
    public void A_lease_runs_until_one_microsecond_before_its_expiry()
    {
        var leases = new LeaseTable();
        leases.Grant(0b1010_0101, 100, Start);
        Assert.Equal(0b1010_0101, leases.ActiveMask(Start));
        Assert.Equal(0b1010_0101, leases.ActiveMask(Start + 99_999));
        Assert.Equal(0, leases.ActiveMask(Start + 100_000));
    }

    [Fact]
    public void The_lease_is_in_milliseconds()
    {
        var leases = new LeaseTable();
        leases.Grant(1, SafetyTiming.MaxLeaseMilliseconds, Start);
        Assert.Equal(1, leases.ActiveMask(Start + SafetyTiming.MaxLeaseMilliseconds * 1000L - 1));
        Assert.Equal(0, leases.ActiveMask(Start + SafetyTiming.MaxLeaseMilliseconds * 1000L));
    }

    [Fact]
    public void A_new_grant_replaces_the_mask_and_the_expiry_even_when_shorter()
    {
        var leases = new LeaseTable();
        leases.Grant(0b0001, 200, Start);
        leases.Grant(0b0110, 50, Start + 10_000);
        Assert.Equal(0b0110, leases.ActiveMask(Start + 59_999));
        Assert.Equal(0, leases.ActiveMask(Start + 60_000));
    }

    [Fact]
    public void A_grant_of_no_channels_turns_everything_off()
    {
        var leases = new LeaseTable();
        leases.Grant(0b11, 200, Start);
        leases.Grant(0, 200, Start + 10_000);
        Assert.Equal(0, leases.ActiveMask(Start + 20_000));
    }

    [Fact]
    public void A_clear_ends_a_running_lease()
    {
        var leases = new LeaseTable();
        leases.Grant(0b11, 200, Start);
        leases.Clear();
        Assert.Equal(0, leases.ActiveMask(Start));
        Assert.Equal(0, leases.ActiveMask(Start + 100_000));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(0b1000_0000, 1)]
    [InlineData(0b1011, 3)]
    [InlineData(0xFF, 8)]
    [InlineData(-1, 32)]
    [InlineData(int.MinValue, 1)]
    public void Bit_count_counts_the_channels(int mask, int expected)
    {
        Assert.Equal(expected, LeaseTable.BitCount(mask));
    }
}
