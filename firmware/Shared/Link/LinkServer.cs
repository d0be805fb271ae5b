using System;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Crypto;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Hal.Clock;
using ChamberFirmware.Core.Wire;

namespace ChamberFirmware.Core.Link
{
    /// <summary>
    /// The device end of the console link. Transports hand it whole frames (one BLE write, one
    /// length-prefixed TCP record); it checks framing, tag, session and sequence, dispatches only
    /// authenticated frames to IChamberControl / IProvisioningTarget, and writes at most one
    /// response frame into a caller buffer. Rejected frames change no session state, are counted
    /// per LinkRejectReason and spend the flood budget. Allocation-free except Arm, SetSettings
    /// and provisioning, which hand new objects to their owners (not periodic).
    /// Thread-safe: BLE callbacks and the telemetry timer may call in from different threads.
    /// Rules and layouts: docs/protocol.md.
    /// </summary>
    public sealed class LinkServer
    {
        /// <summary>Rejected/unauthenticated frames tolerated in a burst.</summary>
        public const int DefaultRejectBurst = 20;

        /// <summary>Rejected/unauthenticated frames tolerated per second, sustained.</summary>
        public const int DefaultRejectPerSecond = 10;

        private const int MaxKeyScratch = 64;

        private readonly object _sync = new object();
        private readonly IChamberControl _control;
        private readonly IProvisioningTarget _provisioning;
        private readonly ILinkKeySource _keySource;
        private readonly IProvisioningJumper _jumper;
        private readonly INonceSource _nonces;
        private readonly IMonotonicClock _clock;
        private readonly LinkRateLimiter _limiter;
        private readonly HmacSha256 _deviceKeyMac = new HmacSha256();
        private readonly byte[] _keyScratch = new byte[MaxKeyScratch];
        private readonly byte[] _deviceNonce = new byte[LinkProtocol.NonceSize];
        private readonly char[] _identityChars = new char[LinkProtocol.MaxIdentityLength];
        private readonly ChamberStatus _status = new ChamberStatus();
        private readonly int[] _rejectCounts = new int[(int)LinkRejectReason.Count];
        private readonly LinkDeviceInfo _deviceInfo = new LinkDeviceInfo();
        private ILinkDeviceInfo _deviceInfoSource;
        private IThreadScheduler _scheduler;
        private LinkSession _bound = new LinkSession();
        private LinkSession _pending = new LinkSession();
        private bool _hasKey;

        // Factory provisioning: a key held in RAM only (never stored) that opens one session in which
        // identity, key and settings are staged and committed together. Dropped with the transport.
        private bool _hasProvisionalKey;
        private bool _pendingProvisional;
        private bool _boundProvisional;
        private bool _provisioningOpen;

        // A factory commit spends the fitted jumper: FactoryProvision stays refused (should the board
        // ever be back in factory state, e.g. a corrupt store) until the jumper is seen pulled.
        private bool _factoryJumperSpent;
        private int _acceptedFrames;
        private LinkRejectReason _lastReject;

        public LinkServer(IChamberControl control, IProvisioningTarget provisioning, ILinkKeySource keySource, IProvisioningJumper jumper, INonceSource nonces, IMonotonicClock clock)
            : this(control, provisioning, keySource, jumper, nonces, clock, DefaultRejectBurst, DefaultRejectPerSecond)
        {
        }

        public LinkServer(IChamberControl control, IProvisioningTarget provisioning, ILinkKeySource keySource, IProvisioningJumper jumper, INonceSource nonces, IMonotonicClock clock, int rejectBurst, int rejectPerSecond)
        {
            if (control == null || provisioning == null || keySource == null || jumper == null || nonces == null || clock == null)
            {
                throw new ArgumentNullException();
            }

            _control = control;
            _provisioning = provisioning;
            _keySource = keySource;
            _jumper = jumper;
            _nonces = nonces;
            _clock = clock;
            _limiter = new LinkRateLimiter(rejectBurst, rejectPerSecond);
            ReloadDeviceKey();
        }

        /// <summary>Rejected frames per LinkRejectReason (index = reason value). Read-only for diagnostics.</summary>
        public int[] RejectCounts => _rejectCounts;

        public int AcceptedFrameCount => _acceptedFrames;

        /// <summary>Why the last processed frame was rejected (None if it was taken).</summary>
        public LinkRejectReason LastRejectReason => _lastReject;

        public bool IsSessionBound => _bound.IsEstablished;

        public bool HasDeviceKey => _hasKey;

        /// <summary>True while a factory provisional key (RAM only, not committed) is installed.</summary>
        public bool HasProvisionalKey => _hasProvisionalKey;

        /// <summary>
        /// Where GetIdentity reads identity, firmware version and stored settings (the runtime
        /// attaches its configuration store). Without one GetIdentity answers UnknownCommand.
        /// </summary>
        public void AttachDeviceInfo(ILinkDeviceInfo source)
        {
            lock (_sync)
            {
                _deviceInfoSource = source;
            }
        }

        /// <summary>
        /// Lets the link's long work give way on the device: every managed HMAC of the link (the
        /// device key's and both sessions') yields after each SHA-256 compression, and the server
        /// after a configuration commit, so no stretch of one frame's work holds the interpreter
        /// longer than one compression or one commit step (docs/safety.md, "The supervisor is never
        /// starved"). Call it from the thread that will process frames, before the first frame;
        /// without it (the host) nothing yields.
        /// </summary>
        public void AttachScheduler(IThreadScheduler scheduler)
        {
            lock (_sync)
            {
                _scheduler = scheduler;
                _deviceKeyMac.AttachScheduler(scheduler);
                _bound.AttachScheduler(scheduler);
                _pending.AttachScheduler(scheduler);
            }
        }

        /// <summary>SHA-256 compressions spent verifying and sealing in the bound session (cost measure).</summary>
        public long BoundSessionCompressions => _bound.CompressionCount;

        /// <summary>SHA-256 compressions spent by every MAC of the link: the device key's and both sessions' (cost measure).</summary>
        public long CompressionCount => _deviceKeyMac.CompressionCount + _bound.CompressionCount + _pending.CompressionCount;

        public int GetRejectCount(LinkRejectReason reason)
        {
            int index = (int)reason;
            return index >= 0 && index < _rejectCounts.Length ? _rejectCounts[index] : 0;
        }

        /// <summary>Re-reads the committed link key (called at start and after every commit).</summary>
        public void ReloadDeviceKey()
        {
            lock (_sync)
            {
                int length = _keySource.CopyLinkKey(_keyScratch, 0);
                _hasProvisionalKey = false;
                _hasKey = length == LinkProtocol.DeviceKeySize && _deviceKeyMac.SetKey(_keyScratch, 0, length);
                if (!_hasKey)
                {
                    _deviceKeyMac.ClearKey();
                }

                Array.Clear(_keyScratch, 0, _keyScratch.Length);
            }
        }

        /// <summary>
        /// Processes one received frame. Returns the length of the response written at
        /// response[responseOffset] (0 = nothing to send). The response buffer must hold
        /// LinkProtocol.MaxFrameSize bytes from responseOffset. Never throws on any frame content.
        /// </summary>
        public int ProcessFrame(byte[] frame, int offset, int count, byte[] response, int responseOffset)
        {
            lock (_sync)
            {
                _lastReject = LinkRejectReason.None;
                if (!LinkFrame.Fits(response, responseOffset, LinkProtocol.MaxPayloadSize))
                {
                    return Count(LinkRejectReason.ResponseBufferTooSmall);
                }

                long now = _clock.NowMicroseconds;
                if (!_limiter.HasToken(now))
                {
                    return Count(LinkRejectReason.RateLimited);
                }

                LinkRejectReason reason = LinkFrame.ParseHeader(frame, offset, count, out byte type, out uint sequence, out int payloadLength);
                if (reason != LinkRejectReason.None)
                {
                    return Reject(reason);
                }

                if (type >= (byte)LinkMessageType.Response)
                {
                    return Reject(LinkRejectReason.WrongDirection);
                }

                switch ((LinkMessageType)type)
                {
                    case LinkMessageType.Hello:
                        return HandleHello(frame, offset, payloadLength, response, responseOffset);
                    case LinkMessageType.FactoryProvision:
                        return HandleFactoryProvision(frame, offset, payloadLength, response, responseOffset);
                    case LinkMessageType.SessionConfirm:
                        return HandleConfirm(frame, offset, payloadLength, sequence, response, responseOffset);
                    default:
                        return HandleAuthenticated(type, frame, offset, payloadLength, sequence, response, responseOffset);
                }
            }
        }

        /// <summary>The transport dropped: the session ends and, if one was bound, the chamber sees link loss at once.</summary>
        public void OnTransportClosed()
        {
            lock (_sync)
            {
                AbortOpenProvisioning();
                _pending.Clear();
                _pendingProvisional = false;
                _boundProvisional = false;
                if (_hasProvisionalKey)
                {
                    // An uncommitted factory key dies with its link: the board stays in factory state.
                    DropProvisionalKey();
                }

                if (_bound.IsEstablished)
                {
                    _bound.Clear();
                    _control.OnLinkDown(_clock.NowMicroseconds);
                }
            }
        }

        /// <summary>
        /// Writes an authenticated Telemetry frame (ChamberStatus) for the bound console. Returns its
        /// length, or 0 when no session is bound. Call periodically (e.g. 5 Hz); allocation-free.
        /// </summary>
        public int BuildTelemetryFrame(byte[] buffer, int offset)
        {
            lock (_sync)
            {
                if (_factoryJumperSpent && !_jumper.IsFitted)
                {
                    // The periodic link step sees the jumper pulled: it counts as fitted anew next time.
                    _factoryJumperSpent = false;
                }

                if (!_bound.IsEstablished || !LinkFrame.Fits(buffer, offset, LinkPayloads.StatusSize))
                {
                    return 0;
                }

                _control.FillStatus(_status);
                LinkPayloads.WriteStatus(_status, buffer, offset + LinkProtocol.HeaderSize);
                return _bound.Seal((byte)LinkMessageType.Telemetry, buffer, offset, LinkPayloads.StatusSize);
            }
        }

        private int HandleHello(byte[] frame, int offset, int payloadLength, byte[] response, int responseOffset)
        {
            // Unauthenticated work: always paid from the flood budget.
            _limiter.Spend();
            if (payloadLength != LinkProtocol.NonceSize)
            {
                return Count(LinkRejectReason.BadPayload);
            }

            bool provisional = !_hasKey && _hasProvisionalKey && _jumper.IsFitted;
            if (!_hasKey && !provisional)
            {
                Count(LinkRejectReason.NotProvisioned);
                return WriteNotice(LinkMessageType.Hello, CommandResult.NotProvisioned, response, responseOffset);
            }

            _pendingProvisional = provisional;

            // Only the pending handshake changes; the bound session stays until a confirm proves the key.
            _nonces.Fill(_deviceNonce, 0, LinkProtocol.NonceSize);
            int consoleNonceOffset = offset + LinkProtocol.OffsetPayload;
            _pending.Establish(_deviceKeyMac, _deviceNonce, 0, frame, consoleNonceOffset, true);
            int payload = responseOffset + LinkProtocol.OffsetPayload;
            Array.Copy(_deviceNonce, 0, response, payload, LinkProtocol.NonceSize);
            Array.Copy(frame, consoleNonceOffset, response, payload + LinkProtocol.NonceSize, LinkProtocol.NonceSize);
            _acceptedFrames++;
            return _pending.Seal((byte)LinkMessageType.HelloChallenge, response, responseOffset, LinkPayloads.ChallengeSize);
        }

        private int HandleConfirm(byte[] frame, int offset, int payloadLength, uint sequence, byte[] response, int responseOffset)
        {
            LinkRejectReason reason = _pending.Verify(frame, offset, payloadLength, sequence);
            if (reason != LinkRejectReason.None)
            {
                return Reject(reason);
            }

            _pending.Accept(sequence);
            _acceptedFrames++;
            if (payloadLength != 0)
            {
                return Respond(_pending, LinkMessageType.SessionConfirm, sequence, CommandResult.Malformed, 0, 0, response, responseOffset);
            }

            _control.FillStatus(_status);
            if (_bound.IsEstablished && _status.State == ChamberState.Active)
            {
                // Rebinding rule: an Active treatment belongs to its console. The newcomer is told
                // (authenticated under its own keys) and its handshake is dropped.
                int length = Respond(_pending, LinkMessageType.SessionConfirm, sequence, CommandResult.InvalidState, 0, 0, response, responseOffset);
                _pending.Clear();
                return length;
            }

            AbortOpenProvisioning();
            LinkSession previous = _bound;
            _bound = _pending;
            _pending = previous;
            _pending.Clear();
            _boundProvisional = _pendingProvisional;
            _pendingProvisional = false;
            LinkPayloads.WriteStatus(_status, response, responseOffset + LinkProtocol.OffsetPayload + LinkPayloads.ResponseHeaderSize);
            return Respond(_bound, LinkMessageType.SessionConfirm, sequence, CommandResult.Ok, 0, LinkPayloads.StatusSize, response, responseOffset);
        }

        private int HandleAuthenticated(byte type, byte[] frame, int offset, int payloadLength, uint sequence, byte[] response, int responseOffset)
        {
            LinkRejectReason reason = _bound.Verify(frame, offset, payloadLength, sequence);
            if (reason != LinkRejectReason.None)
            {
                return Reject(reason);
            }

            _bound.Accept(sequence);
            _acceptedFrames++;

            // The verification yielded to other threads: act at the time it ended, so a clear or an
            // arm judges sensor, loop and link ages as they are now, not as they were on arrival.
            long now = _clock.NowMicroseconds;
            int payload = offset + LinkProtocol.OffsetPayload;
            LinkMessageType message = (LinkMessageType)type;
            CommandResult result;
            int detail = 0;
            if (_boundProvisional && !IsAllowedInFactorySession(message))
            {
                // A session opened with the factory key provisions and reads status; it never actuates.
                return Respond(_bound, message, sequence, CommandResult.NotProvisioned, 0, 0, response, responseOffset);
            }

            switch (message)
            {
                case LinkMessageType.Heartbeat:
                    if (payloadLength != 0)
                    {
                        return Respond(_bound, message, sequence, CommandResult.Malformed, 0, 0, response, responseOffset);
                    }

                    // The supervisor's link-loss timer; no response (20 Hz, kept cheap).
                    _control.OnHeartbeat(now);
                    return 0;

                case LinkMessageType.GetStatus:
                    if (payloadLength != 0)
                    {
                        break;
                    }

                    _control.FillStatus(_status);
                    LinkPayloads.WriteStatus(_status, response, responseOffset + LinkProtocol.OffsetPayload + LinkPayloads.ResponseHeaderSize);
                    return Respond(_bound, message, sequence, CommandResult.Ok, 0, LinkPayloads.StatusSize, response, responseOffset);

                case LinkMessageType.GetIdentity:
                    if (payloadLength != 0)
                    {
                        break;
                    }

                    if (_deviceInfoSource == null)
                    {
                        return Respond(_bound, message, sequence, CommandResult.UnknownCommand, 0, 0, response, responseOffset);
                    }

                    _deviceInfoSource.FillDeviceInfo(_deviceInfo);
                    int infoLength = LinkPayloads.WriteDeviceInfo(_deviceInfo, response, responseOffset + LinkProtocol.OffsetPayload + LinkPayloads.ResponseHeaderSize);
                    return Respond(_bound, message, sequence, CommandResult.Ok, 0, infoLength, response, responseOffset);

                case LinkMessageType.Arm:
                    if (payloadLength != LinkPayloads.ProfileSize)
                    {
                        break;
                    }

                    // A new object: the treatment controller may keep the profile it accepted.
                    TreatmentProfile profile = new TreatmentProfile();
                    LinkPayloads.ReadProfile(frame, payload, profile);
                    result = _control.Arm(profile, now, out ProfileField profileField);
                    return Respond(_bound, message, sequence, result, (int)profileField, 0, response, responseOffset);

                case LinkMessageType.Start:
                    if (payloadLength != 0)
                    {
                        break;
                    }

                    return Respond(_bound, message, sequence, _control.Start(now), 0, 0, response, responseOffset);

                case LinkMessageType.Stop:
                    if (payloadLength != 0)
                    {
                        break;
                    }

                    return Respond(_bound, message, sequence, _control.Stop(now), 0, 0, response, responseOffset);

                case LinkMessageType.ClearFault:
                    if (payloadLength != 0)
                    {
                        break;
                    }

                    result = _control.ClearFault(now, out CutReasons stillPresent);
                    return Respond(_bound, message, sequence, result, (int)stillPresent, 0, response, responseOffset);

                case LinkMessageType.SetSettings:
                    if (payloadLength != LinkPayloads.SettingsSize)
                    {
                        break;
                    }

                    ChamberSettings settings = new ChamberSettings();
                    LinkPayloads.ReadSettings(frame, payload, settings);
                    result = _control.ApplySettings(settings, out SettingsField settingsField);
                    return Respond(_bound, message, sequence, result, (int)settingsField, 0, response, responseOffset);

                case LinkMessageType.ProvisionBegin:
                case LinkMessageType.ProvisionIdentity:
                case LinkMessageType.ProvisionLinkKey:
                case LinkMessageType.ProvisionSettings:
                case LinkMessageType.ProvisionCommit:
                case LinkMessageType.ProvisionAbort:
                    result = HandleProvisioning(message, frame, payload, payloadLength, out detail);
                    return Respond(_bound, message, sequence, result, detail, 0, response, responseOffset);

                default:
                    return Respond(_bound, message, sequence, CommandResult.UnknownCommand, 0, 0, response, responseOffset);
            }

            // Authenticated but the payload does not match the catalogue.
            return Respond(_bound, message, sequence, CommandResult.Malformed, 0, 0, response, responseOffset);
        }

        private CommandResult HandleProvisioning(LinkMessageType message, byte[] frame, int payload, int payloadLength, out int detail)
        {
            detail = 0;
            if (_boundProvisional && !_jumper.IsFitted)
            {
                // Physical presence for the whole factory transaction, not just its first frame.
                AbortOpenProvisioning();
                return CommandResult.ProvisioningRefused;
            }

            if (message == LinkMessageType.ProvisionAbort)
            {
                AbortOpenProvisioning();
                return CommandResult.Ok;
            }

            // Every step, the commit included, only while Idle: a transaction begun in Idle must not
            // rotate the key or settings after an Arm or Start (the transaction is dropped).
            _control.FillStatus(_status);
            if (_status.State != ChamberState.Idle)
            {
                AbortOpenProvisioning();
                return CommandResult.InvalidState;
            }

            if (message == LinkMessageType.ProvisionBegin)
            {
                if (payloadLength != 0)
                {
                    return CommandResult.Malformed;
                }

                AbortOpenProvisioning();
                CommandResult begun = _provisioning.Begin();
                _provisioningOpen = begun == CommandResult.Ok;
                return begun;
            }

            if (!_provisioningOpen)
            {
                return CommandResult.InvalidState;
            }

            switch (message)
            {
                case LinkMessageType.ProvisionIdentity:
                    return StageIdentity(frame, payload, payloadLength);

                case LinkMessageType.ProvisionLinkKey:
                    if (payloadLength != LinkProtocol.DeviceKeySize)
                    {
                        return CommandResult.Malformed;
                    }

                    return _provisioning.StageLinkKey(frame, payload, payloadLength);

                case LinkMessageType.ProvisionSettings:
                    if (payloadLength != LinkPayloads.SettingsSize)
                    {
                        return CommandResult.Malformed;
                    }

                    ChamberSettings settings = new ChamberSettings();
                    LinkPayloads.ReadSettings(frame, payload, settings);
                    CommandResult staged = _provisioning.StageSettings(settings, out SettingsField field);
                    detail = (int)field;
                    return staged;

                default:
                    if (payloadLength != 0)
                    {
                        return CommandResult.Malformed;
                    }

                    _provisioningOpen = false;
                    CommandResult committed = _provisioning.Commit();
                    YieldAfterLongStep();
                    if (committed == CommandResult.Ok)
                    {
                        _factoryJumperSpent |= _boundProvisional;

                        // A new key serves the next Hello; this session keeps its derived keys.
                        ReloadDeviceKey();
                    }
                    else
                    {
                        _provisioning.Abort();
                    }

                    return committed;
            }
        }

        private CommandResult StageIdentity(byte[] frame, int payload, int payloadLength)
        {
            // serial length(1) serial(n) revision length(1) revision(m), printable ASCII.
            if (payloadLength < 4)
            {
                return CommandResult.Malformed;
            }

            int serialLength = frame[payload];
            if (!IsIdentityField(frame, payload + 1, serialLength, payloadLength - 1))
            {
                return CommandResult.Malformed;
            }

            int revisionAt = 1 + serialLength;
            if (revisionAt >= payloadLength)
            {
                return CommandResult.Malformed;
            }

            int revisionLength = frame[payload + revisionAt];
            if (revisionAt + 1 + revisionLength != payloadLength
                || !IsIdentityField(frame, payload + revisionAt + 1, revisionLength, revisionLength))
            {
                return CommandResult.Malformed;
            }

            string serial = ToAscii(frame, payload + 1, serialLength);
            string revision = ToAscii(frame, payload + revisionAt + 1, revisionLength);
            return _provisioning.StageIdentity(serial, revision);
        }

        private static bool IsIdentityField(byte[] frame, int start, int length, int available)
        {
            if (length < 1 || length > LinkProtocol.MaxIdentityLength || length > available)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                byte b = frame[start + i];
                if (b < 0x20 || b > 0x7E)
                {
                    return false;
                }
            }

            return true;
        }

        private string ToAscii(byte[] frame, int start, int length)
        {
            for (int i = 0; i < length; i++)
            {
                _identityChars[i] = (char)frame[start + i];
            }

            return new string(_identityChars, 0, length);
        }

        private int HandleFactoryProvision(byte[] frame, int offset, int payloadLength, byte[] response, int responseOffset)
        {
            _limiter.Spend();

            // The one unauthenticated path that touches keys: a provisional key held in RAM only, on
            // a board that has no key, with physical presence (docs/protocol.md, threat model). It
            // opens one session in which identity, key and settings are staged and committed as
            // one record; until that commit nothing is stored, and a lost link forgets the key.
            bool fitted = _jumper.IsFitted;
            if (!fitted)
            {
                _factoryJumperSpent = false;
            }

            if (!_provisioning.IsFactoryState || _hasKey || _bound.IsEstablished || !fitted || _factoryJumperSpent)
            {
                Count(LinkRejectReason.ProvisioningRefused);
                return WriteNotice(LinkMessageType.FactoryProvision, CommandResult.ProvisioningRefused, response, responseOffset);
            }

            if (payloadLength != LinkProtocol.DeviceKeySize || IsAllZero(frame, offset + LinkProtocol.OffsetPayload, payloadLength))
            {
                Count(LinkRejectReason.BadPayload);
                return WriteNotice(LinkMessageType.FactoryProvision, CommandResult.Malformed, response, responseOffset);
            }

            _pending.Clear();
            _pendingProvisional = false;
            _hasProvisionalKey = _deviceKeyMac.SetKey(frame, offset + LinkProtocol.OffsetPayload, payloadLength);
            if (!_hasProvisionalKey)
            {
                _deviceKeyMac.ClearKey();
                return WriteNotice(LinkMessageType.FactoryProvision, CommandResult.Malformed, response, responseOffset);
            }

            _acceptedFrames++;
            return WriteNotice(LinkMessageType.FactoryProvision, CommandResult.Ok, response, responseOffset);
        }

        private void DropProvisionalKey()
        {
            _hasProvisionalKey = false;
            if (!_hasKey)
            {
                _deviceKeyMac.ClearKey();
            }
        }

        private static bool IsAllZero(byte[] frame, int start, int length)
        {
            int any = 0;
            for (int i = 0; i < length; i++)
            {
                any |= frame[start + i];
            }

            return any == 0;
        }

        private static bool IsAllowedInFactorySession(LinkMessageType message)
        {
            switch (message)
            {
                case LinkMessageType.Heartbeat:
                case LinkMessageType.GetStatus:
                case LinkMessageType.GetIdentity:
                case LinkMessageType.ProvisionBegin:
                case LinkMessageType.ProvisionIdentity:
                case LinkMessageType.ProvisionLinkKey:
                case LinkMessageType.ProvisionSettings:
                case LinkMessageType.ProvisionCommit:
                case LinkMessageType.ProvisionAbort:
                    return true;
                default:
                    return false;
            }
        }

        private void YieldAfterLongStep()
        {
            if (_scheduler != null)
            {
                _scheduler.Yield();
            }
        }

        private void AbortOpenProvisioning()
        {
            if (_provisioningOpen)
            {
                _provisioningOpen = false;
                _provisioning.Abort();
            }
        }

        private static int Respond(LinkSession session, LinkMessageType request, uint requestSequence, CommandResult result, int detail, int extraLength, byte[] response, int responseOffset)
        {
            int payload = responseOffset + LinkProtocol.OffsetPayload;
            response[payload] = (byte)request;
            LittleEndian.WriteUInt32(response, payload + 1, requestSequence);
            response[payload + 5] = (byte)result;
            LittleEndian.WriteUInt16(response, payload + 6, detail);
            return session.Seal((byte)LinkMessageType.Response, response, responseOffset, LinkPayloads.ResponseHeaderSize + extraLength);
        }

        private static int WriteNotice(LinkMessageType request, CommandResult result, byte[] response, int responseOffset)
        {
            int payload = responseOffset + LinkProtocol.OffsetPayload;
            response[payload] = (byte)request;
            response[payload + 1] = (byte)result;
            return LinkFrame.WriteUnauthenticated(response, responseOffset, (byte)LinkMessageType.Notice, LinkPayloads.NoticeSize);
        }

        private int Reject(LinkRejectReason reason)
        {
            _limiter.Spend();
            return Count(reason);
        }

        private int Count(LinkRejectReason reason)
        {
            _lastReject = reason;
            _rejectCounts[(int)reason]++;
            return 0;
        }
    }
}
