using ChamberFirmware.Core.Crypto;
using Xunit;

namespace ChamberFirmware.Core.Tests.Crypto;

/// <summary>The managed HmacSha256 against the IHmacSha256 contract, plus its precomputed-key cost.</summary>
public sealed class ManagedHmacSha256ContractTests : HmacSha256Contract
{
    protected override IHmacSha256 Create() => new HmacSha256();

    [Fact]
    public void Keying_runs_the_two_pad_compressions_once_and_tags_never_repeat_them()
    {
        var mac = new HmacSha256();
        byte[] key = new byte[32];
        Assert.True(mac.SetKey(key, 0, key.Length));
        Assert.Equal(2, mac.CompressionCount);

        // A heartbeat (8-byte header) and a status frame (58 bytes) as the link tags them.
        byte[] frame = new byte[58];
        byte[] tag = new byte[32];
        for (int i = 0; i < 100; i++)
        {
            mac.Compute(frame, 0, 8, tag, 0);
            mac.Compute(frame, 0, 58, tag, 0);
        }

        Assert.Equal(2 + (100 * (2 + 3)), mac.CompressionCount);
    }

    [Fact]
    public void A_key_longer_than_a_block_is_hashed_once_at_keying()
    {
        var mac = new HmacSha256();
        byte[] key = new byte[131];
        Assert.True(mac.SetKey(key, 0, key.Length));

        // 131 bytes hash in 3 blocks, then the two pads.
        Assert.Equal(3 + 2, mac.CompressionCount);
        byte[] tag = new byte[32];
        mac.Compute(new byte[8], 0, 8, tag, 0);
        Assert.Equal(3 + 2 + 2, mac.CompressionCount);
    }
}
