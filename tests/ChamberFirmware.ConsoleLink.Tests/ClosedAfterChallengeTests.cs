using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Client;
using ChamberFirmware.ConsoleLink.Transport;
using ChamberFirmware.Core.Link;
using Xunit;

namespace ChamberFirmware.ConsoleLink.Tests;

/// <summary>
/// Found by the fuzz campaign (tests/ChamberFirmware.Fuzz, console-replies): a far end that sends a
/// valid challenge and then closes the link left ConnectAsync waiting for ever for the confirm's
/// reply, because the client's receive loop had already ended when the request was registered.
/// </summary>
public sealed class ClosedAfterChallengeTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_link_that_closes_right_after_the_challenge_fails_the_connect_instead_of_hanging()
    {
        var device = new DeviceRig();
        await using var client = new ConsoleLinkClient(new ClosingTransport(device.Server), DeviceRig.Key, new SeededNonceSource(3));

        // No cancellation token: only the client itself can end this call.
        Task<StatusReply> connect = client.ConnectAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<LinkProtocolException>(() => connect.WaitAsync(Bound));
        Assert.Contains("closed", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Answers the Hello with the device's real challenge; after that, sends succeed and the link reads as closed.</summary>
    private sealed class ClosingTransport : ILinkTransport
    {
        private readonly LinkServer _server;
        private readonly Queue<byte[]> _toConsole = new();
        private readonly byte[] _response = new byte[LinkProtocol.MaxFrameSize];

        public ClosingTransport(LinkServer server)
        {
            _server = server;
        }

        public ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
        {
            byte[] bytes = frame.ToArray();
            if (_toConsole.Count == 0 && bytes.Length > 1 && bytes[1] == (byte)LinkMessageType.Hello)
            {
                int length = _server.ProcessFrame(bytes, 0, bytes.Length, _response, 0);
                _toConsole.Enqueue(_response.AsSpan(0, length).ToArray());
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            if (!_toConsole.TryDequeue(out byte[]? frame))
            {
                return ValueTask.FromResult(0);
            }

            frame.CopyTo(buffer);
            return ValueTask.FromResult(frame.Length);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
