using System.IO;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace ChamberFirmware.Tools.Tests.TreatmentConsole;

/// <summary>Console input the test types line by line.</summary>
internal sealed class LineFeed : TextReader
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    public void Type(string line) => _lines.Writer.TryWrite(line);

    public void End() => _lines.Writer.TryComplete();

    public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        return await _lines.Reader.WaitToReadAsync(cancellationToken) && _lines.Reader.TryRead(out var line) ? line : null;
    }
}
