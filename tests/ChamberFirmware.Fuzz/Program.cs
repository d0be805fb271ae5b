using System;
using System.IO;
using ChamberFirmware.Fuzz.Harness;
using SharpFuzz;

namespace ChamberFirmware.Fuzz;

/// <summary>
/// The harness entry point (tools/fuzz/run-campaign.sh runs it under afl-fuzz):
///   TARGET            serve AFL++ (SharpFuzz out-of-process mode; one input per run)
///   --replay TARGET FILE...   run files through a target once each, print what happened
///   --minimize TARGET FILE OUT   shrink a crashing input, keeping the exception type, into OUT
///   --list            the target names, one per line
///   --describe        each target with what it reads (uninstrumented builds only)
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 1 && args[0] == "--list")
        {
            // Names only: constructing a target would run instrumented code outside afl-fuzz,
            // which has no coverage map to write to (the campaign calls --list on the instrumented build).
            foreach (string name in FuzzTargets.Names)
            {
                Console.WriteLine(name);
            }

            return 0;
        }

        if (args.Length == 1 && args[0] == "--describe")
        {
            foreach (string name in FuzzTargets.Names)
            {
                IFuzzTarget target = FuzzTargets.Create(name);
                Console.WriteLine(name + "\t" + target.Description);
                (target as IDisposable)?.Dispose();
            }

            return 0;
        }

        if (args.Length == 4 && args[0] == "--minimize")
        {
            return Minimize(args[1], args[2], args[3]);
        }

        if (args.Length >= 3 && args[0] == "--replay")
        {
            return Replay(args[1], args.AsSpan(2).ToArray());
        }

        if (args.Length == 1 && !args[0].StartsWith('-'))
        {
            string name = args[0];
            if (Array.IndexOf(FuzzTargets.Names, name) < 0)
            {
                Console.Error.WriteLine("unknown fuzz target '" + name + "'; targets: " + string.Join(", ", FuzzTargets.Names));
                return 2;
            }

            // Created on the first input, inside the process that runs the inputs: SharpFuzz's
            // out-of-process parent has no coverage map, so instrumented code must not run there.
            IFuzzTarget? target = null;
            Fuzzer.OutOfProcess.Run(stream => (target ??= FuzzTargets.Create(name)).Run(ReadAll(stream)));
            (target as IDisposable)?.Dispose();
            return 0;
        }

        Console.Error.WriteLine("usage: ChamberFirmware.Fuzz TARGET | --replay TARGET FILE... | --list | --describe");
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

    /// <summary>Greedy chunk removal (halving the chunk size) while the same exception type still escapes.</summary>
    private static int Minimize(string name, string file, string output)
    {
        IFuzzTarget target = FuzzTargets.Create(name);
        try
        {
            byte[] input = File.ReadAllBytes(file);
            Type? wanted = Escape(target, input);
            if (wanted is null)
            {
                Console.WriteLine(file + ": nothing escapes, nothing to minimize");
                return 1;
            }

            for (int chunk = Math.Max(1, input.Length / 2); chunk >= 1; chunk /= 2)
            {
                for (int at = 0; at + chunk <= input.Length;)
                {
                    byte[] candidate = new byte[input.Length - chunk];
                    Array.Copy(input, 0, candidate, 0, at);
                    Array.Copy(input, at + chunk, candidate, at, input.Length - at - chunk);
                    if (Escape(target, candidate) == wanted)
                    {
                        input = candidate;
                    }
                    else
                    {
                        at += chunk;
                    }
                }
            }

            File.WriteAllBytes(output, input);
            Console.WriteLine(output + ": " + input.Length + " bytes still escape with " + wanted.Name);
            return 0;
        }
        finally
        {
            (target as IDisposable)?.Dispose();
        }
    }

    private static Type? Escape(IFuzzTarget target, byte[] input)
    {
        try
        {
            target.Run(input);
            return null;
        }
        catch (Exception e)
        {
            return e.GetType();
        }
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
