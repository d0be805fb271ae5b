using System;
using System.Collections.Generic;
using System.Globalization;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;

namespace ChamberCtl.Hil;

/// <summary>
/// The rig protocol's sample line (docs/hil.md): <c>S t=… st=… latched=… last=… n=… lim=… em=… il=… age=… temp=… rej=… cfg=…</c>.
/// Unknown keys are ignored (newer rigs may add some); missing or unreadable keys are a protocol error.
/// </summary>
internal static class RigSampleFormat
{
    public static string Format(HilObservation o) => string.Create(
        CultureInfo.InvariantCulture,
        $"S t={o.TimeMicroseconds} st={o.State} latched={(int)o.LatchedReasons:X} last={(int)o.LastCutReasons:X} n={o.Count} lim={o.CountLimit} em={o.EmittersPoweredMask:X} il={(o.InterlockPowered ? 1 : 0)} age={o.LinkAgeMilliseconds} temp={o.TemperatureCentiCelsius} rej={o.LastLinkReject} cfg={o.ConfigurationFingerprint:X}");

    public static HilObservation Parse(string line)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..])
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw Bad(line, "'" + part + "' is not key=value");
            }

            fields[part[..equals]] = part[(equals + 1)..];
        }

        return new HilObservation
        {
            TimeMicroseconds = Long(fields, "t", line, NumberStyles.Integer),
            State = Name<ChamberState>(fields, "st", line),
            LatchedReasons = (CutReasons)Long(fields, "latched", line, NumberStyles.HexNumber),
            LastCutReasons = (CutReasons)Long(fields, "last", line, NumberStyles.HexNumber),
            Count = (int)Long(fields, "n", line, NumberStyles.Integer),
            CountLimit = (int)Long(fields, "lim", line, NumberStyles.Integer),
            EmittersPoweredMask = (int)Long(fields, "em", line, NumberStyles.HexNumber),
            InterlockPowered = Long(fields, "il", line, NumberStyles.Integer) != 0,
            LinkAgeMilliseconds = (int)Long(fields, "age", line, NumberStyles.Integer),
            TemperatureCentiCelsius = (int)Long(fields, "temp", line, NumberStyles.Integer),
            LastLinkReject = Name<ChamberFirmware.Core.Link.LinkRejectReason>(fields, "rej", line),
            ConfigurationFingerprint = Long(fields, "cfg", line, NumberStyles.HexNumber),
        };
    }

    private static long Long(Dictionary<string, string> fields, string key, string line, NumberStyles style)
    {
        if (!fields.TryGetValue(key, out var text))
        {
            throw Bad(line, "missing " + key + "=");
        }

        if (!long.TryParse(text, style, CultureInfo.InvariantCulture, out var value))
        {
            throw Bad(line, key + "=" + text + " is not a number");
        }

        return value;
    }

    private static T Name<T>(Dictionary<string, string> fields, string key, string line)
        where T : struct, Enum
    {
        if (!fields.TryGetValue(key, out var text))
        {
            throw Bad(line, "missing " + key + "=");
        }

        foreach (var name in Enum.GetNames<T>())
        {
            if (name == text)
            {
                return Enum.Parse<T>(name);
            }
        }

        throw Bad(line, key + "=" + text + " is not one of " + string.Join(", ", Enum.GetNames<T>()));
    }

    private static HilTargetException Bad(string line, string why) => new("rig sent an unreadable sample (" + why + "): " + line);
}
