using System;
using BenchmarkDotNet.Attributes;
using ChamberFirmware.Core.Crypto;
using ChamberFirmware.Core.Link;

namespace ChamberFirmware.Benchmarks.Link;

/// <summary>
/// Cost of link authentication per frame (docs/protocol.md, "Measured cost"). Host figures; the
/// SHA-256 compression count per frame is what carries over to the interpreter on the device.
/// </summary>
[MemoryDiagnoser]
public class HmacBenchmarks
{
    private readonly HmacSha256 _mac = new();
    private readonly LinkSession _console = new();
    private readonly LinkSession _device = new();
    private readonly byte[] _heartbeat = new byte[LinkProtocol.MaxFrameSize];
    private readonly byte[] _telemetry = new byte[LinkProtocol.MaxFrameSize];
    private readonly byte[] _tag = new byte[HmacSha256.TagSize];
    private readonly byte[] _maxFrame = new byte[LinkProtocol.MaxFrameSize];

    [GlobalSetup]
    public void Setup()
    {
        byte[] key = new byte[LinkProtocol.DeviceKeySize];
        new Random(1).NextBytes(key);
        _mac.SetKey(key, 0, key.Length);
        var deviceNonce = new byte[LinkProtocol.NonceSize];
        var consoleNonce = new byte[LinkProtocol.NonceSize];
        new Random(2).NextBytes(deviceNonce);
        new Random(3).NextBytes(consoleNonce);
        _console.Establish(_mac, deviceNonce, 0, consoleNonce, 0, asDevice: false);
        _device.Establish(_mac, deviceNonce, 0, consoleNonce, 0, asDevice: true);
        _console.Seal((byte)LinkMessageType.Heartbeat, _heartbeat, 0, 0);
    }

    /// <summary>Device side of a heartbeat: tag check of an 8-byte header (2 compressions).</summary>
    [Benchmark(Baseline = true)]
    public LinkRejectReason VerifyHeartbeat() => _device.Verify(_heartbeat, 0, 0, uint.MaxValue);

    /// <summary>Device side of a telemetry frame: seal 8 + 50 bytes (3 compressions).</summary>
    [Benchmark]
    public int SealTelemetry()
    {
        int length = _device.Seal((byte)LinkMessageType.Telemetry, _telemetry, 0, LinkPayloads.StatusSize);
        if (length == 0)
        {
            // Sequence exhausted (never within a run): restart the session counters.
            _device.Establish(_mac, _telemetry, 0, _telemetry, 0, asDevice: true);
        }

        return length;
    }

    /// <summary>Tag over a maximum frame's MAC input (240 bytes: 5 compressions).</summary>
    [Benchmark]
    public bool TagMaximumFrame() => _mac.Compute(_maxFrame, 0, LinkProtocol.MaxFrameSize - LinkProtocol.TagSize, _tag, 0);

    /// <summary>Reference: .NET's HMACSHA256 on the same heartbeat header (allocates; host only).</summary>
    [Benchmark]
    public byte[] DotNetHmacHeartbeat() => System.Security.Cryptography.HMACSHA256.HashData(_tag, _heartbeat.AsSpan(0, LinkProtocol.HeaderSize));
}
