using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace DeviceBench
{
    /// <summary>
    /// Reads the dump files callgrind wrote with --dump-before and --dump-after on GC.Run (the bench's
    /// marker): each GC.Run gives a dump before it (what ran since the last mark) and one after it
    /// (the collection itself). The bench marks before and after every loop, so the loop of
    /// operation i is dump 4i+3 (1-based). Each section: instructions, and calls into the heap
    /// allocator (CLR_RT_ExecutionEngine::ExtractHeapBlocks), which is every managed allocation.
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
                var index = (4 * i) + 2;
                if (index >= dumps.Count)
                {
                    throw new InvalidDataException("callgrind wrote " + dumps.Count + " dumps; the bench's " + operations + " loops need " + (4 * operations) + " (did --dump-before/--dump-after match GC.Run?)");
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
