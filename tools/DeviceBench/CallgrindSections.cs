using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace DeviceBench
{
    /// <summary>
    /// Reads the dump files callgrind wrote with --dump-before on the bench's marker (System.Math.Cosh,
    /// a native call the firmware never makes): each dump holds what ran since the previous mark. The
    /// bench marks right before and right after every loop, so the loop of operation i is dump 2i+2
    /// (1-based). Each section: instructions, and calls into the heap allocator
    /// (CLR_RT_ExecutionEngine::ExtractHeapBlocks), which every managed allocation goes through.
    /// </summary>
    internal static class CallgrindSections
    {
        public const string Allocator = "CLR_RT_ExecutionEngine::ExtractHeapBlocks(";

        public static IReadOnlyList<(long Instructions, long Allocations)> Loops(string outputPrefix, int operations)
        {
            var dumps = Directory.GetFiles(Path.GetDirectoryName(outputPrefix)!, Path.GetFileName(outputPrefix) + ".*")
                .Where(f => int.TryParse(Path.GetExtension(f).TrimStart('.'), NumberStyles.None, CultureInfo.InvariantCulture, out _))
                .OrderBy(f => int.Parse(Path.GetExtension(f).TrimStart('.'), CultureInfo.InvariantCulture))
                .ToList();
            var loops = new List<(long, long)>();
            for (var i = 0; i < operations; i++)
            {
                var index = (2 * i) + 1;
                if (index >= dumps.Count)
                {
                    throw new InvalidDataException("callgrind wrote " + dumps.Count + " dumps; the bench's " + operations + " loops need " + (2 * operations) + " (did --dump-before match the marker?)");
                }

                loops.Add(Read(dumps[index]));
            }

            return loops;
        }

        private static (long Instructions, long Allocations) Read(string dump)
        {
            long instructions = -1;
            long allocations = 0;
            var lines = File.ReadAllLines(dump);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.StartsWith("summary:", StringComparison.Ordinal))
                {
                    instructions = long.Parse(line.Substring(8).Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("cfn=", StringComparison.Ordinal) && line.Contains(Allocator, StringComparison.Ordinal)
                         && i + 1 < lines.Length && lines[i + 1].StartsWith("calls=", StringComparison.Ordinal))
                {
                    allocations += long.Parse(lines[i + 1].Substring(6).Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }

            return instructions < 0 ? throw new InvalidDataException(dump + " has no summary line") : (instructions, allocations);
        }
    }
}
