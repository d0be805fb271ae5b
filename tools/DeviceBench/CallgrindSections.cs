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
    /// bench opens and closes sections with marks, so the k-th section (0-based, over the whole run)
    /// is dump 2k+2 (1-based), and the dumps between sections hold the set-up. Per operation: its
    /// sections' instructions, and their managed heap allocations: calls into the heap allocator
    /// (CLR_RT_ExecutionEngine::ExtractHeapBlocks) for objects, value types, arrays and strings.
    /// Blocks the interpreter takes for its own event cache (ExtractHeapBlocksForEvents: stack
    /// frames, lock requests), which it keeps and reuses, are not managed allocations and not counted.
    /// </summary>
    internal static class CallgrindSections
    {
        public const string Allocator = "CLR_RT_ExecutionEngine::ExtractHeapBlocks(";

        private const string EventCache = "CLR_RT_ExecutionEngine::ExtractHeapBlocksForEvents(";

        /// <param name="sectionsPerOperation">How many sections each operation measured, in run order.</param>
        public static IReadOnlyList<(long Instructions, long Allocations)> Operations(string outputPrefix, IReadOnlyList<int> sectionsPerOperation)
        {
            var dumps = Directory.GetFiles(Path.GetDirectoryName(outputPrefix)!, Path.GetFileName(outputPrefix) + ".*")
                .Where(f => int.TryParse(Path.GetExtension(f).TrimStart('.'), NumberStyles.None, CultureInfo.InvariantCulture, out _))
                .OrderBy(f => int.Parse(Path.GetExtension(f).TrimStart('.'), CultureInfo.InvariantCulture))
                .ToList();
            var needed = 2 * sectionsPerOperation.Sum();
            if (dumps.Count < needed)
            {
                throw new InvalidDataException("callgrind wrote " + dumps.Count + " dumps; the bench's " + sectionsPerOperation.Sum() + " sections need " + needed + " (did --dump-before match the marker?)");
            }

            var results = new List<(long, long)>();
            var section = 0;
            foreach (var sections in sectionsPerOperation)
            {
                long instructions = 0, allocations = 0;
                for (var i = 0; i < sections; i++, section++)
                {
                    var (sectionInstructions, sectionAllocations) = Read(dumps[(2 * section) + 1]);
                    instructions += sectionInstructions;
                    allocations += sectionAllocations;
                }

                results.Add((instructions, allocations));
            }

            return results;
        }

        private static (long Instructions, long Allocations) Read(string dump)
        {
            long instructions = -1;
            long allocations = 0;
            var caller = string.Empty;
            var lines = File.ReadAllLines(dump);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.StartsWith("fn=", StringComparison.Ordinal))
                {
                    caller = line;
                }
                else if (line.StartsWith("summary:", StringComparison.Ordinal))
                {
                    instructions = long.Parse(line.Substring(8).Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("cfn=", StringComparison.Ordinal) && line.Contains(Allocator, StringComparison.Ordinal)
                         && !caller.Contains(EventCache, StringComparison.Ordinal)
                         && i + 1 < lines.Length && lines[i + 1].StartsWith("calls=", StringComparison.Ordinal))
                {
                    allocations += long.Parse(lines[i + 1].Substring(6).Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }

            return instructions < 0 ? throw new InvalidDataException(dump + " has no summary line") : (instructions, allocations);
        }
    }
}
