using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace DeviceBench
{
    /// <summary>
    /// The committed x86 instructions per call on nanoCLR of each operation (tests/bench/nanoclr-baseline.json).
    /// CI fails when one grows by more than <see cref="AllowedGrowth"/>; an intended increase updates the
    /// file in the same commit (devicebench --update-baseline), with the reason in the message.
    /// </summary>
    internal static class BenchBaseline
    {
        public const double AllowedGrowth = 0.10;

        public static Dictionary<string, long> Read(string path)
        {
            if (!File.Exists(path))
            {
                return new Dictionary<string, long>(StringComparer.Ordinal);
            }

            return JsonSerializer.Deserialize<Dictionary<string, long>>(File.ReadAllText(path)) ?? new Dictionary<string, long>(StringComparer.Ordinal);
        }

        public static void Write(string path, IReadOnlyDictionary<string, long> instructionsPerCall)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, JsonSerializer.Serialize(instructionsPerCall, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }
    }
}
