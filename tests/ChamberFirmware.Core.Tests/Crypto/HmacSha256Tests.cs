using System;
using System.Security.Cryptography;
using ChamberFirmware.Core.Crypto;
using Xunit;

namespace ChamberFirmware.Core.Tests.Crypto;

public class HmacSha256Tests
{
    // RFC 4231, test cases 1-7 (case 5 is a 128-bit truncation, checked on its prefix).
    public static TheoryData<string, string, string> Rfc4231Vectors => new()
    {
        { "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
        { "4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
        { "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", new string('d', 100), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
        { "0102030405060708090a0b0c0d0e0f10111213141516171819", string.Concat(System.Linq.Enumerable.Repeat("cd", 50)), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
        { "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c", "546573742057697468205472756e636174696f6e", "a3b6167473100ee06e0c796c2955552b" },
        { new string('a', 262), "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374", "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
        { new string('a', 262), "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e", "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
    };

    [Theory]
    [MemberData(nameof(Rfc4231Vectors))]
    public void Matches_the_rfc4231_test_vectors(string keyHex, string dataHex, string expectedHex)
    {
        byte[] key = Convert.FromHexString(keyHex);
        byte[] data = Convert.FromHexString(dataHex);
        byte[] expected = Convert.FromHexString(expectedHex);
        var mac = new HmacSha256();
        Assert.True(mac.SetKey(key, 0, key.Length));
        byte[] tag = new byte[32];
        Assert.True(mac.Compute(data, 0, data.Length, tag, 0));
        Assert.Equal(expected, tag.AsSpan(0, expected.Length).ToArray());
    }

    [Fact]
    public void Matches_dotnet_hmacsha256_on_seeded_random_keys_messages_and_chunkings()
    {
        var random = new Random(4231);
        var mac = new HmacSha256();
        byte[] tag = new byte[32];
        for (int trial = 0; trial < 2000; trial++)
        {
            byte[] key = new byte[random.Next(0, 150)];
            byte[] data = new byte[random.Next(0, 600)];
            random.NextBytes(key);
            random.NextBytes(data);
            Assert.True(mac.SetKey(key, 0, key.Length));

            // Feed in random chunks so every block-boundary path of the incremental API runs.
            mac.Start();
            int at = 0;
            while (at < data.Length)
            {
                int chunk = Math.Min(random.Next(1, 130), data.Length - at);
                Assert.True(mac.Update(data, at, chunk));
                at += chunk;
            }

            Assert.True(mac.Finish(tag, 0));
            Assert.Equal(HMACSHA256.HashData(key, data), tag);
        }
    }

    [Fact]
    public void Sha256_matches_dotnet_on_seeded_random_messages_of_every_length_to_300()
    {
        var random = new Random(256);
        var sha = new Sha256();
        byte[] digest = new byte[32];
        for (int length = 0; length <= 300; length++)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            sha.Update(data, 0, data.Length);
            sha.Finish(digest, 0);
            Assert.Equal(SHA256.HashData(data), digest);
        }
    }

    [Fact]
    public void A_tag_of_a_short_message_costs_two_compressions_after_keying()
    {
        var mac = new HmacSha256();
        byte[] key = new byte[32];
        mac.SetKey(key, 0, key.Length);
        long before = mac.CompressionCount;
        byte[] message = new byte[55];
        byte[] tag = new byte[32];
        mac.Compute(message, 0, 55, tag, 0);
        Assert.Equal(2, mac.CompressionCount - before);

        // One more byte no longer fits the padding of one block.
        before = mac.CompressionCount;
        mac.Compute(new byte[56], 0, 56, tag, 0);
        Assert.Equal(3, mac.CompressionCount - before);
    }

    [Fact]
    public void Computing_tags_allocates_nothing_after_construction()
    {
        var mac = new HmacSha256();
        byte[] key = new byte[32];
        byte[] data = new byte[200];
        byte[] tag = new byte[32];
        mac.SetKey(key, 0, key.Length);
        mac.Compute(data, 0, data.Length, tag, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            mac.SetKey(key, 0, key.Length);
            mac.Compute(data, 0, data.Length, tag, 0);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Out_of_range_arguments_return_false_and_never_throw()
    {
        var mac = new HmacSha256();
        byte[] buffer = new byte[10];
        Assert.False(mac.Update(buffer, 0, 1)); // no key yet
        Assert.False(mac.SetKey(buffer, 5, 6));
        Assert.False(mac.SetKey(null!, 0, 0));
        Assert.True(mac.SetKey(buffer, 0, 10));
        Assert.False(mac.Update(buffer, -1, 2));
        Assert.False(mac.Update(buffer, 9, 2));
        Assert.False(mac.Finish(buffer, 0)); // 10 bytes cannot hold a 32-byte tag
    }
}
