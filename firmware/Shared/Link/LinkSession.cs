using System;
using ChamberFirmware.Core.Crypto;
using ChamberFirmware.Hal.Clock;

namespace ChamberFirmware.Core.Link
{
    /// <summary>
    /// One side of an authenticated session: a sending and a receiving HMAC key derived from the
    /// device key and both nonces, and a sequence counter per direction. Used by the device
    /// (LinkServer) and the console (ConsoleLinkClient) alike; preallocated, reusable.
    /// </summary>
    public sealed class LinkSession
    {
        // Key derivation labels (ASCII, docs/protocol.md): one key per direction, so a frame can
        // never be reflected back to its sender as valid.
        private static readonly byte[] ConsoleToDeviceLabel =
        {
            (byte)'C', (byte)'F', (byte)'L', (byte)'I', (byte)'N', (byte)'K', (byte)'1', (byte)' ',
            (byte)'c', (byte)'2', (byte)'d',
        };

        private static readonly byte[] DeviceToConsoleLabel =
        {
            (byte)'C', (byte)'F', (byte)'L', (byte)'I', (byte)'N', (byte)'K', (byte)'1', (byte)' ',
            (byte)'d', (byte)'2', (byte)'c',
        };

        private readonly IHmacSha256 _send;
        private readonly IHmacSha256 _receive;
        // Separate scratch per direction: the console seals and verifies on different threads.
        private readonly byte[] _sendTag = new byte[HmacSha256.TagSize];
        private readonly byte[] _receiveTag = new byte[HmacSha256.TagSize];
        private readonly byte[] _derived = new byte[HmacSha256.TagSize];
        private readonly byte[] _deviceNonce = new byte[LinkProtocol.NonceSize];
        private readonly byte[] _consoleNonce = new byte[LinkProtocol.NonceSize];
        private uint _sendSequence;
        private uint _lastReceivedSequence;

        /// <summary>A session on the managed HMAC (HmacSha256), its two direction keys precomputed per session.</summary>
        public LinkSession()
            : this(new HmacSha256(), new HmacSha256())
        {
        }

        /// <summary>
        /// A session on the given MACs (one per direction, not shared): the seam where a device build
        /// routes to a native HMAC. Both must keep the IHmacSha256 contract.
        /// </summary>
        public LinkSession(IHmacSha256 send, IHmacSha256 receive)
        {
            if (send == null || receive == null || send == receive)
            {
                // Wiring, not input: fail at construction rather than on the first frame.
                throw new ArgumentException("one MAC per direction");
            }

            _send = send;
            _receive = receive;
        }

        public bool IsEstablished { get; private set; }

        /// <summary>Sequence number of the last frame this side sealed.</summary>
        public uint LastSentSequence => _sendSequence;

        /// <summary>Sequence number of the last frame this side accepted.</summary>
        public uint LastReceivedSequence => _lastReceivedSequence;

        /// <summary>SHA-256 compressions spent by this session's two MAC keys (cost measure; managed MACs only).</summary>
        public long CompressionCount => Compressions(_send) + Compressions(_receive);

        /// <summary>
        /// Lets long MAC work give way (the device's link thread): both direction keys' managed
        /// HMACs yield after every SHA-256 compression (about 3.5 ms on the ESP32 estimate). nanoCLR
        /// lets a higher-priority thread whose sleep ended wait for the running thread's 20 ms
        /// quantum (docs/safety.md, "The supervisor is never starved"). Null, the default and the
        /// console's case: no yields.
        /// </summary>
        public void AttachScheduler(IThreadScheduler scheduler)
        {
            AttachTo(_send, scheduler);
            AttachTo(_receive, scheduler);
        }

        /// <summary>
        /// Derives the two direction keys: K_dir = HMAC(deviceKey, label_dir || deviceNonce || consoleNonce).
        /// deviceKeyMac must be keyed with the device key. asDevice selects which key sends.
        /// </summary>
        public bool Establish(IHmacSha256 deviceKeyMac, byte[] deviceNonce, int deviceNonceOffset, byte[] consoleNonce, int consoleNonceOffset, bool asDevice)
        {
            Clear();
            if (deviceKeyMac == null || !deviceKeyMac.HasKey
                || deviceNonce == null || deviceNonceOffset < 0 || deviceNonceOffset > deviceNonce.Length - LinkProtocol.NonceSize
                || consoleNonce == null || consoleNonceOffset < 0 || consoleNonceOffset > consoleNonce.Length - LinkProtocol.NonceSize)
            {
                return false;
            }

            Array.Copy(deviceNonce, deviceNonceOffset, _deviceNonce, 0, LinkProtocol.NonceSize);
            Array.Copy(consoleNonce, consoleNonceOffset, _consoleNonce, 0, LinkProtocol.NonceSize);

            Derive(deviceKeyMac, asDevice ? DeviceToConsoleLabel : ConsoleToDeviceLabel);
            _send.SetKey(_derived, 0, _derived.Length);
            Derive(deviceKeyMac, asDevice ? ConsoleToDeviceLabel : DeviceToConsoleLabel);
            _receive.SetKey(_derived, 0, _derived.Length);
            Array.Clear(_derived, 0, _derived.Length);
            IsEstablished = true;
            return true;
        }

        /// <summary>Forgets keys, nonces and counters.</summary>
        public void Clear()
        {
            _send.ClearKey();
            _receive.ClearKey();
            Array.Clear(_deviceNonce, 0, _deviceNonce.Length);
            Array.Clear(_consoleNonce, 0, _consoleNonce.Length);
            _sendSequence = 0;
            _lastReceivedSequence = 0;
            IsEstablished = false;
        }

        /// <summary>True when both nonces equal the given ones (identifies the session).</summary>
        public bool HasNonces(byte[] deviceNonce, int deviceNonceOffset, byte[] consoleNonce, int consoleNonceOffset)
        {
            return IsEstablished
                && ConstantTime.AreEqual(_deviceNonce, 0, deviceNonce, deviceNonceOffset, LinkProtocol.NonceSize)
                && ConstantTime.AreEqual(_consoleNonce, 0, consoleNonce, consoleNonceOffset, LinkProtocol.NonceSize);
        }

        /// <summary>
        /// Seals a frame whose payload is already at buffer[offset + HeaderSize]: writes the header
        /// with the next sequence number and the truncated tag. Returns the frame length, or 0.
        /// </summary>
        public int Seal(byte type, byte[] buffer, int offset, int payloadLength)
        {
            if (!IsEstablished || !LinkFrame.Fits(buffer, offset, payloadLength) || _sendSequence == uint.MaxValue)
            {
                return 0;
            }

            _sendSequence++;
            LinkFrame.WriteHeader(buffer, offset, type, _sendSequence, payloadLength);
            int macLength = LinkProtocol.HeaderSize + payloadLength;
            _send.Compute(buffer, offset, macLength, _sendTag, 0);
            Array.Copy(_sendTag, 0, buffer, offset + macLength, LinkProtocol.TagSize);
            return macLength + LinkProtocol.TagSize;
        }

        /// <summary>
        /// Checks tag then sequence of a frame that passed LinkFrame.ParseHeader. Changes nothing:
        /// call Accept(sequence) once the frame is taken.
        /// </summary>
        public LinkRejectReason Verify(byte[] frame, int offset, int payloadLength, uint sequence)
        {
            if (!IsEstablished)
            {
                return LinkRejectReason.NoSession;
            }

            int macLength = LinkProtocol.HeaderSize + payloadLength;
            _receive.Compute(frame, offset, macLength, _receiveTag, 0);
            if (!ConstantTime.AreEqual(_receiveTag, 0, frame, offset + macLength, LinkProtocol.TagSize))
            {
                return LinkRejectReason.BadTag;
            }

            if (sequence == _lastReceivedSequence)
            {
                return LinkRejectReason.Replayed;
            }

            if (sequence < _lastReceivedSequence)
            {
                return LinkRejectReason.Reordered;
            }

            return LinkRejectReason.None;
        }

        public void Accept(uint sequence)
        {
            _lastReceivedSequence = sequence;
        }

        private static long Compressions(IHmacSha256 mac)
        {
            HmacSha256 managed = mac as HmacSha256;
            return managed == null ? 0 : managed.CompressionCount;
        }

        private void Derive(IHmacSha256 deviceKeyMac, byte[] label)
        {
            deviceKeyMac.Start();
            deviceKeyMac.Update(label, 0, label.Length);
            deviceKeyMac.Update(_deviceNonce, 0, LinkProtocol.NonceSize);
            deviceKeyMac.Update(_consoleNonce, 0, LinkProtocol.NonceSize);
            deviceKeyMac.Finish(_derived, 0);
        }

        private static void AttachTo(IHmacSha256 mac, IThreadScheduler scheduler)
        {
            // A native HMAC runs in hardware, in one short native call: only the managed one yields.
            HmacSha256 managed = mac as HmacSha256;
            if (managed != null)
            {
                managed.AttachScheduler(scheduler);
            }
        }
    }
}
