using System;
using ChamberFirmware.Core.Crypto;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Hal.Simulated.Plant;

namespace ChamberFirmware.Differential
{
    /// <summary>
    /// The console end of the link, built from the portable link pieces (as the host tests' console
    /// is), so the same authenticated frames reach the runtime on both runtimes.
    /// </summary>
    public sealed class ScenarioConsole
    {
        private readonly HmacSha256 _keyMac = new HmacSha256();
        private readonly DeterministicRandom _random;
        private readonly byte[] _nonce = new byte[LinkProtocol.NonceSize];
        private readonly byte[] _frame = new byte[LinkProtocol.MaxFrameSize];

        public ScenarioConsole(byte[] deviceKey, int seed)
        {
            _keyMac.SetKey(deviceKey, 0, deviceKey.Length);
            _random = new DeterministicRandom(seed);
        }

        public LinkSession Session { get; } = new LinkSession();

        /// <summary>The Hello frame; its length in <paramref name="length"/>.</summary>
        public byte[] Hello(out int length)
        {
            for (int i = 0; i < _nonce.Length; i++)
            {
                _nonce[i] = _random.NextByte();
            }

            Array.Copy(_nonce, 0, _frame, LinkProtocol.HeaderSize, _nonce.Length);
            length = LinkFrame.WriteUnauthenticated(_frame, 0, (byte)LinkMessageType.Hello, LinkProtocol.NonceSize);
            return _frame;
        }

        /// <summary>Checks the challenge with the keys it implies and keeps the session; false if it does not verify.</summary>
        public bool AcceptChallenge(byte[] challenge, int length)
        {
            byte type;
            uint sequence;
            int payloadLength;
            if (LinkFrame.ParseHeader(challenge, 0, length, out type, out sequence, out payloadLength) != LinkRejectReason.None
                || type != (byte)LinkMessageType.HelloChallenge
                || !Session.Establish(_keyMac, challenge, LinkProtocol.HeaderSize, _nonce, 0, false))
            {
                return false;
            }

            if (Session.Verify(challenge, 0, payloadLength, sequence) != LinkRejectReason.None)
            {
                Session.Clear();
                return false;
            }

            Session.Accept(sequence);
            return true;
        }

        /// <summary>A sealed frame of <paramref name="type"/> with <paramref name="payloadLength"/> bytes of <paramref name="payload"/>.</summary>
        public byte[] Frame(LinkMessageType type, byte[] payload, int payloadLength, out int length)
        {
            if (payloadLength > 0)
            {
                Array.Copy(payload, 0, _frame, LinkProtocol.HeaderSize, payloadLength);
            }

            length = Session.Seal((byte)type, _frame, 0, payloadLength);
            return _frame;
        }

        /// <summary>Verifies a response in this session and returns its result byte, or -1 when it does not verify.</summary>
        public int OpenResult(byte[] response, int length)
        {
            byte type;
            uint sequence;
            int payloadLength;
            if (length <= 0
                || LinkFrame.ParseHeader(response, 0, length, out type, out sequence, out payloadLength) != LinkRejectReason.None
                || type != (byte)LinkMessageType.Response
                || Session.Verify(response, 0, payloadLength, sequence) != LinkRejectReason.None)
            {
                return -1;
            }

            Session.Accept(sequence);
            return response[LinkProtocol.HeaderSize + 5];
        }
    }
}
