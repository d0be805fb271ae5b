using System;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Runtime;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Differential;
using ChamberFirmware.Hal.Clock;

namespace ChamberFirmware.Starvation
{
    /// <summary>
    /// The console and the BLE stack in one thread: keeps the device's inbox full (so the link
    /// thread takes its maximum, one frame every LinkPump.PeriodsPerFrame periods, all of them valid),
    /// mostly heartbeats with a GetStatus every 8th frame, and on a schedule: a handshake every
    /// second (while Idle it rebinds; while Active the device refuses the confirm, after doing the
    /// same key derivation), one provisioning transaction while Idle (begin, identity, new key,
    /// settings, commit), then arm and start, and Active to the end. Its own work (sealing frames,
    /// the console side of each handshake) runs at nanoCLR's x86 speed, not stretched: a console is
    /// not the ESP32, and it is a few percent of the device's work.
    /// </summary>
    public sealed class ConsoleStandIn
    {
        public const long RunMicroseconds = 6_500_000;
        public const long HandshakeEveryMicroseconds = 1_000_000;
        public const long ProvisionAtMicroseconds = 1_000_000;
        public const long ArmAtMicroseconds = 2_500_000;
        private const long AwaitMicroseconds = 2_000_000;
        private const int Waiting = 2;

        private readonly ChamberRuntime _runtime;
        private readonly LinkInbox _inbox;
        private readonly ConsoleMailbox _mailbox;
        private readonly IMonotonicClock _clock;
        private readonly IThreadScheduler _sleeper;
        private readonly byte[] _key = new byte[LinkProtocol.DeviceKeySize];
        private readonly byte[] _nextKey = new byte[LinkProtocol.DeviceKeySize];
        private readonly byte[] _payload = new byte[LinkProtocol.MaxPayloadSize];
        private readonly byte[] _received = new byte[LinkProtocol.MaxFrameSize];
        private ScenarioConsole _console;
        private int _seed = 1000;
        private int _sinceStatus;
        private bool _provisioned;
        private bool _armed;

        public ConsoleStandIn(ChamberRuntime runtime, LinkInbox inbox, ConsoleMailbox mailbox, IMonotonicClock clock, IThreadScheduler sleeper, ScenarioConsole bound, byte[] key)
        {
            _sleeper = sleeper;
            _runtime = runtime;
            _inbox = inbox;
            _mailbox = mailbox;
            _clock = clock;
            _console = bound;
            Array.Copy(key, _key, _key.Length);
            for (int i = 0; i < _nextKey.Length; i++)
            {
                _nextKey[i] = (byte)(0x3C ^ (i * 11));
            }
        }

        public int Posted { get; private set; }

        public int Heartbeats { get; private set; }

        public int Statuses { get; private set; }

        public int Handshakes { get; private set; }

        public int HandshakesRebound { get; private set; }

        public int HandshakesRefusedActive { get; private set; }

        public int ProvisioningSteps { get; private set; }

        public int CommitResult { get; private set; } = -1;

        public int ArmResult { get; private set; } = -1;

        public int StartResult { get; private set; } = -1;

        public long ActiveFromMicroseconds { get; private set; } = -1;

        public int Unexpected { get; private set; }

        /// <summary>What the first unexpected answer was ("request:result"), for the report.</summary>
        public string FirstUnexpected { get; private set; } = "none";

        private void NoteUnexpected(string what, int result)
        {
            if (Unexpected == 0)
            {
                FirstUnexpected = what + ":" + result.ToString();
            }

            Unexpected++;
        }

        /// <summary>The scenario, from <paramref name="originMicroseconds"/> to <paramref name="endMicroseconds"/>.</summary>
        public void Run(long originMicroseconds, long endMicroseconds)
        {
            long end = endMicroseconds;
            long nextHandshake = _clock.NowMicroseconds + HandshakeEveryMicroseconds;
            while (_clock.NowMicroseconds < end)
            {
                Activity.Current = Activity.Console;
                TopUp();
                long now = _clock.NowMicroseconds;
                if (!_provisioned && now >= originMicroseconds + ProvisionAtMicroseconds)
                {
                    _provisioned = true;
                    Provision();
                }
                else if (!_armed && now >= originMicroseconds + ArmAtMicroseconds)
                {
                    _armed = true;
                    ArmAndStart(originMicroseconds);
                }
                else if (now >= nextHandshake)
                {
                    // Every second, or as soon as the link catches up: never a backlog of handshakes.
                    nextHandshake = now + HandshakeEveryMicroseconds;
                    Handshake();
                }

                _sleeper.Sleep(1);
                Activity.Current = Activity.Console;
            }
        }

        /// <summary>
        /// Keeps two frames waiting (heartbeats, every 8th a GetStatus, of the bound session): the
        /// link thread always finds its next frame, and a command waits behind at most two.
        /// </summary>
        private void TopUp()
        {
            while (_inbox.Count < Waiting)
            {
                if (++_sinceStatus >= 8)
                {
                    _sinceStatus = 0;
                    Post(_console, LinkMessageType.GetStatus, 0);
                    Statuses++;
                }
                else
                {
                    Post(_console, LinkMessageType.Heartbeat, 0);
                    Heartbeats++;
                }
            }
        }

        private void Post(ScenarioConsole console, LinkMessageType type, int payloadLength)
        {
            int length;
            byte[] frame = console.Frame(type, _payload, payloadLength, out length);
            PostFrame(frame, length);
        }

        private void PostFrame(byte[] frame, int length)
        {
            while (!_inbox.TryPost(frame, 0, length))
            {
                // Full: the BLE stack holds the write until the link thread made room.
                _inbox.TakeDropped();
                _sleeper.Sleep(1);
                Activity.Current = Activity.Console;
            }

            Posted++;
        }

        private void Handshake()
        {
            ScenarioConsole next = new ScenarioConsole(_key, _seed++);
            int length;
            byte[] hello = next.Hello(out length);
            PostFrame(hello, length);
            if (!AwaitChallenge(next))
            {
                NoteUnexpected("hello", -1);
                return;
            }

            Post(next, LinkMessageType.SessionConfirm, 0);

            // No more frames of the old session until the confirm is answered: after a rebind they would be forged.
            int result = Await(LinkMessageType.SessionConfirm, next, false);
            Handshakes++;
            if (result == (int)CommandResult.Ok)
            {
                HandshakesRebound++;
                _console = next;
            }
            else if (result == (int)CommandResult.InvalidState)
            {
                HandshakesRefusedActive++;
            }
            else
            {
                NoteUnexpected("confirm", result);
            }
        }

        private void Provision()
        {
            Command(LinkMessageType.ProvisionBegin, 0);
            // A provisioned controller keeps the identity it was recorded with (ProvisioningService).
            byte[] identity = { 9, (byte)'C', (byte)'H', (byte)'-', (byte)'S', (byte)'T', (byte)'A', (byte)'R', (byte)'V', (byte)'E', 2, (byte)'B', (byte)'2' };
            Array.Copy(identity, _payload, identity.Length);
            Command(LinkMessageType.ProvisionIdentity, identity.Length);
            Array.Copy(_nextKey, _payload, _nextKey.Length);
            Command(LinkMessageType.ProvisionLinkKey, _nextKey.Length);
            LinkPayloads.WriteSettings(new ChamberSettings(), _payload, 0);
            Command(LinkMessageType.ProvisionSettings, LinkPayloads.SettingsSize);
            CommitResult = Command(LinkMessageType.ProvisionCommit, 0);
            if (CommitResult == (int)CommandResult.Ok)
            {
                // The bound session keeps its keys; the next handshake needs the new key.
                Array.Copy(_nextKey, _key, _key.Length);
            }
        }

        private int Command(LinkMessageType type, int payloadLength)
        {
            Post(_console, type, payloadLength);
            int result = Await(type, _console, true);
            if (result != (int)CommandResult.Ok)
            {
                NoteUnexpected(((int)type).ToString(), result);
            }

            ProvisioningSteps++;
            return result;
        }

        private void ArmAndStart(long originMicroseconds)
        {
            TreatmentProfile profile = new TreatmentProfile
            {
                TargetCount = 3_000,
                CountLimit = 12_000,
                GrowthLimitPermillePerSecond = 400,
                DurationMilliseconds = 60_000,
                RampChannelsPerSecond = 8,
                MaxActiveChannels = 8,
            };
            LinkPayloads.WriteProfile(profile, _payload, 0);
            Post(_console, LinkMessageType.Arm, LinkPayloads.ProfileSize);
            ArmResult = Await(LinkMessageType.Arm, _console, true);
            long deadline = _clock.NowMicroseconds + AwaitMicroseconds;
            while (_runtime.Controller.IsArming && _clock.NowMicroseconds < deadline)
            {
                TopUp();
                _sleeper.Sleep(1);
                Activity.Current = Activity.Console;
            }

            Post(_console, LinkMessageType.Start, 0);
            StartResult = Await(LinkMessageType.Start, _console, true);
            if (_runtime.Controller.State == ChamberState.Active)
            {
                ActiveFromMicroseconds = _clock.NowMicroseconds - originMicroseconds;
            }
        }

        private bool AwaitChallenge(ScenarioConsole next)
        {
            long deadline = _clock.NowMicroseconds + AwaitMicroseconds;
            while (_clock.NowMicroseconds < deadline)
            {
                TopUp();
                int length;
                while ((length = _mailbox.Take(_received)) > 0)
                {
                    if (_received[LinkProtocol.OffsetType] == (byte)LinkMessageType.HelloChallenge)
                    {
                        return next.AcceptChallenge(_received, length);
                    }
                }

                _sleeper.Sleep(1);
                Activity.Current = Activity.Console;
            }

            return false;
        }

        /// <summary>The result byte of the response to <paramref name="request"/>, opened in <paramref name="session"/>'s keys; -1 when none came.</summary>
        private int Await(LinkMessageType request, ScenarioConsole session, bool topUp)
        {
            long deadline = _clock.NowMicroseconds + AwaitMicroseconds;
            while (_clock.NowMicroseconds < deadline)
            {
                if (topUp)
                {
                    TopUp();
                }

                int length;
                while ((length = _mailbox.Take(_received)) > 0)
                {
                    if (_received[LinkProtocol.OffsetType] == (byte)LinkMessageType.Response
                        && _received[LinkProtocol.OffsetPayload] == (byte)request)
                    {
                        return session.OpenResult(_received, length);
                    }
                }

                _sleeper.Sleep(1);
                Activity.Current = Activity.Console;
            }

            return -1;
        }
    }
}
