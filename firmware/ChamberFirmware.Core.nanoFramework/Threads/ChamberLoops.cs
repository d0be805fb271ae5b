using System.Threading;
using ChamberFirmware.Hal.Clock;

namespace ChamberFirmware.Core.Runtime
{
    /// <summary>
    /// The device's three loops on their own threads (docs/architecture.md, "The three loops"):
    /// supervisor Highest every 10 ms, control AboveNormal every 20 ms, link Normal every
    /// LinkPump.PeriodMilliseconds, each paced by a PeriodicLoop on the monotonic clock. Device-only
    /// (this file is compiled into the device build of the core, not into the shared source): the app
    /// and the nanoCLR starvation run (tests/ChamberFirmware.Starvation.NanoClr) start the same threads.
    /// Thread API: nanoframework/CoreLibrary System/Threading/Thread.cs (Thread(ThreadStart), Start,
    /// Priority), ThreadPriority.cs (Lowest..Highest).
    /// </summary>
    public sealed class ChamberLoops
    {
        public const ThreadPriority SupervisorPriority = ThreadPriority.Highest;
        public const ThreadPriority ControlPriority = ThreadPriority.AboveNormal;
        public const ThreadPriority LinkPriority = ThreadPriority.Normal;

        private readonly IMonotonicClock _clock;
        private readonly IThreadScheduler _scheduler;
        private readonly IPeriodicWork _supervisor;
        private readonly IPeriodicWork _control;
        private readonly IPeriodicWork _link;
        private Thread[] _threads;
        private bool _stopping;

        public ChamberLoops(IMonotonicClock clock, IThreadScheduler scheduler, IPeriodicWork supervisor, IPeriodicWork control, IPeriodicWork link)
        {
            if (clock == null || scheduler == null || supervisor == null || control == null || link == null)
            {
                throw new System.ArgumentNullException();
            }

            _clock = clock;
            _scheduler = scheduler;
            _supervisor = supervisor;
            _control = control;
            _link = link;
        }

        public void Start()
        {
            _threads = new Thread[]
            {
                new Thread(SupervisorLoop),
                new Thread(ControlLoop),
                new Thread(LinkLoop),
            };
            _threads[0].Priority = SupervisorPriority;
            _threads[1].Priority = ControlPriority;
            _threads[2].Priority = LinkPriority;
            for (int i = 0; i < _threads.Length; i++)
            {
                _threads[i].Start();
            }
        }

        /// <summary>Ends every loop after its current period and waits for the threads (the device never stops; runs on nanoCLR do).</summary>
        public void Stop()
        {
            _stopping = true;
            for (int i = 0; i < _threads.Length; i++)
            {
                _threads[i].Join();
            }
        }

        private void SupervisorLoop()
        {
            Run(_supervisor, RuntimeTiming.SupervisorPeriodMilliseconds);
        }

        private void ControlLoop()
        {
            Run(_control, RuntimeTiming.ControlPeriodMilliseconds);
        }

        private void LinkLoop()
        {
            Run(_link, LinkPump.PeriodMilliseconds);
        }

        private void Run(IPeriodicWork work, int periodMilliseconds)
        {
            PeriodicLoop period = new PeriodicLoop(_clock, _scheduler, periodMilliseconds);
            while (!_stopping)
            {
                period.WaitNext();
                work.RunPeriod();
            }
        }
    }
}
