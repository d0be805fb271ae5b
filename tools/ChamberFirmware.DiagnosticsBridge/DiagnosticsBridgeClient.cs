using System;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.Core.Diagnostics;

namespace ChamberFirmware.DiagnosticsBridge;

/// <summary>Reads a running bridge (<see cref="DiagnosticsWebSocketServer"/>) with the bridge protocol; used by <c>chamberctl diag --target</c>.</summary>
public sealed class DiagnosticsBridgeClient : IDiagnosticsPayloadSource, IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[1 + DiagnosticsPayloads.MaxPayloadLength + 64];

    /// <summary>ws://host:port/diag as given, or the ws address of an http://host:port/ page URL.</summary>
    public static Uri WebSocketAddress(string target)
    {
        var uri = new Uri(target);
        if (uri.Scheme is "ws" or "wss")
        {
            return uri;
        }

        if (uri.Scheme is "http" or "https")
        {
            return new UriBuilder(uri) { Scheme = uri.Scheme == "https" ? "wss" : "ws", Path = "/diag", Query = string.Empty }.Uri;
        }

        throw new FormatException($"target must be a ws:// or http:// URL, not '{target}'");
    }

    public async Task ConnectAsync(Uri address, CancellationToken cancel) => await _socket.ConnectAsync(address, cancel).ConfigureAwait(false);

    /// <summary>Reads one characteristic; telemetry pushed meanwhile is skipped. Returns the payload.</summary>
    public async Task<byte[]> ReadAsync(string name, CancellationToken cancel)
    {
        int id = DiagnosticsCharacteristic.IdFor(name);
        if (id < 0)
        {
            throw new ArgumentException($"unknown characteristic '{name}'", nameof(name));
        }

        await _socket.SendAsync(Encoding.UTF8.GetBytes("read " + name), WebSocketMessageType.Text, true, cancel).ConfigureAwait(false);
        while (true)
        {
            int filled = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (filled == _buffer.Length)
                {
                    throw new InvalidOperationException("bridge message too long");
                }

                result = await _socket.ReceiveAsync(_buffer.AsMemory(filled), cancel).ConfigureAwait(false);
                filled += result.Count;
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("the bridge closed the connection");
            }

            if (result.MessageType == WebSocketMessageType.Text)
            {
                string text = Encoding.UTF8.GetString(_buffer, 0, filled);
                if (text.StartsWith("error " + name + ":", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("bridge: " + text);
                }

                continue;
            }

            if (filled >= 1 && _buffer[0] == id)
            {
                return _buffer.AsSpan(1, filled - 1).ToArray();
            }
        }
    }

    /// <summary>Reads everything the page reads (<see cref="DiagnosticsReadAll"/>).</summary>
    public Task<JsonObject> ReadAllAsync(CancellationToken cancel) => DiagnosticsReadAll.ReadAllAsync(this, cancel);

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).ConfigureAwait(false);
            }
            catch (WebSocketException)
            {
            }
        }

        _socket.Dispose();
    }
}
