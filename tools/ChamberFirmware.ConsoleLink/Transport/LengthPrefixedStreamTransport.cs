using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.Core.Link;

namespace ChamberFirmware.ConsoleLink.Transport;

/// <summary>
/// Frames over a byte stream (TCP): each frame is preceded by its length, 2 bytes little-endian
/// (docs/protocol.md, transports). Reads never buffer more than one maximum frame: a longer
/// record is cut and its rest discarded, so the receiver rejects it as oversized.
/// </summary>
public class LengthPrefixedStreamTransport : ILinkTransport
{
    private readonly Stream _stream;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly byte[] _lengthBuffer = new byte[LinkProtocol.StreamLengthPrefixSize];
    private readonly byte[] _discard = new byte[512];

    public LengthPrefixedStreamTransport(Stream stream)
    {
        _stream = stream;
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        if (frame.Length > ushort.MaxValue)
        {
            throw new ArgumentException("A frame cannot exceed 65535 bytes on a stream.", nameof(frame));
        }

        byte[] record = new byte[LinkProtocol.StreamLengthPrefixSize + frame.Length];
        record[0] = (byte)frame.Length;
        record[1] = (byte)(frame.Length >> 8);
        frame.CopyTo(record.AsMemory(LinkProtocol.StreamLengthPrefixSize));
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(record, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (!await ReadExactlyOrEndAsync(_lengthBuffer, cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        int length = _lengthBuffer[0] | (_lengthBuffer[1] << 8);
        int kept = Math.Min(length, buffer.Length);
        if (!await ReadExactlyOrEndAsync(buffer[..kept], cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        for (int rest = length - kept; rest > 0;)
        {
            int chunk = Math.Min(rest, _discard.Length);
            if (!await ReadExactlyOrEndAsync(_discard.AsMemory(0, chunk), cancellationToken).ConfigureAwait(false))
            {
                return 0;
            }

            rest -= chunk;
        }

        return kept;
    }

    public virtual async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _sendLock.Dispose();
        GC.SuppressFinalize(this);
    }

    private async ValueTask<bool> ReadExactlyOrEndAsync(Memory<byte> target, CancellationToken cancellationToken)
    {
        try
        {
            await _stream.ReadExactlyAsync(target, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
