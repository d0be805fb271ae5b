using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ChamberFirmware.Tools.Tests.Hil;

/// <summary>
/// A real pseudo-terminal pair from openpty(3): the slave is a tty device (/dev/pts/N) that the
/// serial target opens with System.IO.Ports exactly like a rig's /dev/ttyACM0; the master is the
/// rig's end, a real file descriptor the test serves the rig protocol on. Linux (glibc) only.
/// </summary>
internal sealed class PseudoTerminalPair : IDisposable
{
    private readonly int _slave;
    private bool _slaveClosed;

    private PseudoTerminalPair(int master, int slave, string slavePath)
    {
        _slave = slave;
        SlavePath = slavePath;
        Master = new FileStream(new SafeFileHandle(master, ownsHandle: true), FileAccess.ReadWrite, bufferSize: 0);
    }

    /// <summary>The tty device the runner opens (serial:/dev/pts/N).</summary>
    public string SlavePath { get; }

    /// <summary>The rig's end of the line.</summary>
    public FileStream Master { get; }

    /// <summary>Why pseudo-terminals cannot be made here, or null when they can.</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "pseudo-terminals are made with glibc's openpty (Linux only)";
        }

        return File.Exists("/dev/ptmx") ? null : "/dev/ptmx is missing (no pseudo-terminals in this container)";
    }

    public static PseudoTerminalPair Open()
    {
        if (OpenPty(out var master, out var slave, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero) != 0)
        {
            throw new IOException("openpty failed: errno " + Marshal.GetLastPInvokeError());
        }

        var name = Marshal.PtrToStringAnsi(TtyName(slave)) ?? throw new IOException("ttyname failed: errno " + Marshal.GetLastPInvokeError());
        return new PseudoTerminalPair(master, slave, name);
    }

    /// <summary>
    /// Our own slave descriptor keeps the line up while the runner opens and closes the device;
    /// closing it (after the runner's) ends the master's reads (EIO), so the rig's loop stops.
    /// </summary>
    public void CloseSlave()
    {
        if (!_slaveClosed)
        {
            _slaveClosed = true;
            _ = Close(_slave);
        }
    }

    public void Dispose()
    {
        CloseSlave();
        Master.Dispose();
    }

    [DllImport("libc.so.6", EntryPoint = "openpty", SetLastError = true)]
    private static extern int OpenPty(out int master, out int slave, IntPtr name, IntPtr termios, IntPtr winsize);

    [DllImport("libc.so.6", EntryPoint = "ttyname", SetLastError = true)]
    private static extern IntPtr TtyName(int fd);

    [DllImport("libc.so.6", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
