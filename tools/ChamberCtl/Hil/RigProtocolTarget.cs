using System;
using System.Collections.Generic;
using System.Globalization;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Treatment;

namespace ChamberCtl.Hil;

/// <summary>
/// Drives a rig board (or anything that speaks the rig control protocol, docs/hil.md) over a line
/// channel. Each command is one line; the rig answers with any number of sample lines (S …) and
/// comment lines (# …), then exactly one OK … or ERR code text.
/// </summary>
internal sealed class RigProtocolTarget : IHilTarget
{
    /// <summary>The protocol version this runner speaks; the rig must answer HELLO with the same.</summary>
    public const int ProtocolVersion = 1;

    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(2);

    private readonly RigLineChannel _channel;

    private readonly TimeSpan _timeout;

    private RigProtocolTarget(RigLineChannel channel, string description, TimeSpan timeout)
    {
        _channel = channel;
        _timeout = timeout;
        Description = description;
    }

    public string Description { get; }

    /// <summary>Says HELLO and checks the version; the channel is disposed if the rig does not answer properly.</summary>
    public static RigProtocolTarget Connect(RigLineChannel channel, string name, TimeSpan timeout)
    {
        try
        {
            channel.WriteLine("HELLO " + ProtocolVersion.ToString(CultureInfo.InvariantCulture));
            var answer = ReadAnswer(channel, timeout, null, "HELLO");
            var words = answer.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0 || words[0] != ProtocolVersion.ToString(CultureInfo.InvariantCulture))
            {
                throw new HilTargetException("rig on " + name + " speaks protocol version " + (words.Length == 0 ? "?" : words[0]) + "; this chamberctl speaks " + ProtocolVersion.ToString(CultureInfo.InvariantCulture));
            }

            return new RigProtocolTarget(channel, "rig on " + name + (words.Length > 1 ? " (" + words[1] + ")" : string.Empty), timeout);
        }
        catch
        {
            channel.Dispose();
            throw;
        }
    }

    public void Reset(int seed, TreatmentProfile? profile)
    {
        Command("RESET " + seed.ToString(CultureInfo.InvariantCulture), _timeout);
        Command(profile is null
            ? "PROFILE DEFAULT"
            : string.Create(CultureInfo.InvariantCulture, $"PROFILE {profile.TargetCount} {profile.CountLimit} {profile.GrowthLimitPermillePerSecond} {profile.DurationMilliseconds} {profile.RampChannelsPerSecond} {profile.MaxActiveChannels}"), _timeout);
    }

    public void Inject(HilCondition condition) => Command(InjectLine(condition), _timeout);

    public static string InjectLine(HilCondition c) => c.Kind switch
    {
        HilConditionKind.SensorNack => Sensor(c, "nack"),
        HilConditionKind.SensorStuck => Sensor(c, "stuck"),
        HilConditionKind.SensorCrc => Sensor(c, "crc"),
        HilConditionKind.EmitterStuckOn => string.Create(CultureInfo.InvariantCulture, $"INJECT EMITTER {c.Channel} stuck-on {c.ForMilliseconds}"),
        HilConditionKind.EmitterStuckOff => string.Create(CultureInfo.InvariantCulture, $"INJECT EMITTER {c.Channel} stuck-off {c.ForMilliseconds}"),
        HilConditionKind.FirmwareHang => string.Create(CultureInfo.InvariantCulture, $"INJECT HANG {c.ForMilliseconds}"),
        HilConditionKind.LinkDrop => "INJECT LINK drop",
        HilConditionKind.LinkRestore => "INJECT LINK restore",
        HilConditionKind.RogueOn => string.Create(CultureInfo.InvariantCulture, $"INJECT ROGUE on {c.GrowthPermillePerSecond}"),
        HilConditionKind.RogueOff => "INJECT ROGUE off",
        HilConditionKind.Temperature => string.Create(CultureInfo.InvariantCulture, $"INJECT TEMP {c.TemperatureCentiCelsius}"),
        _ => "INJECT FRAME " + FrameName(c.Frame),
    };

    public HilConsoleResult Console(HilConsoleAction action)
    {
        var word = action switch
        {
            HilConsoleAction.HeartbeatOn => "heartbeat-on",
            HilConsoleAction.HeartbeatOff => "heartbeat-off",
            _ => action.ToString().ToLowerInvariant(),
        };
        var answer = Command("CONSOLE " + word, _timeout).Trim();
        if (answer == "none")
        {
            return HilConsoleResult.NoAnswer;
        }

        return Enum.TryParse<CommandResult>(answer, ignoreCase: false, out var result) && Enum.IsDefined(result) && !char.IsDigit(answer[0])
            ? HilConsoleResult.Of(result)
            : throw new HilTargetException("rig answered CONSOLE " + word + " with an unknown result '" + answer + "'");
    }

    public void Advance(int milliseconds, IHilTraceSink sink)
    {
        // The rig answers after the time has passed on its side: allow for it on top of the usual bound.
        Command("ADVANCE " + milliseconds.ToString(CultureInfo.InvariantCulture), _timeout + TimeSpan.FromMilliseconds(milliseconds), sink);
    }

    public HilObservation Observe()
    {
        var collector = new LastSample();
        Command("OBSERVE", _timeout, collector);
        return collector.Sample ?? throw new HilTargetException("rig answered OBSERVE without a sample");
    }

    public void Dispose()
    {
        try
        {
            _channel.WriteLine("BYE");
        }
        catch (HilTargetException)
        {
            // Closing anyway: a rig that is gone cannot be told goodbye.
        }

        _channel.Dispose();
    }

    private string Command(string line, TimeSpan timeout, IHilTraceSink? sink = null)
    {
        _channel.WriteLine(line);
        return ReadAnswer(_channel, timeout, sink, line);
    }

    private static string ReadAnswer(RigLineChannel channel, TimeSpan timeout, IHilTraceSink? sink, string command)
    {
        while (true)
        {
            var line = channel.ReadLine(timeout);
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("S ", StringComparison.Ordinal))
            {
                var sample = RigSampleFormat.Parse(line);
                sink?.Record(sample);
                continue;
            }

            if (line == "OK" || line.StartsWith("OK ", StringComparison.Ordinal) || line.StartsWith("HELLO ", StringComparison.Ordinal))
            {
                return line.Length > 3 ? line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..] : string.Empty;
            }

            if (line.StartsWith("ERR", StringComparison.Ordinal))
            {
                throw new HilTargetException("rig refused '" + command + "': " + line[3..].Trim());
            }

            throw new HilTargetException("rig sent an unexpected line after '" + command + "': " + line);
        }
    }

    private static string Sensor(HilCondition c, string fault) =>
        string.Create(CultureInfo.InvariantCulture, $"INJECT SENSOR {(c.Part == HilSensorPart.Counter ? "counter" : "temperature")} {fault} {c.ForMilliseconds}");

    private static string FrameName(HilFrameKind frame)
    {
        foreach (KeyValuePair<string, HilFrameKind> pair in HilVocabulary.Frames)
        {
            if (pair.Value == frame)
            {
                return pair.Key;
            }
        }

        return frame.ToString();
    }

    private sealed class LastSample : IHilTraceSink
    {
        public HilObservation? Sample { get; private set; }

        public void Record(HilObservation sample) => Sample = sample;
    }
}
