using System;
using ChamberFirmware.Core.Link;
using Xunit;

namespace ChamberFirmware.Core.Tests.Link;

public sealed class LinkInboxTests
{
    private readonly byte[] _buffer = new byte[LinkProtocol.MaxFrameSize + 1];

    [Fact]
    public void Frames_come_out_in_order_as_copies_of_what_was_posted()
    {
        var inbox = new LinkInbox(4);
        byte[] first = { 1, 2, 3 };
        byte[] second = { 9, 8, 7, 6, 5 };
        Assert.True(inbox.TryPost(first, 0, 3));
        Assert.True(inbox.TryPost(second, 1, 3));
        first[0] = 42;

        Assert.Equal(2, inbox.Count);
        Assert.Equal(3, inbox.Take(_buffer));
        Assert.Equal(new byte[] { 1, 2, 3 }, _buffer.AsSpan(0, 3).ToArray());
        Assert.Equal(3, inbox.Take(_buffer));
        Assert.Equal(new byte[] { 8, 7, 6 }, _buffer.AsSpan(0, 3).ToArray());
        Assert.Equal(-1, inbox.Take(_buffer));
    }

    [Fact]
    public void A_full_inbox_drops_the_frame_and_counts_it_once()
    {
        var inbox = new LinkInbox(2);
        byte[] frame = new byte[24];
        Assert.True(inbox.TryPost(frame, 0, 24));
        Assert.True(inbox.TryPost(frame, 0, 24));

        Assert.False(inbox.TryPost(frame, 0, 24));
        Assert.False(inbox.TryPost(frame, 0, 24));

        Assert.Equal(2, inbox.TakeDropped());
        Assert.Equal(0, inbox.TakeDropped());
        Assert.Equal(24, inbox.Take(_buffer));
        Assert.True(inbox.TryPost(frame, 0, 24));
    }

    [Fact]
    public void The_slots_wrap_around_without_mixing_frames()
    {
        var inbox = new LinkInbox(3);
        for (byte i = 0; i < 20; i++)
        {
            Assert.True(inbox.TryPost(new[] { i, (byte)(i + 1) }, 0, 2));
            Assert.Equal(2, inbox.Take(_buffer));
            Assert.Equal(i, _buffer[0]);
            Assert.Equal(i + 1, _buffer[1]);
        }
    }

    [Fact]
    public void An_oversized_frame_keeps_one_byte_too_many_so_the_link_server_rejects_it_as_oversized()
    {
        var inbox = new LinkInbox(1);
        Assert.True(inbox.TryPost(new byte[600], 0, 600));

        Assert.Equal(LinkProtocol.MaxFrameSize + 1, inbox.Take(_buffer));
    }

    [Fact]
    public void Out_of_range_arguments_are_dropped_and_counted_not_thrown()
    {
        var inbox = new LinkInbox(2);
        Assert.False(inbox.TryPost(null!, 0, 1));
        Assert.False(inbox.TryPost(new byte[4], 2, 3));
        Assert.False(inbox.TryPost(new byte[4], -1, 1));

        Assert.Equal(3, inbox.TakeDropped());
        Assert.Equal(0, inbox.Count);
    }

    [Fact]
    public void Close_forgets_the_waiting_frames_of_the_closed_transport_and_is_taken_once()
    {
        var inbox = new LinkInbox(4);
        inbox.TryPost(new byte[] { 1 }, 0, 1);
        inbox.TryPost(new byte[] { 2 }, 0, 1);

        inbox.Close();
        inbox.Close();

        Assert.Equal(0, inbox.Count);
        Assert.Equal(-1, inbox.Take(_buffer));
        Assert.True(inbox.TryPost(new byte[] { 3 }, 0, 1)); // the next link's frame stays
        Assert.True(inbox.TakeClosed());
        Assert.False(inbox.TakeClosed());
        Assert.Equal(1, inbox.Take(_buffer));
        Assert.Equal(3, _buffer[0]);
    }

    [Fact]
    public void A_capacity_under_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinkInbox(0));
    }

    [Fact]
    public void An_empty_write_is_passed_on_so_the_link_server_counts_it_as_truncated_not_as_rate_limited()
    {
        var inbox = new LinkInbox(2);

        Assert.True(inbox.TryPost(Array.Empty<byte>(), 0, 0));

        Assert.Equal(0, inbox.TakeDropped());
        Assert.Equal(0, inbox.Take(_buffer));
    }
}
