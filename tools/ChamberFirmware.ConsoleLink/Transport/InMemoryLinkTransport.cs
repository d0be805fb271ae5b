using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace ChamberFirmware.ConsoleLink.Transport;

/// <summary>One end of an in-process frame pipe (tests, simulator without sockets).</summary>
public sealed class InMemoryLinkTransport : ILinkTransport
{
    private readonly Channel<byte[]> _outgoing;
    private readonly Channel<byte[]> _incoming;

    private InMemoryLinkTransport(Channel<byte[]> outgoing, Channel<byte[]> incoming)
    {
        _outgoing = outgoing;
        _incoming = incoming;
    }

    /// <summary>Two connected ends: what one sends, the other receives.</summary>
    public static (InMemoryLinkTransport Console, InMemoryLinkTransport Device) CreatePair()
    {
        var toDevice = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(256) { SingleReader = true });
        var toConsole = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(256) { SingleReader = true });
        return (new InMemoryLinkTransport(toDevice, toConsole), new InMemoryLinkTransport(toConsole, toDevice));
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        try
        {
            await _outgoing.Writer.WriteAsync(frame.ToArray(), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            throw new System.IO.IOException("The link is closed.", ex);
        }
    }

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        ReceiveFrameAsync(_incoming.Reader, buffer, cancellationToken);

    /// <summary>The next whole frame from a channel of frames, cut to the buffer; 0 once the channel is closed.</summary>
    internal static async ValueTask<int> ReceiveFrameAsync(ChannelReader<byte[]> frames, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            byte[] frame = await frames.ReadAsync(cancellationToken).ConfigureAwait(false);
            int length = Math.Min(frame.Length, buffer.Length);
            frame.AsMemory(0, length).CopyTo(buffer);
            return length;
        }
        catch (ChannelClosedException)
        {
            return 0;
        }
    }

    public ValueTask DisposeAsync()
    {
        _outgoing.Writer.TryComplete();
        _incoming.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
