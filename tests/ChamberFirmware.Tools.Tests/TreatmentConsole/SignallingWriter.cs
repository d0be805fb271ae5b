using System.IO;
using System.Text;

namespace ChamberFirmware.Tools.Tests.TreatmentConsole;

/// <summary>A thread-safe text sink that tells waiters when something was written.</summary>
internal sealed class SignallingWriter : TextWriter
{
    private readonly StringBuilder _text = new();

    public Changes Changes { get; } = new();

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    public override void Write(char value)
    {
        lock (_text)
        {
            _text.Append(value);
        }

        Changes.Notify();
    }

    public override void Write(string? value)
    {
        lock (_text)
        {
            _text.Append(value);
        }

        Changes.Notify();
    }
}
