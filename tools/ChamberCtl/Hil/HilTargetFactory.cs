using System;
using System.Globalization;
using System.IO;
using System.IO.Ports;
using System.Net.Sockets;
using System.Threading;

namespace ChamberCtl.Hil;

/// <summary>
/// The one place that turns <c>--target</c> into an <see cref="IHilTarget"/>:
/// <list type="bullet">
/// <item><c>sim</c>: the in-process simulator (<see cref="SimulatorHilTarget"/>; tests may pass another factory).</item>
/// <item><c>tcp:HOST:PORT</c>: anything serving the rig protocol on TCP, e.g. <c>chamberctl sim --rig-port N</c>.</item>
/// <item><c>serial:DEVICE</c>: the rig board over its USB serial device, rig protocol (docs/hil.md).</item>
/// </list>
/// Failures are returned as text for the user, never thrown.
/// </summary>
internal sealed class HilTargetFactory
{
    /// <summary>A new in-process simulator target per run.</summary>
    public static readonly Func<IHilTarget>? DefaultSimulator = () => new SimulatorHilTarget();

    /// <summary>The rig board's UART speed (docs/hil.md).</summary>
    public const int SerialBaudRate = 115200;

    /// <summary>How long a TCP connect may take before the target counts as unavailable.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public HilTargetFactory(Func<IHilTarget>? simulatorFactory = null)
    {
        SimulatorFactory = simulatorFactory ?? DefaultSimulator;
    }

    public Func<IHilTarget>? SimulatorFactory { get; }

    /// <summary>Opens the target, or returns null with <paramref name="error"/> saying why (exit code 2).</summary>
    public IHilTarget? Open(string spec, out string error)
    {
        error = string.Empty;
        if (spec == "sim")
        {
            if (SimulatorFactory is null)
            {
                error = "target sim not available in this build: the simulator is not wired into the HIL runner yet (HilTargetFactory.DefaultSimulator)";
                return null;
            }

            return SimulatorFactory();
        }

        if (spec.StartsWith("tcp:", StringComparison.Ordinal))
        {
            var address = spec[4..];
            var colon = address.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                error = "bad target '" + spec + "': expected tcp:HOST:PORT with a port from 1 to 65535";
                return null;
            }

            return OpenTcp(address[..colon], port, out error);
        }

        if (spec.StartsWith("serial:", StringComparison.Ordinal))
        {
            var device = spec[7..];
            if (device.Length == 0)
            {
                error = "bad target '" + spec + "': expected serial:DEVICE, e.g. serial:/dev/ttyACM0";
                return null;
            }

            return OpenSerial(device, out error);
        }

        error = "bad target '" + spec + "': expected sim, tcp:HOST:PORT or serial:DEVICE";
        return null;
    }

    /// <summary>
    /// Opens the rig's serial device with System.IO.Ports: 115200 8N1, no flow control, raw (no
    /// echo, no line editing: the port sets the tty up itself, no stty needed). A USB CDC-ACM rig
    /// ignores the baud rate; a UART adapter needs it.
    /// </summary>
    public static IHilTarget? OpenSerial(string device, out string error) => OpenSerial(device, RigProtocolTarget.DefaultCommandTimeout, out error);

    /// <summary>As <see cref="OpenSerial(string, out string)"/> with the per-command answer bound given (tests shorten it).</summary>
    public static IHilTarget? OpenSerial(string device, TimeSpan commandTimeout, out string error)
    {
        error = string.Empty;
        if (Directory.Exists(device))
        {
            error = "target serial:" + device + " not available: it is a directory, not a serial device";
            return null;
        }

        if (!File.Exists(device) && !device.StartsWith("COM", StringComparison.OrdinalIgnoreCase))
        {
            error = DescribeOpenFailure(device, new FileNotFoundException(device));
            return null;
        }

        var port = new SerialPort(device, SerialBaudRate, Parity.None, 8, StopBits.One) { Handshake = Handshake.None, NewLine = "\n" };
        try
        {
            port.Open();
            port.DiscardInBuffer();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            error = e is UnauthorizedAccessException && IsReadableAndWritable(device)
                ? "target serial:" + device + " not available: it is not a serial device (not a terminal: the port cannot set its line up)"
                : DescribeOpenFailure(device, e);
            return null;
        }

        try
        {
            return RigProtocolTarget.Connect(new RigLineChannel(port.BaseStream, "serial:" + device, port), "serial:" + device, commandTimeout);
        }
        catch (HilTargetException e)
        {
            error = "target serial:" + device + " not available: " + e.Message;
            return null;
        }
    }

    /// <summary>SerialPort reports "access denied" for a file that is no terminal: if the file opens for reading and writing, permission was not the reason.</summary>
    private static bool IsReadableAndWritable(string device)
    {
        try
        {
            using var probe = new FileStream(device, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Connects to a rig protocol server (a simulator started with <c>chamberctl sim --rig-port N</c>, or a networked rig).</summary>
    public static IHilTarget? OpenTcp(string host, int port, out string error)
    {
        error = string.Empty;
        var name = "tcp:" + host + ":" + port.ToString(CultureInfo.InvariantCulture);
        var client = new TcpClient { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(ConnectTimeout);
            client.ConnectAsync(host.Trim('[', ']'), port, timeout.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            client.Dispose();
            error = e is SocketException { SocketErrorCode: SocketError.ConnectionRefused }
                ? "target " + name + " not available: no rig/simulator listening on " + host + ":" + port.ToString(CultureInfo.InvariantCulture) + ": start `chamberctl sim --rig-port " + port.ToString(CultureInfo.InvariantCulture) + "`"
                : e is OperationCanceledException
                    ? "target " + name + " not available: no answer to the connection within " + ConnectTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s"
                    : "target " + name + " not available: " + e.Message;
            return null;
        }

        try
        {
            return RigProtocolTarget.Connect(new RigLineChannel(client.GetStream(), name), name, RigProtocolTarget.DefaultCommandTimeout);
        }
        catch (HilTargetException e)
        {
            client.Dispose();
            error = "target " + name + " not available: " + e.Message;
            return null;
        }
    }

    /// <summary>The user's message for a device that would not open.</summary>
    public static string DescribeOpenFailure(string device, Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException =>
            "target serial:" + device + " not available: no such device (is the rig plugged in? see ls /dev/ttyACM* /dev/ttyUSB*)",
        UnauthorizedAccessException =>
            "target serial:" + device + " not available: permission denied (add your user to the group owning the device, e.g. dialout, then log in again)",
        _ => "target serial:" + device + " not available: " + e.Message,
    };
}
