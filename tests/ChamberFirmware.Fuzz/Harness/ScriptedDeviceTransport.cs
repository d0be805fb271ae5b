using System;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Transport;
using ChamberFirmware.Core.Crypto;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Wire;

namespace ChamberFirmware.Fuzz.Harness;

/// <summary>
/// The far end of a console's link, played from a fuzz input: whatever answers on the link, with
/// or without the key. Each ReceiveAsync reads one record [mode(1) chunk]: mode 0 answers the
/// console's last frame in shape (challenge to a Hello, Response naming the request) sealed with
/// the key and the chunk as result/detail/extra; mode 1 seals the chunk as a frame of a fuzzed
/// type; mode 2 sends the chunk raw (an impostor without the key); mode 3 a sealed Telemetry.
/// Answers wait (bounded) for the console's next frame so replies line up with requests.
/// The input's end closes the link.
/// </summary>
internal sealed class ScriptedDeviceTransport : ILinkTransport
{
    private static readonly byte[] Types =
    {
        (byte)LinkMessageType.Response, (byte)LinkMessageType.HelloChallenge, (byte)LinkMessageType.Telemetry, (byte)LinkMessageType.Notice,
    };

    private static readonly TimeSpan AnswerWait = TimeSpan.FromMilliseconds(200);

    private readonly FuzzInput _input;
    private readonly HmacSha256 _keyMac = new();
    private readonly LinkSession _device = new();
    private readonly byte[] _consoleNonce = new byte[LinkProtocol.NonceSize];
    private readonly byte[] _deviceNonce = new byte[LinkProtocol.NonceSize];
    private readonly byte[] _frame = new byte[LinkProtocol.MaxFrameSize];
    private readonly SemaphoreSlim _sent = new(0);
    private readonly object _sync = new();
    private byte _lastType;
    private uint _lastSequence;
    private int _records;

    public ScriptedDeviceTransport(byte[] input)
    {
        _input = new FuzzInput(input);
        _keyMac.SetKey(HarnessDevice.LinkKey, 0, HarnessDevice.LinkKey.Length);
        new Random(43).NextBytes(_deviceNonce);
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        byte[] copy = frame.ToArray();
        lock (_sync)
        {
            if (LinkFrame.ParseHeader(copy, 0, copy.Length, out byte type, out uint sequence, out _) == LinkRejectReason.None)
            {
                _lastType = type;
                _lastSequence = sequence;
                if (type == (byte)LinkMessageType.Hello)
                {
                    Array.Copy(copy, LinkProtocol.OffsetPayload, _consoleNonce, 0, LinkProtocol.NonceSize);
                    _device.Establish(_keyMac, _deviceNonce, 0, _consoleNonce, 0, asDevice: true);
                }
            }
        }

        _sent.Release();
        return ValueTask.CompletedTask;
    }

    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            byte mode;
            byte[] chunk;
            lock (_sync)
            {
                if (_input.AtEnd || _records++ >= 64)
                {
                    return 0;
                }

                mode = _input.ReadByte();
                chunk = _input.ReadChunk(LinkProtocol.MaxFrameSize + 8);
            }

            if ((mode & 3) <= 1)
            {
                // An answer: let the console's request leave first (bounded: it may be waiting on us).
                await _sent.WaitAsync(AnswerWait, cancellationToken).ConfigureAwait(false);
            }

            int length;
            lock (_sync)
            {
                length = Build(mode, chunk);
            }

            if (length > 0)
            {
                int kept = Math.Min(length, buffer.Length);
                _frame.AsMemory(0, kept).CopyTo(buffer);
                return kept;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        // _sent is not disposed: the console's receive loop may still be unwinding a cancelled wait
        // on it, and SemaphoreSlim.Dispose drops its waiter list, so that wait would never end
        // (the console-replies-1 hang; "Dispose ... only when all other operations have completed").
        _device.Clear();
        return ValueTask.CompletedTask;
    }

    private int Build(byte mode, byte[] chunk)
    {
        int p = LinkProtocol.OffsetPayload;
        switch (mode & 3)
        {
            case 0 when _lastType == (byte)LinkMessageType.Hello:
                Array.Copy(_deviceNonce, 0, _frame, p, LinkProtocol.NonceSize);
                Array.Copy(_consoleNonce, 0, _frame, p + LinkProtocol.NonceSize, LinkProtocol.NonceSize);
                return _device.Seal((byte)LinkMessageType.HelloChallenge, _frame, 0, 2 * LinkProtocol.NonceSize);
            case 0:
            {
                int extra = Math.Min(Math.Max(chunk.Length - 3, 0), LinkProtocol.MaxPayloadSize - LinkPayloads.ResponseHeaderSize);
                _frame[p] = _lastType;
                LittleEndian.WriteUInt32(_frame, p + 1, _lastSequence);
                _frame[p + 5] = chunk.Length > 0 ? chunk[0] : (byte)0;
                _frame[p + 6] = chunk.Length > 1 ? chunk[1] : (byte)0;
                _frame[p + 7] = chunk.Length > 2 ? chunk[2] : (byte)0;
                Array.Copy(chunk, Math.Min(3, chunk.Length), _frame, p + LinkPayloads.ResponseHeaderSize, extra);
                return _device.Seal((byte)LinkMessageType.Response, _frame, 0, LinkPayloads.ResponseHeaderSize + extra);
            }

            case 1:
            {
                int length = Math.Min(chunk.Length, LinkProtocol.MaxPayloadSize);
                Array.Copy(chunk, 0, _frame, p, length);
                byte type = (mode & 0x80) != 0 ? (byte)(mode & 0x7F | 0x80) : Types[(mode >> 2) % Types.Length];
                return _device.Seal(type, _frame, 0, length);
            }

            case 2:
                Array.Copy(chunk, 0, _frame, 0, Math.Min(chunk.Length, _frame.Length));
                return Math.Min(chunk.Length, _frame.Length);
            default:
            {
                int length = Math.Min(chunk.Length, LinkPayloads.StatusSize);
                Array.Clear(_frame, p, LinkPayloads.StatusSize);
                Array.Copy(chunk, 0, _frame, p, length);
                return _device.Seal((byte)LinkMessageType.Telemetry, _frame, 0, LinkPayloads.StatusSize);
            }
        }
    }
}
