using System;
using System.Collections.Generic;
using ChamberFirmware.Core.Link;

namespace ChamberFirmware.Core.Tests.Runtime;

/// <summary>The transport's side of the LinkPump in host tests: keeps copies of the frames it was given.</summary>
public sealed class RecordingOutput : ILinkOutput
{
    public List<byte[]> Frames { get; } = new();

    public void Send(byte[] frame, int length) => Frames.Add(frame.AsSpan(0, length).ToArray());
}
