using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace ChamberCtl.Hil;

/// <summary>
/// ASCII lines over a byte stream, with a deadline on every read: a rig that stops answering
/// becomes a <see cref="HilTargetException"/>, never a hang. (The read runs as a task and the
/// caller waits on it with a bound, the same for a socket and a serial port's stream.)
/// </summary>
internal sealed class RigLineChannel : IDisposable
{
    private readonly Stream _stream;
    private readonly IDisposable? _owner;
    private readonly StreamReader _reader;
    private readonly string _name;
    private Task<string?>? _pending;

    /// <param name="owner">Disposed after the stream (the serial port whose BaseStream this is).</param>
    public RigLineChannel(Stream stream, string name, IDisposable? owner = null)
    {
        _stream = stream;
        _owner = owner;
        _name = name;
        _reader = new StreamReader(stream, Encoding.ASCII, detectEncodingFromByteOrderMarks: false, bufferSize: 256, leaveOpen: true);
    }

    public void WriteLine(string line)
    {
        try
        {
            var bytes = Encoding.ASCII.GetBytes(line + "\n");
            _stream.Write(bytes, 0, bytes.Length);
            _stream.Flush();
        }
        catch (IOException e)
        {
            throw new HilTargetException("writing to " + _name + " failed: " + e.Message, e);
        }
    }

    public string ReadLine(TimeSpan timeout)
    {
        _pending ??= _reader.ReadLineAsync();
        bool completed;
        try
        {
            completed = _pending.Wait(timeout);
        }
        catch (AggregateException e)
        {
            _pending = null;
            throw new HilTargetException("reading from " + _name + " failed: " + e.InnerException?.Message, e);
        }

        if (!completed)
        {
            throw new HilTargetException(_name + " did not answer within " + timeout.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ms");
        }

        var line = _pending.Result;
        _pending = null;
        return line ?? throw new HilTargetException(_name + " closed the connection");
    }

    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
        _owner?.Dispose();
    }
}
