using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.Core.Link;

namespace ChamberFirmware.ConsoleLink.Transport;

/// <summary>
/// Frames over a byte stream (TCP): each frame is preceded by its length, 2 bytes little-endian
/// (docs/protocol.md, transports). Reads never buffer more than one maximum frame: a longer
/// record is cut and its rest discarded, so the receiver rejects it as oversized. With a frame
/// deadline, once a record's first byte has arrived the rest must follow within it (on the injected
/// clock), else <see cref="FrameDeadlineException"/>: a peer trickling a byte every few seconds
/// cannot hold the connection.
/// </summary>
public class LengthPrefixedStreamTransport : ILinkTransport
{
    private readonly Stream _stream;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly byte[] _lengthBuffer = new byte[LinkProtocol.StreamLengthPrefixSize];
    private readonly byte[] _discard = new byte[512];

    private readonly TimeProvider? _time;
    private readonly TimeSpan _frameDeadline;

    public LengthPrefixedStreamTransport(Stream stream)
    {
        _stream = stream;
    }

    /// <param name="time">The clock the frame deadline runs on.</param>
    /// <param name="frameDeadline">How long one record's bytes may take once its first byte arrived.</param>
    public LengthPrefixedStreamTransport(Stream stream, TimeProvider time, TimeSpan frameDeadline)
        : this(stream)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(frameDeadline, TimeSpan.Zero);
        _time = time;
        _frameDeadline = frameDeadline;
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

    /// <summary>The next record's length; 0 for an empty record <b>and</b> at the end (use <see cref="ReceiveRecordAsync"/> to tell them apart).</summary>
    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        Math.Max(0, await ReceiveRecordAsync(buffer, cancellationToken).ConfigureAwait(false));

    /// <summary>The next record's length: 0 for an empty record (a bad frame), -1 when the other end closed.</summary>
    public async ValueTask<int> ReceiveRecordAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (!await ReadExactlyOrEndAsync(_lengthBuffer.AsMemory(0, 1), cancellationToken).ConfigureAwait(false))
        {
            return -1;
        }

        // The record has begun: the rest of it arrives within the frame deadline or the connection ends.
        using var deadline = _time is null ? null : new CancellationTokenSource(_frameDeadline, _time);
        using var linked = deadline is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        CancellationToken token = linked?.Token ?? cancellationToken;
        try
        {
            return await ReceiveRestAsync(buffer, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline is { IsCancellationRequested: true } && !cancellationToken.IsCancellationRequested)
        {
            throw new FrameDeadlineException(_frameDeadline);
        }
    }

    private async ValueTask<int> ReceiveRestAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (!await ReadExactlyOrEndAsync(_lengthBuffer.AsMemory(1, 1), cancellationToken).ConfigureAwait(false))
        {
            return -1;
        }

        int length = _lengthBuffer[0] | (_lengthBuffer[1] << 8);
        int kept = Math.Min(length, buffer.Length);
        if (!await ReadExactlyOrEndAsync(buffer[..kept], cancellationToken).ConfigureAwait(false))
        {
            return -1;
        }

        for (int rest = length - kept; rest > 0;)
        {
            int chunk = Math.Min(rest, _discard.Length);
            if (!await ReadExactlyOrEndAsync(_discard.AsMemory(0, chunk), cancellationToken).ConfigureAwait(false))
            {
                return -1;
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
