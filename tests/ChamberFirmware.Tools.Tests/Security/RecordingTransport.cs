using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Transport;

namespace ChamberFirmware.Tools.Tests.Security;

/// <summary>An eavesdropper on the console's side of the link: keeps a copy of every frame the console sends.</summary>
internal sealed class RecordingTransport : ILinkTransport
{
    private readonly ILinkTransport _inner;

    public RecordingTransport(ILinkTransport inner) => _inner = inner;

    public List<byte[]> Sent { get; } = new();

    public ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        Sent.Add(frame.ToArray());
        return _inner.SendAsync(frame, cancellationToken);
    }

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken) => _inner.ReceiveAsync(buffer, cancellationToken);

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
