using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Transport;
using ChamberFirmware.Core.Link;

namespace ChamberFirmware.ConsoleLink.Tests;

/// <summary>
/// The console's end of a link to a real LinkServer (DeviceRig) that turns hostile in one chosen
/// way: it ignores the Hello, garbles every answer after the handshake (its tag no longer
/// verifies), sends genuine telemetry ahead of every answer, or, once the session is open, strands
/// the console's next receive (a receive that ignores cancellation and outlives the transport's
/// disposal) or fails it as a reset connection.
/// </summary>
internal sealed class HostileDeviceTransport : ILinkTransport
{
    private readonly LinkServer _server;
    private readonly HostileBehaviour _behaviour;
    private readonly Channel<byte[]> _toConsole = Channel.CreateUnbounded<byte[]>();
    private readonly byte[] _response = new byte[LinkProtocol.MaxFrameSize];
    private bool _sessionOpen;

    public HostileDeviceTransport(LinkServer server, HostileBehaviour behaviour)
    {
        _server = server;
        _behaviour = behaviour;
    }

    /// <summary>Completes when a receive was stranded (behaviour StrandReceive).</summary>
    public TaskCompletionSource Stranded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Disposed { get; private set; }

    public ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        byte[] bytes = frame.ToArray();
        byte type = bytes.Length > LinkProtocol.OffsetType ? bytes[LinkProtocol.OffsetType] : (byte)0;
        if (type == (byte)LinkMessageType.Hello && _behaviour == HostileBehaviour.IgnoreHello)
        {
            return ValueTask.CompletedTask;
        }

        int length = _server.ProcessFrame(bytes, 0, bytes.Length, _response, 0);
        if (length == 0)
        {
            return ValueTask.CompletedTask;
        }

        byte[] answer = _response.AsSpan(0, length).ToArray();
        bool handshake = type is (byte)LinkMessageType.Hello or (byte)LinkMessageType.SessionConfirm;
        if (!handshake && _behaviour == HostileBehaviour.GarbleAnswers)
        {
            answer[^1] ^= 0x5A;
        }

        if (!handshake && _behaviour == HostileBehaviour.TelemetryBeforeAnswers)
        {
            int telemetry = _server.BuildTelemetryFrame(_response, 0);
            _toConsole.Writer.TryWrite(_response.AsSpan(0, telemetry).ToArray());
        }

        _sessionOpen |= type == (byte)LinkMessageType.SessionConfirm;
        _toConsole.Writer.TryWrite(answer);
        return ValueTask.CompletedTask;
    }

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (_behaviour == HostileBehaviour.StrandReceive && _sessionOpen && !_toConsole.Reader.TryPeek(out _))
        {
            Stranded.TrySetResult();
            return new ValueTask<int>(new TaskCompletionSource<int>().Task);
        }

        if (_behaviour == HostileBehaviour.ResetAfterHandshake && _sessionOpen && !_toConsole.Reader.TryPeek(out _))
        {
            return ValueTask.FromException<int>(new System.IO.IOException("Connection reset by peer"));
        }

        return ReceiveQueuedAsync(buffer, cancellationToken);
    }

    private async ValueTask<int> ReceiveQueuedAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        byte[] frame = await _toConsole.Reader.ReadAsync(cancellationToken);
        frame.CopyTo(buffer);
        return frame.Length;
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
