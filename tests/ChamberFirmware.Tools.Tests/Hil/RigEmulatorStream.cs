using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ChamberCtl.Hil;
using ChamberFirmware.Core.Treatment;

namespace ChamberFirmware.Tools.Tests.Hil;

/// <summary>
/// The rig side of the rig control protocol (docs/hil.md), in memory and synchronous: each line the
/// host writes is answered at once from a <see cref="FakeChamberTarget"/>. It parses commands
/// independently of the host code, so a scenario passing through it shows both sides agree on the
/// documented protocol. Switches make it misbehave for the error tests.
/// </summary>
internal sealed class RigEmulatorStream : Stream
{
    private readonly FakeChamberTarget _model;
    private readonly StringBuilder _incoming = new();
    private readonly Queue<byte> _outgoing = new();
    private int _seed;

    public RigEmulatorStream(FakeChamberTarget model)
    {
        _model = model;
    }

    public List<string> Received { get; } = [];

    public int Version { get; init; } = 1;

    /// <summary>Never answers anything after HELLO (a hung rig).</summary>
    public bool SilentAfterHello { get; init; }

    /// <summary>Answers this to every INJECT instead of OK.</summary>
    public string? InjectAnswer { get; init; }

    /// <summary>Sends this line before the OK of each ADVANCE.</summary>
    public string? ExtraAdvanceLine { get; init; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count)
    {
        foreach (var c in Encoding.ASCII.GetString(buffer, offset, count))
        {
            if (c == '\n')
            {
                var line = _incoming.ToString();
                _incoming.Clear();
                Received.Add(line);
                foreach (var answer in Handle(line))
                {
                    foreach (var b in Encoding.ASCII.GetBytes(answer + "\n"))
                    {
                        _outgoing.Enqueue(b);
                    }
                }
            }
            else
            {
                _incoming.Append(c);
            }
        }
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = 0;
        while (n < count && _outgoing.Count > 0)
        {
            buffer[offset + n++] = _outgoing.Dequeue();
        }

        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_outgoing.Count == 0 && SilentAfterHello)
        {
            return new ValueTask<int>(new TaskCompletionSource<int>().Task);
        }

        var n = 0;
        var span = buffer.Span;
        while (n < span.Length && _outgoing.Count > 0)
        {
            span[n++] = _outgoing.Dequeue();
        }

        return ValueTask.FromResult(n);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private IEnumerable<string> Handle(string line)
    {
        var words = line.Split(' ');
        if (words[0] == "HELLO")
        {
            return [Version == int.Parse(words[1], CultureInfo.InvariantCulture) ? "HELLO 1 fake-rig 0.1" : "HELLO " + Version.ToString(CultureInfo.InvariantCulture) + " fake-rig 9.0"];
        }

        if (SilentAfterHello)
        {
            return [];
        }

        int Int(int i) => int.Parse(words[i], CultureInfo.InvariantCulture);
        switch (words[0])
        {
            case "RESET":
                _seed = Int(1);
                return ["# resetting the controller", "OK"];
            case "PROFILE":
                _model.Reset(_seed, words[1] == "DEFAULT" ? null : new TreatmentProfile
                {
                    TargetCount = Int(1), CountLimit = Int(2), GrowthLimitPermillePerSecond = Int(3), DurationMilliseconds = Int(4), RampChannelsPerSecond = Int(5), MaxActiveChannels = Int(6),
                });
                return ["OK"];
            case "INJECT":
                if (InjectAnswer is not null)
                {
                    return [InjectAnswer];
                }

                _model.Inject(ParseInject(words));
                return ["OK"];
            case "CONSOLE":
                var result = _model.Console(words[1] switch
                {
                    "arm" => HilConsoleAction.Arm,
                    "start" => HilConsoleAction.Start,
                    "stop" => HilConsoleAction.Stop,
                    "clear" => HilConsoleAction.Clear,
                    "heartbeat-on" => HilConsoleAction.HeartbeatOn,
                    _ => HilConsoleAction.HeartbeatOff,
                });
                return [result.Answered ? "OK " + result.Result : "OK none"];
            case "ADVANCE":
                var samples = new Collector();
                _model.Advance(Int(1), samples);
                return [.. samples.Lines, .. ExtraAdvanceLine is null ? Array.Empty<string>() : [ExtraAdvanceLine], "OK"];
            case "OBSERVE":
                return [RigSampleFormat.Format(_model.Observe()), "OK"];
            case "BYE":
                return ["OK"];
            default:
                return ["ERR unknown-command " + words[0]];
        }
    }

    private static HilCondition ParseInject(string[] w)
    {
        int Int(int i) => int.Parse(w[i], CultureInfo.InvariantCulture);
        return w[1] switch
        {
            "SENSOR" => new HilCondition(w[3] switch { "nack" => HilConditionKind.SensorNack, "stuck" => HilConditionKind.SensorStuck, _ => HilConditionKind.SensorCrc })
            {
                Part = w[2] == "counter" ? HilSensorPart.Counter : HilSensorPart.Temperature, ForMilliseconds = Int(4),
            },
            "EMITTER" => new HilCondition(w[3] == "stuck-on" ? HilConditionKind.EmitterStuckOn : HilConditionKind.EmitterStuckOff) { Channel = Int(2), ForMilliseconds = Int(4) },
            "HANG" => new HilCondition(HilConditionKind.FirmwareHang) { ForMilliseconds = Int(2) },
            "LINK" => new HilCondition(w[2] == "drop" ? HilConditionKind.LinkDrop : HilConditionKind.LinkRestore),
            "ROGUE" => w[2] == "on" ? new HilCondition(HilConditionKind.RogueOn) { GrowthPermillePerSecond = Int(3) } : new HilCondition(HilConditionKind.RogueOff),
            "TEMP" => new HilCondition(HilConditionKind.Temperature) { TemperatureCentiCelsius = Int(2) },
            _ => new HilCondition(HilConditionKind.Frame) { Frame = HilVocabulary.Frames[w[2]] },
        };
    }

    private sealed class Collector : IHilTraceSink
    {
        public List<string> Lines { get; } = [];

        public void Record(HilObservation sample) => Lines.Add(RigSampleFormat.Format(sample));
    }
}
