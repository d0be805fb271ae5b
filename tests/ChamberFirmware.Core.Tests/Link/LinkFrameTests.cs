using System;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Wire;
using Xunit;

namespace ChamberFirmware.Core.Tests.Link;

/// <summary>Frame layout checks at their exact bounds and at offsets other than 0.</summary>
public class LinkFrameTests
{
    /// <summary>A well-formed unauthenticated frame with the given payload length at offset in a buffer of size.</summary>
    private static byte[] FrameAt(int offset, int payloadLength, int size, byte type = 0x10, uint sequence = 0)
    {
        byte[] buffer = new byte[size];
        for (int i = 0; i < payloadLength; i++)
        {
            buffer[offset + LinkProtocol.HeaderSize + i] = (byte)(i + 1);
        }

        LinkFrame.WriteHeader(buffer, offset, type, sequence, payloadLength);
        return buffer;
    }

    [Fact]
    public void A_frame_at_an_offset_is_read_from_that_offset()
    {
        byte[] buffer = FrameAt(9, 5, 9 + LinkProtocol.MinFrameSize + 5 + 4, type: 0x23, sequence: 0x01020304);
        Assert.Equal(LinkRejectReason.None, LinkFrame.ParseHeader(buffer, 9, LinkProtocol.MinFrameSize + 5, out byte type, out uint sequence, out int payloadLength));
        Assert.Equal(0x23, type);
        Assert.Equal(0x01020304u, sequence);
        Assert.Equal(5, payloadLength);
    }

    [Fact]
    public void The_largest_and_the_smallest_frames_are_accepted_one_byte_more_or_less_is_not()
    {
        byte[] largest = FrameAt(0, LinkProtocol.MaxPayloadSize, LinkProtocol.MaxFrameSize + 1);
        Assert.Equal(LinkRejectReason.None, LinkFrame.ParseHeader(largest, 0, LinkProtocol.MaxFrameSize, out _, out _, out int length));
        Assert.Equal(LinkProtocol.MaxPayloadSize, length);
        Assert.Equal(LinkRejectReason.Oversized, LinkFrame.ParseHeader(largest, 0, LinkProtocol.MaxFrameSize + 1, out _, out _, out _));

        byte[] smallest = FrameAt(0, 0, LinkProtocol.MinFrameSize);
        Assert.Equal(LinkRejectReason.None, LinkFrame.ParseHeader(smallest, 0, LinkProtocol.MinFrameSize, out _, out _, out length));
        Assert.Equal(0, length);
        Assert.Equal(LinkRejectReason.Truncated, LinkFrame.ParseHeader(smallest, 0, LinkProtocol.MinFrameSize - 1, out _, out _, out _));
    }

    [Fact]
    public void A_range_outside_the_buffer_is_truncated_and_reports_nothing()
    {
        byte[] buffer = FrameAt(2, 0, 2 + LinkProtocol.MinFrameSize, type: 0x11, sequence: 7);
        Assert.Equal(LinkRejectReason.None, LinkFrame.ParseHeader(buffer, 2, LinkProtocol.MinFrameSize, out _, out _, out _));

        // One byte past the end, a negative offset, a negative count, no buffer.
        Assert.Equal(LinkRejectReason.Truncated, LinkFrame.ParseHeader(buffer, 3, LinkProtocol.MinFrameSize, out byte type, out uint sequence, out int payloadLength));
        Assert.Equal((0, 0u, 0), (type, sequence, payloadLength));
        Assert.Equal(LinkRejectReason.Truncated, LinkFrame.ParseHeader(buffer, -1, LinkProtocol.MinFrameSize, out _, out _, out _));
        Assert.Equal(LinkRejectReason.Truncated, LinkFrame.ParseHeader(buffer, 0, -1, out _, out _, out _));
        Assert.Equal(LinkRejectReason.Truncated, LinkFrame.ParseHeader(null!, 0, 0, out _, out _, out _));
    }

    [Fact]
    public void A_declared_length_one_more_or_one_less_than_present_is_refused_with_its_reason()
    {
        byte[] buffer = FrameAt(0, 10, LinkProtocol.MaxFrameSize);
        int count = LinkProtocol.MinFrameSize + 10;
        LittleEndian.WriteUInt16(buffer, LinkProtocol.OffsetLength, 11);
        Assert.Equal(LinkRejectReason.Truncated, LinkFrame.ParseHeader(buffer, 0, count, out byte type, out _, out int payloadLength));
        Assert.Equal((0, 0), (type, payloadLength));
        LittleEndian.WriteUInt16(buffer, LinkProtocol.OffsetLength, 9);
        Assert.Equal(LinkRejectReason.BadLength, LinkFrame.ParseHeader(buffer, 0, count, out _, out _, out _));
        LittleEndian.WriteUInt16(buffer, LinkProtocol.OffsetLength, 10);
        Assert.Equal(LinkRejectReason.None, LinkFrame.ParseHeader(buffer, 0, count, out _, out _, out _));
    }

    [Fact]
    public void A_frame_of_another_version_is_refused_at_an_offset_too()
    {
        byte[] buffer = FrameAt(4, 0, 4 + LinkProtocol.MinFrameSize);
        buffer[4] = LinkProtocol.Version + 1;
        buffer[0] = LinkProtocol.Version;
        Assert.Equal(LinkRejectReason.BadVersion, LinkFrame.ParseHeader(buffer, 4, LinkProtocol.MinFrameSize, out _, out _, out _));
    }

    [Fact]
    public void An_unauthenticated_frame_is_written_at_its_offset_with_an_all_zero_tag()
    {
        byte[] buffer = new byte[6 + LinkProtocol.MinFrameSize + 3 + 2];
        buffer.AsSpan().Fill(0xEE);
        int length = LinkFrame.WriteUnauthenticated(buffer, 6, 0x7F, 3);
        Assert.Equal(LinkProtocol.MinFrameSize + 3, length);
        Assert.Equal(LinkProtocol.Version, buffer[6]);
        Assert.Equal(0x7F, buffer[7]);
        Assert.Equal(3, LittleEndian.ReadUInt16(buffer, 8));
        Assert.Equal(0u, LittleEndian.ReadUInt32(buffer, 10));
        Assert.Equal(new byte[] { 0xEE, 0xEE, 0xEE }, buffer.AsSpan(6 + LinkProtocol.HeaderSize, 3).ToArray());
        Assert.Equal(new byte[LinkProtocol.TagSize], buffer.AsSpan(6 + LinkProtocol.HeaderSize + 3, LinkProtocol.TagSize).ToArray());

        // Nothing before or after the frame is touched.
        Assert.Equal(new byte[] { 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE }, buffer.AsSpan(0, 6).ToArray());
        Assert.Equal(new byte[] { 0xEE, 0xEE }, buffer.AsSpan(6 + length).ToArray());
    }

    [Fact]
    public void Writing_a_frame_that_does_not_fit_writes_nothing()
    {
        byte[] buffer = new byte[LinkProtocol.MinFrameSize + 3];
        buffer.AsSpan().Fill(0xEE);
        Assert.Equal(0, LinkFrame.WriteUnauthenticated(buffer, 1, 0x7F, 3));
        Assert.All(buffer, b => Assert.Equal(0xEE, b));
    }

    [Fact]
    public void Fits_holds_exactly_up_to_the_end_of_the_buffer_and_the_largest_payload()
    {
        byte[] buffer = new byte[10 + LinkProtocol.MinFrameSize + 5];
        Assert.True(LinkFrame.Fits(buffer, 10, 5));
        Assert.False(LinkFrame.Fits(buffer, 11, 5));
        Assert.False(LinkFrame.Fits(buffer, 10, 6));
        Assert.True(LinkFrame.Fits(buffer, 0, 0));
        Assert.False(LinkFrame.Fits(buffer, -1, 0));
        Assert.False(LinkFrame.Fits(buffer, 0, -1));
        Assert.False(LinkFrame.Fits(null!, 0, 0));

        byte[] big = new byte[2 * LinkProtocol.MaxFrameSize];
        Assert.True(LinkFrame.Fits(big, 0, LinkProtocol.MaxPayloadSize));
        Assert.False(LinkFrame.Fits(big, 0, LinkProtocol.MaxPayloadSize + 1));
    }
}
