using System;
using System.Security.Cryptography;
using ChamberFirmware.Core.Crypto;
using Xunit;

namespace ChamberFirmware.Core.Tests.Crypto;

/// <summary>
/// What every IHmacSha256 must do, whatever computes it (managed today, native on a device build
/// later): RFC 4231, .NET's HMACSHA256, argument and key handling, no allocation per tag.
/// A new implementation gets these tests by deriving a class that creates it.
/// </summary>
public abstract class HmacSha256Contract
{
    protected abstract IHmacSha256 Create();

    [Theory]
    [MemberData(nameof(HmacSha256Tests.Rfc4231Vectors), MemberType = typeof(HmacSha256Tests))]
    public void Matches_the_rfc4231_vectors_through_the_interface(string keyHex, string dataHex, string expectedHex)
    {
        byte[] key = Convert.FromHexString(keyHex);
        byte[] data = Convert.FromHexString(dataHex);
        byte[] expected = Convert.FromHexString(expectedHex);
        IHmacSha256 mac = Create();
        Assert.True(mac.SetKey(key, 0, key.Length));
        Assert.True(mac.HasKey);
        byte[] tag = new byte[32];
        Assert.True(mac.Compute(data, 0, data.Length, tag, 0));
        Assert.Equal(expected, tag.AsSpan(0, expected.Length).ToArray());
    }

    [Fact]
    public void Matches_dotnet_on_every_link_sized_message_under_a_session_sized_key()
    {
        var random = new Random(17);
        IHmacSha256 mac = Create();
        byte[] key = new byte[32];
        random.NextBytes(key);
        Assert.True(mac.SetKey(key, 0, key.Length));
        byte[] frame = new byte[300];
        byte[] tag = new byte[32];
        for (int length = 0; length <= 280; length++)
        {
            random.NextBytes(frame);
            int offset = length % 13;
            Assert.True(mac.Compute(frame, offset, length, tag, 0));
            Assert.Equal(HMACSHA256.HashData(key, frame.AsSpan(offset, length)), tag);
        }
    }

    [Fact]
    public void Without_a_key_nothing_is_tagged()
    {
        IHmacSha256 mac = Create();
        byte[] data = new byte[8];
        byte[] tag = new byte[32];
        Assert.False(mac.HasKey);
        Assert.False(mac.Update(data, 0, data.Length));
        Assert.False(mac.Finish(tag, 0));
        Assert.False(mac.Compute(data, 0, data.Length, tag, 0));
        Assert.Equal(new byte[32], tag);
    }

    [Fact]
    public void Clearing_the_key_stops_tagging_until_a_new_key_is_set()
    {
        IHmacSha256 mac = Create();
        byte[] key = new byte[32];
        byte[] data = new byte[8];
        byte[] tag = new byte[32];
        Assert.True(mac.SetKey(key, 0, key.Length));
        mac.ClearKey();
        Assert.False(mac.HasKey);
        Assert.False(mac.Compute(data, 0, data.Length, tag, 0));
        Assert.True(mac.SetKey(key, 0, key.Length));
        Assert.True(mac.Compute(data, 0, data.Length, tag, 0));
        Assert.Equal(HMACSHA256.HashData(key, data), tag);
    }

    [Fact]
    public void A_rejected_key_leaves_no_key_not_the_previous_one()
    {
        IHmacSha256 mac = Create();
        byte[] key = new byte[32];
        Assert.True(mac.SetKey(key, 0, key.Length));
        Assert.False(mac.SetKey(key, 20, 13));
        Assert.False(mac.HasKey);
        Assert.False(mac.SetKey(null!, 0, 0));
        Assert.False(mac.SetKey(key, -1, 2));
        Assert.False(mac.SetKey(key, 0, -1));
        Assert.False(mac.HasKey);
    }

    [Fact]
    public void A_new_key_replaces_the_old_one()
    {
        IHmacSha256 mac = Create();
        byte[] first = new byte[32];
        byte[] second = new byte[32];
        second[31] = 1;
        byte[] data = { 1, 2, 3 };
        byte[] tag = new byte[32];
        Assert.True(mac.SetKey(first, 0, first.Length));
        Assert.True(mac.SetKey(second, 0, second.Length));
        Assert.True(mac.Compute(data, 0, data.Length, tag, 0));
        Assert.Equal(HMACSHA256.HashData(second, data), tag);
    }

    [Fact]
    public void Finish_starts_the_next_message_so_consecutive_tags_do_not_mix()
    {
        IHmacSha256 mac = Create();
        byte[] key = { 9, 8, 7 };
        byte[] first = new byte[70];
        byte[] second = { 0x42 };
        byte[] tag = new byte[32];
        Assert.True(mac.SetKey(key, 0, key.Length));
        Assert.True(mac.Update(first, 0, first.Length));
        Assert.True(mac.Finish(tag, 0));
        Assert.Equal(HMACSHA256.HashData(key, first), tag);

        // No Start: the next Update begins a fresh message.
        Assert.True(mac.Update(second, 0, second.Length));
        Assert.True(mac.Finish(tag, 0));
        Assert.Equal(HMACSHA256.HashData(key, second), tag);

        // Start drops a half-fed message.
        Assert.True(mac.Update(first, 0, 10));
        mac.Start();
        Assert.True(mac.Update(second, 0, second.Length));
        Assert.True(mac.Finish(tag, 0));
        Assert.Equal(HMACSHA256.HashData(key, second), tag);
    }

    [Fact]
    public void The_tag_is_written_at_the_offset_and_nowhere_else()
    {
        IHmacSha256 mac = Create();
        byte[] key = new byte[16];
        byte[] data = new byte[5];
        byte[] output = new byte[40];
        Array.Fill(output, (byte)0xEE);
        Assert.True(mac.SetKey(key, 0, key.Length));
        Assert.True(mac.Compute(data, 0, data.Length, output, 4));
        Assert.Equal(new byte[] { 0xEE, 0xEE, 0xEE, 0xEE }, output[..4]);
        Assert.Equal(new byte[] { 0xEE, 0xEE, 0xEE, 0xEE }, output[36..]);
        Assert.Equal(HMACSHA256.HashData(key, data), output[4..36]);
    }

    [Fact]
    public void Out_of_range_ranges_return_false_and_never_throw()
    {
        IHmacSha256 mac = Create();
        byte[] key = new byte[32];
        byte[] data = new byte[10];
        byte[] tag = new byte[32];
        Assert.True(mac.SetKey(key, 0, key.Length));
        Assert.False(mac.Update(null!, 0, 0));
        Assert.False(mac.Update(data, 5, 6));
        Assert.False(mac.Update(data, -1, 1));
        Assert.False(mac.Update(data, 0, -1));
        Assert.False(mac.Finish(null!, 0));
        Assert.False(mac.Finish(tag, 1));
        Assert.False(mac.Finish(tag, -1));
        Assert.False(mac.Compute(data, 0, 11, tag, 0));
        Assert.False(mac.Compute(data, 0, 10, new byte[31], 0));

        // The failures left it usable.
        Assert.True(mac.Compute(data, 0, data.Length, tag, 0));
        Assert.Equal(HMACSHA256.HashData(key, data), tag);
    }

    [Fact]
    public void A_tag_allocates_nothing()
    {
        IHmacSha256 mac = Create();
        byte[] key = new byte[32];
        byte[] frame = new byte[58];
        byte[] tag = new byte[32];
        mac.SetKey(key, 0, key.Length);
        mac.Compute(frame, 0, frame.Length, tag, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            mac.Compute(frame, 0, 8 + (i % 50), tag, 0);
            mac.Start();
            mac.Update(frame, 0, 20);
            mac.Update(frame, 20, 38);
            mac.Finish(tag, 0);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
