using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.Core.Diagnostics;

namespace ChamberFirmware.DiagnosticsBridge;

/// <summary>
/// Serves an <see cref="IDiagnosticsReader"/> (e.g. the simulator's DiagnosticsService) on
/// 127.0.0.1 only: WebSocket at <c>/diag</c> speaking the bridge protocol of docs/ble-gatt.md
/// (client text "read &lt;name&gt;", server binary [id][payload]; telemetry pushed as binary), and the
/// field page's static files at <c>/</c>. Bounded (clients, message sizes) and stops cleanly.
/// Only the page's own origin (http://127.0.0.1:PORT or http://localhost:PORT) and origin-less
/// local tools may open the WebSocket; any other web origin gets 403, so a page on another site
/// open in the field laptop's browser cannot read the chamber. A client that sends no request
/// for the idle timeout (on the injected clock) is dropped, so idle sockets cannot hold the
/// client slots; the field page asks every 10 s. docs/security.md.
/// </summary>
public sealed class DiagnosticsWebSocketServer : IAsyncDisposable
{
    public const int MaxClients = 8;
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(30);
    private const int MaxRequestBytes = 256;

    private readonly IDiagnosticsReader _reader;
    private readonly string? _staticRoot;
    private readonly TimeSpan _telemetryPeriod;
    private readonly TimeProvider _time;
    private readonly TimeSpan _idleTimeout;
    private readonly ConcurrentDictionary<int, Client> _clients = new();
    private readonly CancellationTokenSource _stopping = new();
    private HttpListener? _listener;
    private Task? _acceptLoop;
    private Task? _telemetryLoop;
    private int _nextClientId;
    private int _refusedOrigins;
    private int _idleDisconnects;

    /// <param name="reader">What to serve. Only read access exists.</param>
    /// <param name="staticRoot">Folder of the field page (tools/field-diagnostics), or null for WebSocket only.</param>
    /// <param name="telemetryPeriod">Telemetry push period; <see cref="TimeSpan.Zero"/> pushes only on <see cref="PushTelemetryAsync"/>.</param>
    public DiagnosticsWebSocketServer(IDiagnosticsReader reader, string? staticRoot, TimeSpan telemetryPeriod)
        : this(reader, staticRoot, telemetryPeriod, TimeProvider.System, DefaultIdleTimeout)
    {
    }

    /// <param name="time">The clock of the telemetry period and the idle timeout.</param>
    /// <param name="idleTimeout">A client that sends no request for this long is dropped.</param>
    public DiagnosticsWebSocketServer(IDiagnosticsReader reader, string? staticRoot, TimeSpan telemetryPeriod, TimeProvider time, TimeSpan idleTimeout)
    {
        _reader = reader ?? throw new ArgumentNullException(nameof(reader));
        _staticRoot = staticRoot is null ? null : Path.GetFullPath(staticRoot);
        _telemetryPeriod = telemetryPeriod;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idleTimeout, TimeSpan.Zero);
        _idleTimeout = idleTimeout;
    }

    public TimeSpan IdleTimeout => _idleTimeout;

    /// <summary>WebSocket upgrades refused because of their Origin (403).</summary>
    public int RefusedOrigins => _refusedOrigins;

    /// <summary>Clients dropped because they sent no request within the idle timeout.</summary>
    public int IdleDisconnects => _idleDisconnects;

    public int Port { get; private set; }

    /// <summary>http://127.0.0.1:PORT/ (the page, connected to this bridge when opened with ?ws=).</summary>
    public Uri HttpUri => new($"http://127.0.0.1:{Port}/");

    public Uri WebSocketUri => new($"ws://127.0.0.1:{Port}/diag");

    /// <summary>The page URL that connects to this bridge.</summary>
    public Uri PageUri => new($"http://127.0.0.1:{Port}/?ws=" + Uri.EscapeDataString(WebSocketUri.ToString()));

    public int ClientCount => _clients.Count;

    /// <summary>Starts listening on 127.0.0.1:<paramref name="port"/> (0 = pick a free port).</summary>
    public void Start(int port = 0)
    {
        if (_listener is not null)
        {
            throw new InvalidOperationException("already started");
        }

        for (int attempt = 0; ; attempt++)
        {
            int candidate = port != 0 ? port : FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{candidate}/");
            try
            {
                listener.Start();
                _listener = listener;
                Port = candidate;
                break;
            }
            catch (HttpListenerException) when (port == 0 && attempt < 5)
            {
                listener.Close();
            }
        }

        _acceptLoop = Task.Run(AcceptLoopAsync);
        if (_telemetryPeriod > TimeSpan.Zero)
        {
            _telemetryLoop = Task.Run(TelemetryLoopAsync);
        }
    }

    /// <summary>Reads telemetry once and sends it to every connected client. Returns the number of clients sent to.</summary>
    public async Task<int> PushTelemetryAsync()
    {
        var message = new byte[1 + DiagnosticsPayloads.MaxPayloadLength];
        int length = _reader.Read(DiagnosticsCharacteristic.Telemetry, message, 1);
        if (length < 0)
        {
            return 0;
        }

        message[0] = DiagnosticsCharacteristic.Telemetry;
        int sent = 0;
        foreach (var client in _clients.Values)
        {
            if (await client.SendAsync(message.AsMemory(0, 1 + length), WebSocketMessageType.Binary, _stopping.Token).ConfigureAwait(false))
            {
                sent++;
            }
        }

        return sent;
    }

    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var client in _clients.Values)
        {
            client.Abort();
        }

        _listener?.Close();
        foreach (var task in new[] { _acceptLoop, _telemetryLoop })
        {
            if (task is not null)
            {
                try
                {
                    await task.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task AcceptLoopAsync()
    {
        var listener = _listener!;
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task TelemetryLoopAsync()
    {
        using var timer = new PeriodicTimer(_telemetryPeriod, _time);
        while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
        {
            await PushTelemetryAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            string path = context.Request.Url?.AbsolutePath ?? "/";
            if (path == "/diag")
            {
                await HandleWebSocketAsync(context).ConfigureAwait(false);
                return;
            }

            await ServeFileAsync(context, path).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or the server is stopping: nothing to answer.
        }
    }

    private async Task ServeFileAsync(HttpListenerContext context, string path)
    {
        var response = context.Response;
        if (path == "/" && string.IsNullOrEmpty(context.Request.Url?.Query) && _staticRoot is not null)
        {
            // The bare address opens the page already pointed at this bridge.
            response.Redirect(PageUri.PathAndQuery);
            response.Close();
            return;
        }

        string name = path == "/" ? "index.html" : path.TrimStart('/');
        string? file = StaticFile(name);
        if (context.Request.HttpMethod != "GET" || file is null)
        {
            response.StatusCode = file is null ? 404 : 405;
            response.Close();
            return;
        }

        var bytes = await File.ReadAllBytesAsync(file, _stopping.Token).ConfigureAwait(false);
        response.ContentType = ContentType(name);
        response.Headers["Cache-Control"] = "no-cache";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes, _stopping.Token).ConfigureAwait(false);
        response.Close();
    }

    /// <summary>A file directly in the static root with a plain name, or null: no paths, no traversal.</summary>
    private string? StaticFile(string name)
    {
        if (_staticRoot is null || name.Length == 0 || name.Length > 64)
        {
            return null;
        }

        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '.' || c == '-' || c == '_'))
            {
                return null;
            }
        }

        if (name.StartsWith('.'))
        {
            return null;
        }

        string full = Path.Combine(_staticRoot, name);
        return File.Exists(full) ? full : null;
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".webmanifest" or ".json" => "application/manifest+json",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };

    private async Task HandleWebSocketAsync(HttpListenerContext context)
    {
        if (!IsAllowedOrigin(context.Request.Headers["Origin"]))
        {
            // A browser always sends the Origin of the page that opens a WebSocket: only our own page may read.
            Interlocked.Increment(ref _refusedOrigins);
            context.Response.StatusCode = 403;
            context.Response.Close();
            return;
        }

        if (!context.Request.IsWebSocketRequest || _clients.Count >= MaxClients)
        {
            context.Response.StatusCode = context.Request.IsWebSocketRequest ? 503 : 400;
            context.Response.Close();
            return;
        }

        var wsContext = await context.AcceptWebSocketAsync(subProtocol: null).ConfigureAwait(false);
        int id = Interlocked.Increment(ref _nextClientId);
        using var client = new Client(wsContext.WebSocket);
        _clients[id] = client;
        try
        {
            await ServeClientAsync(client).ConfigureAwait(false);
        }
        finally
        {
            _clients.TryRemove(id, out _);
        }
    }

    /// <summary>No Origin (a local tool such as chamberctl diag) or the page this bridge serves.</summary>
    private bool IsAllowedOrigin(string? origin) =>
        string.IsNullOrEmpty(origin)
        || string.Equals(origin, $"http://127.0.0.1:{Port}", StringComparison.OrdinalIgnoreCase)
        || string.Equals(origin, $"http://localhost:{Port}", StringComparison.OrdinalIgnoreCase);

    private async Task ServeClientAsync(Client client)
    {
        var receive = new byte[MaxRequestBytes];
        var reply = new byte[1 + DiagnosticsPayloads.MaxPayloadLength];
        var socket = client.Socket;
        while (socket.State == WebSocketState.Open && !_stopping.IsCancellationRequested)
        {
            int filled = 0;
            ValueWebSocketReceiveResult result;
            using (var idle = new CancellationTokenSource(_idleTimeout, _time))
            using (var receiving = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, idle.Token))
            {
                try
                {
                    do
                    {
                        if (filled == receive.Length)
                        {
                            await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "request too long", _stopping.Token).ConfigureAwait(false);
                            return;
                        }

                        result = await socket.ReceiveAsync(receive.AsMemory(filled), receiving.Token).ConfigureAwait(false);
                        filled += result.Count;
                    }
                    while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
                }
                catch (OperationCanceledException) when (idle.IsCancellationRequested && !_stopping.IsCancellationRequested)
                {
                    // Cancelling a receive aborts the socket: the idle client is gone and its slot is free.
                    Interlocked.Increment(ref _idleDisconnects);
                    return;
                }
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).ConfigureAwait(false);
                return;
            }

            string request = result.MessageType == WebSocketMessageType.Text ? Encoding.UTF8.GetString(receive, 0, filled).Trim() : string.Empty;
            if (!request.StartsWith("read ", StringComparison.Ordinal))
            {
                await client.SendTextAsync("error: expected \"read <characteristic>\"", _stopping.Token).ConfigureAwait(false);
                continue;
            }

            string name = request[5..].Trim();
            int characteristic = DiagnosticsCharacteristic.IdFor(name);
            int length = characteristic < 0 ? DiagnosticsReadError.UnknownCharacteristic : _reader.Read(characteristic, reply, 1);
            if (length < 0)
            {
                string why = length switch
                {
                    DiagnosticsReadError.UnknownCharacteristic => "unknown characteristic",
                    DiagnosticsReadError.Busy => "busy, read again",
                    _ => "read failed",
                };
                await client.SendTextAsync($"error {name}: {why}", _stopping.Token).ConfigureAwait(false);
                continue;
            }

            reply[0] = (byte)characteristic;
            await client.SendAsync(reply.AsMemory(0, 1 + length), WebSocketMessageType.Binary, _stopping.Token).ConfigureAwait(false);
        }
    }

    /// <summary>One connected page; sends are serialized (a WebSocket allows one send at a time).</summary>
    private sealed class Client : IDisposable
    {
        private readonly SemaphoreSlim _sendLock = new(1, 1);

        public Client(WebSocket socket) => Socket = socket;

        public WebSocket Socket { get; }

        public Task<bool> SendTextAsync(string text, CancellationToken cancel) =>
            SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, cancel);

        public async Task<bool> SendAsync(ReadOnlyMemory<byte> message, WebSocketMessageType type, CancellationToken cancel)
        {
            await _sendLock.WaitAsync(cancel).ConfigureAwait(false);
            try
            {
                if (Socket.State != WebSocketState.Open)
                {
                    return false;
                }

                await Socket.SendAsync(message, type, endOfMessage: true, cancel).ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
            {
                return false;
            }
            finally
            {
                _sendLock.Release();
            }
        }

        public void Abort() => Socket.Abort();

        public void Dispose()
        {
            Socket.Dispose();
            _sendLock.Dispose();
        }
    }
}
