using System;
using System.IO;
using ChamberFirmware.Fuzz.Harness;
using SharpFuzz;

namespace ChamberFirmware.Fuzz;

/// <summary>
/// The harness entry point (tools/fuzz/run-campaign.sh runs it under afl-fuzz):
///   TARGET            serve AFL++ (SharpFuzz out-of-process mode; one input per run)
///   --replay TARGET FILE...   run files through a target once each, print what happened
///   --list            the targets, one per line: name, tab, what it reads
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 1 && args[0] == "--list")
        {
            foreach (string name in FuzzTargets.Names)
            {
                IFuzzTarget target = FuzzTargets.Create(name);
                Console.WriteLine(name + "\t" + target.Description);
                (target as IDisposable)?.Dispose();
            }

            return 0;
        }

        if (args.Length >= 3 && args[0] == "--replay")
        {
            return Replay(args[1], args.AsSpan(2).ToArray());
        }

        if (args.Length == 1 && !args[0].StartsWith('-'))
        {
            IFuzzTarget target = FuzzTargets.Create(args[0]);
            Fuzzer.OutOfProcess.Run(stream => target.Run(ReadAll(stream)));
            (target as IDisposable)?.Dispose();
            return 0;
        }

        Console.Error.WriteLine("usage: ChamberFirmware.Fuzz TARGET | --replay TARGET FILE... | --list");
        Console.Error.WriteLine("targets: " + string.Join(", ", FuzzTargets.Names));
        return 2;
    }

    private static int Replay(string name, string[] files)
    {
        IFuzzTarget target = FuzzTargets.Create(name);
        int escaped = 0;
        try
        {
            foreach (string file in files)
            {
                try
                {
                    bool accepted = target.Run(File.ReadAllBytes(file));
                    Console.WriteLine(file + ": " + (accepted ? "accepted" : "refused"));
                }
                catch (Exception e)
                {
                    escaped++;
                    Console.WriteLine(file + ": ESCAPED " + e);
                }
            }
        }
        finally
        {
            (target as IDisposable)?.Dispose();
        }

        return escaped == 0 ? 0 : 1;
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
