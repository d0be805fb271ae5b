using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChamberFirmware.DiagnosticsBridge;
using Xunit;

namespace ChamberFirmware.Core.Tests.Diagnostics;

/// <summary>
/// The golden vectors in tests/golden/diagnostics are pinned: the encoder must still produce them
/// byte for byte and the decoder must still read them as their JSON says. The web decoder is tested
/// against the same files (tests/web). To (re)create them after a deliberate format change, run
/// with DIAG_WRITE_GOLDEN=1 once, review the diff, and bump the format version.
/// </summary>
public class GoldenVectorTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IEnumerable<object[]> VectorNames()
    {
        foreach (var v in GoldenFixture.Vectors())
        {
            yield return new object[] { v.Name };
        }
    }

    [Fact]
    public void Golden_files_exist_or_are_written_on_request()
    {
        if (Environment.GetEnvironmentVariable("DIAG_WRITE_GOLDEN") == "1")
        {
            WriteGoldenFiles();
        }

        foreach (var v in GoldenFixture.Vectors())
        {
            Assert.True(File.Exists(HexPath(v.Name)), "missing golden file " + HexPath(v.Name));
            Assert.True(File.Exists(JsonPath(v.Name)), "missing golden file " + JsonPath(v.Name));
        }

        Assert.True(File.Exists(InvalidPath()), "missing " + InvalidPath());
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Encoder_output_equals_the_golden_bytes(string name)
    {
        var vector = Find(name);
        var golden = DiagnosticsJson.ParseHex(File.ReadAllText(HexPath(name)));

        Assert.Equal(DiagnosticsJson.Hex(golden), DiagnosticsJson.Hex(vector.Bytes));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Decoder_reads_the_golden_bytes_as_the_golden_json_says(string name)
    {
        var golden = DiagnosticsJson.ParseHex(File.ReadAllText(HexPath(name)));
        var description = JsonNode.Parse(File.ReadAllText(JsonPath(name)))!.AsObject();

        var decoded = DiagnosticsJson.Decode(description["kind"]!.GetValue<string>(), golden);

        Assert.Equal(golden.Length, description["length"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(description["decoded"], decoded),
            $"{name}: decoded\n{decoded.ToJsonString(Indented)}\nexpected\n{description["decoded"]!.ToJsonString(Indented)}");
    }

    [Fact]
    public void Decoder_rejects_every_golden_invalid_vector_with_the_expected_error()
    {
        var cases = JsonNode.Parse(File.ReadAllText(InvalidPath()))!.AsArray();
        Assert.True(cases.Count >= 10);
        foreach (var c in cases)
        {
            var kind = c!["kind"]!.GetValue<string>();
            var bytes = DiagnosticsJson.ParseHex(c["hex"]!.GetValue<string>());

            var result = DiagnosticsJson.TryDecode(kind, bytes, out var json);

            Assert.True(c["error"]!.GetValue<string>() == DiagnosticsJson.ErrorCode(result), c["name"] + ": got " + DiagnosticsJson.ErrorCode(result));
            Assert.Null(json);
        }
    }

    private static (string Name, string Kind, byte[] Bytes) Find(string name)
    {
        foreach (var v in GoldenFixture.Vectors())
        {
            if (v.Name == name)
            {
                return v;
            }
        }

        throw new InvalidOperationException("no vector " + name);
    }

    private static string HexPath(string name) => Path.Combine(GoldenFixture.GoldenDirectory, name + ".hex");

    private static string JsonPath(string name) => Path.Combine(GoldenFixture.GoldenDirectory, name + ".json");

    private static string InvalidPath() => Path.Combine(GoldenFixture.GoldenDirectory, "invalid.json");

    private static void WriteGoldenFiles()
    {
        Directory.CreateDirectory(GoldenFixture.GoldenDirectory);
        var byName = new Dictionary<string, byte[]>();
        foreach (var v in GoldenFixture.Vectors())
        {
            byName[v.Name] = v.Bytes;
            File.WriteAllText(HexPath(v.Name), DiagnosticsJson.Hex(v.Bytes) + "\n");
            var description = new JsonObject
            {
                ["name"] = v.Name,
                ["kind"] = v.Kind,
                ["length"] = v.Bytes.Length,
                ["decoded"] = DiagnosticsJson.Decode(v.Kind, v.Bytes),
            };
            File.WriteAllText(JsonPath(v.Name), description.ToJsonString(Indented) + "\n");
        }

        var invalid = new JsonArray();
        void Add(string name, string kind, byte[] bytes, string error) =>
            invalid.Add(new JsonObject { ["name"] = name, ["kind"] = kind, ["hex"] = DiagnosticsJson.Hex(bytes), ["error"] = error });
        byte[] Edit(string vector, int at, byte value)
        {
            var copy = (byte[])byName[vector].Clone();
            copy[at] = value;
            return copy;
        }

        byte[] Cut(string vector, int length) => byName[vector].AsSpan(0, length).ToArray();
        byte[] Pad(string vector) => [.. byName[vector], 0];

        Add("status empty", "status", [], "empty");
        Add("status version 2", "status", Edit("status-active", 0, 2), "unsupportedVersion");
        Add("status truncated", "status", Cut("status-active", 27), "wrongLength");
        Add("status padded", "status", Pad("status-active"), "wrongLength");
        Add("status unknown state", "status", Edit("status-active", 1, 9), "invalidValue");
        Add("status reserved flag", "status", Edit("status-active", 2, 0x81), "invalidValue");
        Add("telemetry padded", "telemetry", Pad("telemetry-active"), "wrongLength");
        Add("telemetry unknown state", "telemetry", Edit("telemetry-active", 1, 5), "invalidValue");
        Add("counters wrong slot count", "counters", Edit("counters", 1, 8), "invalidValue");
        Add("counters truncated", "counters", Cut("counters", 100), "wrongLength");
        Add("events too many records", "events", Edit("events-0", 2, 8), "invalidValue");
        Add("events count beyond bytes", "events", Edit("events-1", 2, 3), "wrongLength");
        Add("events window out of range", "events", Edit("events-1", 1, 10), "invalidValue");
        Add("events record size", "events", Edit("events-1", 3, 33), "invalidValue");
        Add("events header only truncated", "events", Cut("events-2", 11), "wrongLength");
        Add("identity field too long", "identity", Edit("identity", 2, 33), "invalidValue");
        Add("identity truncated", "identity", Cut("identity", 10), "wrongLength");
        Add("identity non-ascii", "identity", Edit("identity", 3, 0xC3), "invalidValue");
        Add("identity trailing byte", "identity", Pad("identity"), "wrongLength");
        File.WriteAllText(InvalidPath(), invalid.ToJsonString(Indented) + "\n");
    }
}
