using ChamberFirmware.Core.Runtime;

namespace ChamberFirmware.Starvation
{
    /// <summary>
    /// The link thread's period (the real LinkPump) with its work stretched chunk by chunk by the
    /// <see cref="DilatingScheduler"/> it yields through. In the run's last phase it plants a long
    /// critical section: every fourth period it holds the sensor bus (which the supervisor reads
    /// every tick) for <see cref="PlantedMicroseconds"/> of interpreter time — the regression the
    /// test must catch. A long computation alone would be cut short by nanoCLR's 20 ms quantum; a
    /// held resource is not.
    /// </summary>
    public sealed class StretchedLinkWork : IPeriodicWork
    {
        /// <summary>An ESP32-time critical section twice the overrun bound (a flash erase under a bus lock would be as long).</summary>
        public const long PlantedMicroseconds = 50_000;

        private readonly LinkPump _pump;
        private readonly DilatingScheduler _scheduler;
        private readonly EspTimeScale _scale;
        private readonly object _bus;
        private readonly CheckInGaps _checkIns;
        private int _periods;

        /// <param name="checkIns">Noted at the start of every period (the pump checks in the link channel first thing).</param>
        public StretchedLinkWork(LinkPump pump, DilatingScheduler scheduler, EspTimeScale scale, object bus, CheckInGaps checkIns)
        {
            _checkIns = checkIns;
            _bus = bus;
            _pump = pump;
            _scheduler = scheduler;
            _scale = scale;
        }

        /// <summary>Set by the run for its last phase.</summary>
        public bool Plant { get; set; }

        public int PlantedSections { get; private set; }

        public void RunPeriod()
        {
            Activity.Current = Activity.Link;
            _checkIns.Note();
            _scheduler.Mark();
            _pump.RunPeriod();
            _scheduler.Flush();

            if (Plant && ++_periods % 4 == 0)
            {
                lock (_bus)
                {
                    _scale.Spend(PlantedMicroseconds);
                }

                PlantedSections++;
            }
        }
    }
}
