using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ChamberCtl.Provisioning;
using ChamberFirmware.ConsoleLink.Transport;
using ChamberFirmware.Core.Link;

namespace ChamberFirmware.Tools.Tests.Provisioning;

/// <summary>
/// Its first connection is cut (the console closes its transport: TCP closed, or BLE disconnected) at the moment the console tries to send a frame of the
/// given type — the frame never reaches the device — or, with cutAfterSending, just after that
/// frame left (the device gets it, its answer is lost). With refuseLater, every later connection
/// fails as if the device had gone; otherwise later connections are untouched.
/// </summary>
internal sealed class LinkCuttingConnector : ILinkConnector
{
    private readonly ILinkConnector _inner;
    private readonly LinkMessageType _cutAt;
    private readonly bool _cutAfterSending;
    private readonly bool _refuseLater;
    private int _connections;

    public LinkCuttingConnector(ILinkConnector inner, LinkMessageType cutAt, bool cutAfterSending = false, bool refuseLater = false)
    {
        _inner = inner;
        _cutAt = cutAt;
        _cutAfterSending = cutAfterSending;
        _refuseLater = refuseLater;
    }

    public bool Cut { get; private set; }

    public string Description => _inner.Description;

    public async Task<ILinkTransport> ConnectAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _connections) > 1 && _refuseLater)
        {
            throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused);
        }

        ILinkTransport transport = await _inner.ConnectAsync(cancellationToken);
        return _connections == 1 ? new CuttingTransport(this, transport) : transport;
    }

    private sealed class CuttingTransport : ILinkTransport
    {
        private readonly LinkCuttingConnector _owner;
        private readonly ILinkTransport _inner;
        private volatile bool _cut;

        public CuttingTransport(LinkCuttingConnector owner, ILinkTransport inner)
        {
            _owner = owner;
            _inner = inner;
        }

        public async ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
        {
            if (!_cut && frame.Length > LinkProtocol.OffsetType && frame.Span[LinkProtocol.OffsetType] == (byte)_owner._cutAt)
            {
                if (_owner._cutAfterSending)
                {
                    await _inner.SendAsync(frame, cancellationToken);
                }

                _cut = true;
                _owner.Cut = true;
                await _inner.DisposeAsync();
            }

            if (_cut)
            {
                throw new IOException("test: link cut");
            }

            await _inner.SendAsync(frame, cancellationToken);
        }

        public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            if (_cut)
            {
                return 0;
            }

            try
            {
                return await _inner.ReceiveAsync(buffer, cancellationToken);
            }
            catch (Exception) when (_cut)
            {
                return 0;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_cut)
            {
                await _inner.DisposeAsync();
            }
        }
    }
}
