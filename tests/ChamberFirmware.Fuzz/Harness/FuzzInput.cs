using System;

namespace ChamberFirmware.Fuzz.Harness;

/// <summary>
/// Reads a fuzz input as a sequence of small fields. Past the end every read yields zero or an
/// empty chunk, so every input, however short, is a valid program for a target.
/// </summary>
public sealed class FuzzInput
{
    private readonly byte[] _data;
    private int _at;

    public FuzzInput(byte[] data)
    {
        _data = data ?? throw new ArgumentNullException(nameof(data));
    }

    public bool AtEnd => _at >= _data.Length;

    public int Remaining => _data.Length - _at;

    public byte ReadByte() => _at < _data.Length ? _data[_at++] : (byte)0;

    /// <summary>A chunk of up to maxLength bytes, its length given by the next byte (clamped to what is left).</summary>
    public byte[] ReadChunk(int maxLength)
    {
        int length = Math.Min(Math.Min(ReadByte(), maxLength), Remaining);
        return Take(length);
    }

    /// <summary>The next length bytes (fewer when the input ends first).</summary>
    public byte[] ReadChunkOf(int length) => Take(Math.Min(Math.Max(length, 0), Remaining));

    /// <summary>Everything not read yet.</summary>
    public byte[] ReadRest() => Take(Remaining);

    private byte[] Take(int length)
    {
        byte[] chunk = _data.AsSpan(_at, length).ToArray();
        _at += length;
        return chunk;
    }
}
