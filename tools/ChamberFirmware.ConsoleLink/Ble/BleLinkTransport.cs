using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Ble.BlueZ;
using ChamberFirmware.ConsoleLink.Transport;
using Tmds.DBus;

namespace ChamberFirmware.ConsoleLink.Ble;

/// <summary>
/// Link frames over the chamber's control characteristic (docs/protocol.md, docs/ble-gatt.md):
/// one frame per GATT write (WriteValue, type "request", so frames stay ordered and a refusal is
/// reported) and one per notification (StartNotify; each PropertiesChanged of Value is one frame).
/// A disconnect ends ReceiveAsync with 0 and fails later sends, as a closed TCP link does.
/// Disposing stops notifications and disconnects.
/// </summary>
public sealed class BleLinkTransport : ILinkTransport
{
    private static readonly Dictionary<string, object> WriteWithResponse = new() { ["type"] = "request" };

    private readonly BleChamberConnection _connection;
    private readonly IGattCharacteristic1 _frames;
    private readonly Channel<byte[]> _incoming = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(256) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private IDisposable? _watch;

    internal BleLinkTransport(BleChamberConnection connection, IGattCharacteristic1 frames, int mtu)
    {
        _connection = connection;
        _frames = frames;
        Mtu = mtu;
    }

    /// <summary>The ATT MTU BlueZ negotiated for the control characteristic.</summary>
    public int Mtu { get; }

    public BleAdvertisedChamber Chamber => _connection.Chamber;

    public async ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        if (_connection.Dropped.IsCompleted)
        {
            throw _connection.LinkDropped(null);
        }

        if (frame.Length > Mtu - 3)
        {
            // One frame is one ATT write: a longer one would be split or cut, never a frame on the board.
            throw new BleFailure(BleFailureKind.MtuTooSmall,
                "MTU too small: a link frame of " + frame.Length + " bytes does not fit one write at the ATT MTU of " + Mtu + " bytes to " + _connection.Target,
                "this console sent a frame larger than the Bluetooth link carries (" + ChamberAdvertisement.MaxFrameSize + " bytes at most): update chamberctl");
        }

        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _frames.WriteValueAsync(frame.ToArray(), WriteWithResponse).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DBusException ex)
        {
            throw _connection.Dropped.IsCompleted || BlueZErrors.MeansDisconnected(ex)
                ? _connection.LinkDropped(ex)
                : BlueZErrors.From(ex, "sending a link frame", _connection.Target);
        }
        catch (DisconnectedException ex)
        {
            throw new IOException("the connection to BlueZ closed", ex);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        InMemoryLinkTransport.ReceiveFrameAsync(_incoming.Reader, buffer, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _watch?.Dispose();
        _incoming.Writer.TryComplete();
        if (!_connection.Dropped.IsCompleted)
        {
            try
            {
                await _frames.StopNotifyAsync().WaitAsync(TimeSpan.FromSeconds(5), _connection.Options.Time).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is DBusException or TimeoutException or DisconnectedException or ObjectDisposedException)
            {
                // The device went away first: the disconnect below is all that is left.
            }
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
        _sendLock.Dispose();
    }

    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        _watch = await _frames.WatchPropertiesAsync(OnFrameCharacteristicChanged).ConfigureAwait(false);
        _ = _connection.Dropped.ContinueWith(_ => _incoming.Writer.TryComplete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await _frames.StartNotifyAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DBusException ex)
        {
            throw BlueZErrors.From(ex, "subscribing to link frames", _connection.Target);
        }
    }

    private void OnFrameCharacteristicChanged(PropertyChanges changes)
    {
        foreach (var (name, value) in changes.Changed)
        {
            if (name == "Value" && value is byte[] frame)
            {
                _incoming.Writer.TryWrite(frame);
            }
        }
    }
}
