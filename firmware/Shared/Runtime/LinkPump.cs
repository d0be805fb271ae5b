using ChamberFirmware.Core.Link;
using ChamberFirmware.Hal.Clock;

namespace ChamberFirmware.Core.Runtime
{
    /// <summary>
    /// The link thread's period (docs/architecture.md, "Runtime"): the link channel's watchdog
    /// check-in; a transport close the inbox noted; the frames the transport posted to the inbox,
    /// one every <see cref="PeriodsPerFrame"/> periods at most, each response sent; the
    /// authenticated telemetry every <see cref="TelemetryEveryPeriods"/> periods. Frame work and the
    /// close run here, on the Normal-priority link thread, in the order the transport reported them,
    /// never on the transport's callback (on nanoCLR that is the interrupt thread, above the
    /// supervisor), and it gives way: the link server yields after every SHA-256 compression and the
    /// pump after every frame, so the supervisor waits for at most one such stretch, not for a 20 ms
    /// quantum (docs/safety.md, "The supervisor is never starved"). Frames over the inbox's capacity
    /// are dropped and counted as RateLimited rejects.
    /// </summary>
    public sealed class LinkPump : IPeriodicWork
    {
        /// <summary>The link thread's period.</summary>
        public const int PeriodMilliseconds = 20;

        /// <summary>
        /// A frame every this many periods at most: the link's maximum accepted rate is
        /// <see cref="MaxFramesPerSecond"/> (the console heartbeats at 20 Hz, which leaves 5 a second
        /// for commands). On the ESP32 estimate a heartbeat costs about 8 ms and a status response
        /// more: at 50 a second the link alone would want about half the CPU, which the supervisor,
        /// the control loop and the telemetry do not leave, and the link thread would fall behind.
        /// </summary>
        public const int PeriodsPerFrame = 2;

        /// <summary>The link's maximum accepted rate: 25 frames/s.</summary>
        public const int MaxFramesPerSecond = 1000 / (PeriodMilliseconds * PeriodsPerFrame);

        /// <summary>Telemetry every 100 ms, RuntimeTiming.TelemetryPeriodMilliseconds.</summary>
        public const int TelemetryEveryPeriods = RuntimeTiming.TelemetryPeriodMilliseconds / PeriodMilliseconds;

        /// <summary>Frames the inbox holds: the last of a burst of 8 waits 16 periods (320 ms), so a console sends its next command after the answer, not in a burst.</summary>
        public const int InboxCapacity = 8;

        private readonly ChamberRuntime _runtime;
        private readonly LinkInbox _inbox;
        private readonly ILinkOutput _output;
        private readonly IThreadScheduler _scheduler;
        private readonly byte[] _frame = new byte[LinkProtocol.MaxFrameSize + 1];
        private readonly byte[] _response = new byte[LinkProtocol.MaxFrameSize];
        private readonly byte[] _telemetry = new byte[LinkProtocol.MaxFrameSize];
        private int _periodsToTelemetry;
        private int _periodsToFrame;

        /// <summary>Also makes the runtime's link server and configuration commits yield through <paramref name="scheduler"/> (the link thread's).</summary>
        public LinkPump(ChamberRuntime runtime, LinkInbox inbox, ILinkOutput output, IThreadScheduler scheduler)
        {
            if (runtime == null || inbox == null || output == null || scheduler == null)
            {
                throw new System.ArgumentNullException();
            }

            _runtime = runtime;
            _inbox = inbox;
            _output = output;
            _scheduler = scheduler;
            runtime.Link.AttachScheduler(scheduler);
            runtime.Config.AttachScheduler(scheduler);
        }

        public LinkInbox Inbox => _inbox;

        public void RunPeriod()
        {
            // Every period, so the channel's gap is one period's work, however frames and telemetry fall.
            _runtime.CheckInLinkLoop();
            if (_inbox.TakeClosed())
            {
                // After any frame of the closed link (taken in an earlier period), before the next link's.
                _runtime.OnLinkTransportClosed();
            }

            // The frame budget refills one period at a time and keeps while the inbox is empty, so a
            // frame that arrives after a quiet spell is taken in the next period.
            if (_periodsToFrame > 0)
            {
                _periodsToFrame--;
            }

            int frameLength = _periodsToFrame == 0 ? _inbox.Take(_frame) : -1;
            if (frameLength >= 0)
            {
                _periodsToFrame = PeriodsPerFrame;
                int responseLength = _runtime.HandleLinkFrame(_frame, 0, frameLength, _response, 0);
                if (responseLength > 0)
                {
                    _output.Send(_response, responseLength);
                }

                _scheduler.Yield();
            }

            int dropped = _inbox.TakeDropped();
            for (int i = 0; i < dropped; i++)
            {
                _runtime.Diagnostics.Counters.CountLinkReject((int)LinkRejectReason.RateLimited);
            }

            if (--_periodsToTelemetry <= 0)
            {
                _periodsToTelemetry = TelemetryEveryPeriods;
                int length = _runtime.BuildTelemetryFrame(_telemetry, 0);
                if (length > 0)
                {
                    _output.Send(_telemetry, length);
                }

                _scheduler.Yield();
            }
        }
    }
}
