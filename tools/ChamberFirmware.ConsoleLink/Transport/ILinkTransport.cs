using System;
using System.Threading;
using System.Threading.Tasks;

namespace ChamberFirmware.ConsoleLink.Transport;

/// <summary>
/// Carries whole link frames between console and device. Frames are opaque here; the link layer
/// authenticates them. Send may be called concurrently with Receive; one receiver at a time.
/// </summary>
public interface ILinkTransport : IAsyncDisposable
{
    ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken);

    /// <summary>
    /// Receives the next frame into buffer (at least LinkProtocol.MaxFrameSize + 1 bytes) and
    /// returns its length; 0 when the other end closed. A frame longer than the buffer is cut to
    /// the buffer's length (the receiver rejects it as oversized).
    /// </summary>
    ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="ReceiveAsync"/>, but tells an empty record (0: a bad frame, for the device to
    /// reject) from the end of the connection (-1). Transports without empty records map 0 to -1.
    /// </summary>
    async ValueTask<int> ReceiveRecordAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int length = await ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
        return length == 0 ? -1 : length;
    }
}
