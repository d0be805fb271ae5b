using System;
using System.IO;

namespace ChamberFirmware.Fuzz.Harness;

/// <summary>
/// A duplex stream for line protocols: reads return the fuzz input (then end of stream), writes
/// are kept so a harness can look at what was answered.
/// </summary>
public sealed class ScriptedStream : Stream
{
    private readonly MemoryStream _incoming;
    private readonly MemoryStream _outgoing = new();

    public ScriptedStream(byte[] incoming)
    {
        _incoming = new MemoryStream(incoming, writable: false);
    }

    public byte[] Written => _outgoing.ToArray();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => _incoming.Read(buffer, offset, count);

    public override void Write(byte[] buffer, int offset, int count) => _outgoing.Write(buffer, offset, count);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
