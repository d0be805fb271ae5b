using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace ChamberFirmware.Tools.Tests.Hil;

/// <summary>
/// The rig's end of a noisy serial line: reads pass through; each written line goes through
/// <see cref="Tamper"/> first, which may drop it (null) or garble it. Counts the lines it wrote.
/// </summary>
internal sealed class LineTamperingStream : Stream
{
    private readonly Stream _inner;
    private readonly List<byte> _line = [];

    public LineTamperingStream(Stream inner, Func<string, string?> tamper)
    {
        _inner = inner;
        Tamper = tamper;
    }

    public Func<string, string?> Tamper { get; }

    public List<string> Dropped { get; } = [];

    public List<string> Garbled { get; } = [];

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override void Write(byte[] buffer, int offset, int count)
    {
        for (var i = offset; i < offset + count; i++)
        {
            _line.Add(buffer[i]);
            if (buffer[i] != (byte)'\n')
            {
                continue;
            }

            var text = Encoding.Latin1.GetString([.. _line]);
            _line.Clear();
            var sent = Tamper(text);
            if (sent is null)
            {
                Dropped.Add(text);
                continue;
            }

            if (sent != text)
            {
                Garbled.Add(text);
            }

            var bytes = Encoding.Latin1.GetBytes(sent);
            _inner.Write(bytes, 0, bytes.Length);
        }
    }

    public override void Flush() => _inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
