using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Link;
using nanoFramework.TestFramework;

namespace ChamberFirmware.Device.NanoClr.Link
{
    /// <summary>A LinkServer on in-memory fakes (host: Core.Tests/Link/LinkTestRig); Send returns the response bytes (empty when none).</summary>
    public sealed class LinkTestRig
    {
        public static readonly byte[] DeviceKey = SeededBytes.Key(7);

        public readonly RecordingChamberControl Control = new RecordingChamberControl();
        public readonly RefusingProvisioningTarget Provisioning = new RefusingProvisioningTarget();
        public readonly FixedJumper Jumper = new FixedJumper();
        public readonly ManualClock Clock = new ManualClock(1000000);
        public readonly LinkServer Server;

        private readonly byte[] _response = new byte[LinkProtocol.MaxFrameSize];

        public LinkTestRig() : this(DeviceKey, 1000, 1)
        {
        }

        public LinkTestRig(byte[] key, int rejectBurst, int nonceSeed)
        {
            Server = new LinkServer(Control, Provisioning, new InMemoryKeySource(key), Jumper, new SeededNonceSource(nonceSeed), Clock, rejectBurst, LinkServer.DefaultRejectPerSecond);
        }

        public byte[] Send(byte[] frame) => Send(frame, frame.Length);

        public byte[] Send(byte[] frame, int count)
        {
            int length = Server.ProcessFrame(frame, 0, count, _response, 0);
            return TestConsole.Slice(_response, 0, length);
        }

        public TestConsole Connect(int seed) => Connect(seed, DeviceKey);

        /// <summary>Hello + confirm; asserts the session is bound.</summary>
        public TestConsole Connect(int seed, byte[] key)
        {
            TestConsole console = new TestConsole(key, seed);
            byte[] challenge = Send(console.Hello());
            Assert.IsTrue(console.AcceptChallenge(challenge), "challenge refused");
            console.OpenResponse(Send(console.Frame(LinkMessageType.SessionConfirm)));
            Assert.AreEqual((int)LinkMessageType.SessionConfirm, (int)console.LastRequest);
            Assert.AreEqual((int)CommandResult.Ok, (int)console.LastResult);
            Assert.IsTrue(Server.IsSessionBound, "session not bound");
            return console;
        }
    }
}
