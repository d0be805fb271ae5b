using System;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Crypto;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Wire;
using nanoFramework.TestFramework;

namespace ChamberFirmware.Device.NanoClr.Link
{
    /// <summary>
    /// A minimal console end from the portable pieces, to drive LinkServer without the host client
    /// (host: Core.Tests/Link/TestConsole). After OpenResponse, the last response's fields are in
    /// LastResult, LastDetail and LastRequest (no tuples in the subset).
    /// </summary>
    public sealed class TestConsole
    {
        public readonly LinkSession Session = new LinkSession();
        public readonly byte[] ConsoleNonce = new byte[LinkProtocol.NonceSize];
        public CommandResult LastResult;
        public int LastDetail;
        public LinkMessageType LastRequest;

        private readonly HmacSha256 _keyMac = new HmacSha256();
        private readonly SeededBytes _random;

        public TestConsole(byte[] deviceKey, int seed)
        {
            _keyMac.SetKey(deviceKey, 0, deviceKey.Length);
            _random = new SeededBytes(seed);
        }

        public byte[] Hello()
        {
            _random.Fill(ConsoleNonce, 0, ConsoleNonce.Length);
            byte[] frame = new byte[LinkProtocol.MaxFrameSize];
            Array.Copy(ConsoleNonce, 0, frame, LinkProtocol.HeaderSize, LinkProtocol.NonceSize);
            int length = LinkFrame.WriteUnauthenticated(frame, 0, (byte)LinkMessageType.Hello, LinkProtocol.NonceSize);
            return Slice(frame, 0, length);
        }

        /// <summary>Checks the challenge's tag with the keys it implies, then keeps the session.</summary>
        public bool AcceptChallenge(byte[] challenge)
        {
            byte type;
            uint sequence;
            int payloadLength;
            Assert.AreEqual((int)LinkRejectReason.None, (int)LinkFrame.ParseHeader(challenge, 0, challenge.Length, out type, out sequence, out payloadLength), "challenge header");
            Assert.AreEqual((int)LinkMessageType.HelloChallenge, (int)type, "challenge type");
            Assert.IsTrue(Session.Establish(_keyMac, challenge, LinkProtocol.HeaderSize, ConsoleNonce, 0, false));
            if (Session.Verify(challenge, 0, payloadLength, sequence) != LinkRejectReason.None)
            {
                Session.Clear();
                return false;
            }

            Session.Accept(sequence);
            return true;
        }

        public byte[] Frame(LinkMessageType type) => Frame(type, new byte[0]);

        public byte[] Frame(LinkMessageType type, byte[] payload)
        {
            byte[] frame = new byte[LinkProtocol.MaxFrameSize];
            Array.Copy(payload, 0, frame, LinkProtocol.HeaderSize, payload.Length);
            int length = Session.Seal((byte)type, frame, 0, payload.Length);
            Assert.IsTrue(length > 0, "seal failed");
            return Slice(frame, 0, length);
        }

        /// <summary>Verifies a device response in this session and keeps its result, detail and request type.</summary>
        public CommandResult OpenResponse(byte[] response)
        {
            byte type;
            uint sequence;
            int payloadLength;
            Assert.AreEqual((int)LinkRejectReason.None, (int)LinkFrame.ParseHeader(response, 0, response.Length, out type, out sequence, out payloadLength), "response header");
            Assert.AreEqual((int)LinkMessageType.Response, (int)type, "response type");
            Assert.AreEqual((int)LinkRejectReason.None, (int)Session.Verify(response, 0, payloadLength, sequence), "response tag");
            Session.Accept(sequence);
            int p = LinkProtocol.HeaderSize;
            LastRequest = (LinkMessageType)response[p];
            LastResult = (CommandResult)response[p + 5];
            LastDetail = LittleEndian.ReadUInt16(response, p + 6);
            return LastResult;
        }

        public static byte[] Slice(byte[] source, int offset, int count)
        {
            byte[] copy = new byte[count];
            Array.Copy(source, offset, copy, 0, count);
            return copy;
        }
    }
}
