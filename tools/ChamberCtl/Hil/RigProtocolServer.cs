using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using ChamberFirmware.Core.Treatment;

namespace ChamberCtl.Hil;

/// <summary>
/// The rig's side of the rig control protocol (docs/hil.md, version 1) over any byte stream:
/// reads one command line, acts on an <see cref="IHilTarget"/>, answers with sample and comment
/// lines and one final <c>OK …</c> / <c>ERR code text</c>. The same class serves a TCP socket
/// (<c>chamberctl sim --rig-port</c>) and could serve a serial line; <see cref="RigProtocolTarget"/>
/// is the one client. A line it does not fully understand is refused and changes nothing.
/// </summary>
internal sealed class RigProtocolServer
{
    /// <summary>Longest command line accepted; longer input is refused (and the session ends) instead of buffered without bound.</summary>
    public const int MaxLineLength = 256;

    private readonly IHilTarget _target;
    private readonly string _description;
    private int _seed;
    private bool _resetPending;

    public RigProtocolServer(IHilTarget target, string description)
    {
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _description = description;
    }

    /// <summary>Commands handled so far (for tests and the sim's summary line).</summary>
    public int Commands { get; private set; }

    /// <summary>Serves one session: until BYE, the end of the stream, or a line longer than <see cref="MaxLineLength"/>.</summary>
    public void Serve(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024, leaveOpen: true) { NewLine = "\n", AutoFlush = false };
        var line = new StringBuilder();
        var buffer = new byte[4096];
        while (true)
        {
            int read;
            try
            {
                read = stream.Read(buffer, 0, buffer.Length);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                return;
            }

            if (read == 0)
            {
                return;
            }

            for (var i = 0; i < read; i++)
            {
                var c = (char)buffer[i];
                if (c == '\n')
                {
                    var command = line.ToString().TrimEnd('\r');
                    line.Clear();
                    bool more;
                    try
                    {
                        more = Handle(command, writer);
                        writer.Flush();
                    }
                    catch (Exception e) when (e is IOException or ObjectDisposedException)
                    {
                        // The client went away mid-answer: the session is over.
                        return;
                    }

                    if (!more)
                    {
                        return;
                    }
                }
                else if (line.Length >= MaxLineLength)
                {
                    writer.WriteLine("ERR line-too-long a command line is at most " + MaxLineLength.ToString(CultureInfo.InvariantCulture) + " characters");
                    writer.Flush();
                    return;
                }
                else
                {
                    line.Append(c);
                }
            }
        }
    }

    /// <summary>Answers one command line; false when the session ends (BYE).</summary>
    public bool Handle(string line, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Commands++;
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            output.WriteLine("ERR unknown-command (empty line)");
            return true;
        }

        try
        {
            switch (words[0])
            {
                case "HELLO":
                    Arguments(words, 2);
                    Number(words[1], 0, int.MaxValue);
                    output.WriteLine("HELLO " + RigProtocolTarget.ProtocolVersion.ToString(CultureInfo.InvariantCulture) + " " + _description);
                    return true;
                case "RESET":
                    Arguments(words, 2);
                    _seed = Number(words[1], int.MinValue, int.MaxValue);
                    _target.Reset(_seed, null);
                    _resetPending = true;
                    output.WriteLine("OK");
                    return true;
                case "PROFILE":
                    SetProfile(words);
                    output.WriteLine("OK");
                    return true;
                case "INJECT":
                    var condition = ParseInject(words);
                    _resetPending = false;
                    _target.Inject(condition);
                    output.WriteLine("OK");
                    return true;
                case "CONSOLE":
                    Arguments(words, 2);
                    var action = words[1] switch
                    {
                        "arm" => HilConsoleAction.Arm,
                        "start" => HilConsoleAction.Start,
                        "stop" => HilConsoleAction.Stop,
                        "clear" => HilConsoleAction.Clear,
                        "heartbeat-on" => HilConsoleAction.HeartbeatOn,
                        "heartbeat-off" => HilConsoleAction.HeartbeatOff,
                        _ => throw new BadCommand("bad-argument", "console action '" + words[1] + "'; expected arm, start, stop, clear, heartbeat-on, heartbeat-off"),
                    };
                    _resetPending = false;
                    var result = _target.Console(action);
                    output.WriteLine(result.Answered ? "OK " + result.Result : "OK none");
                    return true;
                case "ADVANCE":
                    Arguments(words, 2);
                    var milliseconds = Number(words[1], 1, HilVocabulary.MaxWaitMilliseconds);
                    _resetPending = false;
                    _target.Advance(milliseconds, new SampleWriter(output));
                    output.WriteLine("OK");
                    return true;
                case "OBSERVE":
                    Arguments(words, 1);
                    output.WriteLine(RigSampleFormat.Format(_target.Observe()));
                    output.WriteLine("OK");
                    return true;
                case "BYE":
                    output.WriteLine("OK");
                    return false;
                default:
                    output.WriteLine("ERR unknown-command " + words[0]);
                    return true;
            }
        }
        catch (BadCommand e)
        {
            output.WriteLine("ERR " + e.Code + " " + e.Message);
            return true;
        }
        catch (HilTargetException e)
        {
            output.WriteLine("ERR target " + e.Message);
            return true;
        }
    }

    private void SetProfile(string[] words)
    {
        TreatmentProfile? profile = null;
        if (words.Length == 2 && words[1] == "DEFAULT")
        {
            profile = null;
        }
        else
        {
            Arguments(words, 7);
            profile = new TreatmentProfile
            {
                TargetCount = Number(words[1], int.MinValue, int.MaxValue),
                CountLimit = Number(words[2], int.MinValue, int.MaxValue),
                GrowthLimitPermillePerSecond = Number(words[3], int.MinValue, int.MaxValue),
                DurationMilliseconds = Number(words[4], int.MinValue, int.MaxValue),
                RampChannelsPerSecond = Number(words[5], int.MinValue, int.MaxValue),
                MaxActiveChannels = Number(words[6], int.MinValue, int.MaxValue),
            };
        }

        if (!_resetPending)
        {
            throw new BadCommand("bad-state", "PROFILE must directly follow RESET");
        }

        // Nothing has happened since the reset: resetting again with the same seed and the
        // profile is exact (the target is deterministic) and keeps IHilTarget one call.
        _target.Reset(_seed, profile);
    }

    private static HilCondition ParseInject(string[] w)
    {
        if (w.Length < 2)
        {
            throw new BadCommand("bad-argument", "INJECT needs a condition: SENSOR, EMITTER, HANG, LINK, ROGUE, TEMP or FRAME");
        }

        switch (w[1])
        {
            case "SENSOR":
                Arguments(w, 5);
                var part = w[2] switch
                {
                    "counter" => HilSensorPart.Counter,
                    "temperature" => HilSensorPart.Temperature,
                    _ => throw new BadCommand("bad-argument", "sensor '" + w[2] + "'; expected counter or temperature"),
                };
                var kind = w[3] switch
                {
                    "nack" => HilConditionKind.SensorNack,
                    "stuck" => HilConditionKind.SensorStuck,
                    "crc" => HilConditionKind.SensorCrc,
                    _ => throw new BadCommand("bad-argument", "sensor fault '" + w[3] + "'; expected nack, stuck or crc"),
                };
                return new HilCondition(kind) { Part = part, ForMilliseconds = Number(w[4], 0, HilVocabulary.MaxWaitMilliseconds) };
            case "EMITTER":
                Arguments(w, 5);
                var emitter = w[3] switch
                {
                    "stuck-on" => HilConditionKind.EmitterStuckOn,
                    "stuck-off" => HilConditionKind.EmitterStuckOff,
                    _ => throw new BadCommand("bad-argument", "emitter fault '" + w[3] + "'; expected stuck-on or stuck-off"),
                };
                return new HilCondition(emitter)
                {
                    Channel = Number(w[2], 0, ChamberFirmware.Core.Safety.HardLimits.EmitterChannels - 1),
                    ForMilliseconds = Number(w[4], 0, HilVocabulary.MaxWaitMilliseconds),
                };
            case "HANG":
                Arguments(w, 3);
                return new HilCondition(HilConditionKind.FirmwareHang) { ForMilliseconds = Number(w[2], 0, HilVocabulary.MaxWaitMilliseconds) };
            case "LINK":
                Arguments(w, 3);
                return w[2] switch
                {
                    "drop" => new HilCondition(HilConditionKind.LinkDrop),
                    "restore" => new HilCondition(HilConditionKind.LinkRestore),
                    _ => throw new BadCommand("bad-argument", "link action '" + w[2] + "'; expected drop or restore"),
                };
            case "ROGUE" when w.Length == 3 && w[2] == "off":
                return new HilCondition(HilConditionKind.RogueOff);
            case "ROGUE":
                Arguments(w, 4);
                if (w[2] != "on")
                {
                    throw new BadCommand("bad-argument", "ROGUE on <growth_permille_per_s> or ROGUE off");
                }

                return new HilCondition(HilConditionKind.RogueOn) { GrowthPermillePerSecond = Number(w[3], 0, 1_000_000) };
            case "TEMP":
                Arguments(w, 3);
                return new HilCondition(HilConditionKind.Temperature) { TemperatureCentiCelsius = Number(w[2], -4000, 15000) };
            case "FRAME":
                Arguments(w, 3);
                return HilVocabulary.Frames.TryGetValue(w[2], out var frame)
                    ? new HilCondition(HilConditionKind.Frame) { Frame = frame }
                    : throw new BadCommand("bad-argument", "frame kind '" + w[2] + "'; expected one of " + string.Join(", ", HilVocabulary.Frames.Keys));
            default:
                throw new BadCommand("bad-argument", "condition '" + w[1] + "'; expected SENSOR, EMITTER, HANG, LINK, ROGUE, TEMP or FRAME");
        }
    }

    private static void Arguments(string[] words, int count)
    {
        if (words.Length != count)
        {
            throw new BadCommand("bad-argument", words[0] + (words.Length > 1 && words[0] == "INJECT" ? " " + words[1] : string.Empty) + " takes " + (count - 1).ToString(CultureInfo.InvariantCulture) + " argument(s), got " + (words.Length - 1).ToString(CultureInfo.InvariantCulture));
        }
    }

    private static int Number(string text, int min, int max) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new BadCommand("bad-argument", "'" + text + "' is not a whole number from " + min.ToString(CultureInfo.InvariantCulture) + " to " + max.ToString(CultureInfo.InvariantCulture));

    private sealed class SampleWriter : IHilTraceSink
    {
        private readonly TextWriter _output;

        public SampleWriter(TextWriter output)
        {
            _output = output;
        }

        public void Record(HilObservation sample) => _output.WriteLine(RigSampleFormat.Format(sample));
    }

    private sealed class BadCommand : Exception
    {
        public BadCommand(string code, string message)
            : base(message)
        {
            Code = code;
        }

        public string Code { get; }
    }
}
