namespace ChamberFirmware.Core.Safety
{
    /// <summary>
    /// Detection budgets and hysteresis of the supervisor that are fixed in firmware (not
    /// configurable). Rationale for each value: docs/safety.md.
    /// </summary>
    public static class SafetyTiming
    {
        public const long PeriodMicroseconds = HardLimits.SupervisorPeriodMilliseconds * 1000L;

        /// <summary>A tick later than 2.5 periods after the previous one is an overrun.</summary>
        public const long OverrunMicroseconds = PeriodMicroseconds * 5 / 2;

        /// <summary>No accepted counter sample for this long is a sensor fault (5 periods).</summary>
        public const long CounterFreshnessMicroseconds = 5 * PeriodMicroseconds;

        /// <summary>No accepted temperature sample for this long is a sensor fault (slow part).</summary>
        public const long TemperatureFreshnessMicroseconds = 1000000;

        /// <summary>More than this many successive "new" samples with the same sequence number: frozen.</summary>
        public const int FrozenSequenceLimit = 3;

        /// <summary>
        /// A count bit-identical over this many consecutive fresh samples (new sequence number) is a
        /// frozen counter: 20 samples at the 10 ms read period = 190 ms after the first repeat. A live
        /// population of ≥ FrozenCountFloor bots always moves within that (±1 count of noise or more,
        /// decay alone ≥ 35 bots/s).
        /// </summary>
        public const int FrozenCountSamples = 20;

        /// <summary>
        /// Below this count a frozen counter cannot be told from a still chamber, so the armed modes
        /// (self-test, Ready) treat a count below it as a sensor fault and arming is refused.
        /// </summary>
        public const int FrozenCountFloor = HardLimits.MinTargetCount;

        /// <summary>
        /// A temperature reading unchanged over this long of fresh samples is a hung sensor: the part's
        /// result jitters by at least one 7.8 m°C LSB from conversion to conversion, so 100 reads at the
        /// 50 ms read period never all agree in a live part.
        /// </summary>
        public const long TemperatureFrozenMicroseconds = 5000000;

        /// <summary>A sample-to-sample change above this per-mille of the previous count is implausible.</summary>
        public const int ImplausibleJumpPermille = 250;

        /// <summary>...unless it is below this absolute step (low counts at the start of a ramp).</summary>
        public const int ImplausibleJumpFloor = 2500;

        /// <summary>Largest count the counter can report; above it the value is out of range.</summary>
        public const int CounterRangeMaximum = 2 * HardLimits.CountCeiling;

        /// <summary>Physical range of the temperature sensor, 0.01 °C.</summary>
        public const int TemperatureRangeMinimum = -4000;
        public const int TemperatureRangeMaximum = 12500;

        /// <summary>Interlock hold time of the board's retriggerable keep-alive circuit.</summary>
        public const long InterlockHoldMicroseconds = 25000;

        /// <summary>Self-test: the interlock sense must drop within the hold time plus two ticks.</summary>
        public const long SelfTestDropBudgetMicroseconds = InterlockHoldMicroseconds + 2 * PeriodMicroseconds;

        /// <summary>Self-test: the interlock sense must come back within this time of resuming.</summary>
        public const long SelfTestRecoverBudgetMicroseconds = 50000;

        /// <summary>Longest emitter lease the supervisor grants.</summary>
        public const int MaxLeaseMilliseconds = 250;

        /// <summary>Re-arm: this many successive accepted counter samples.</summary>
        public const int RearmSensorSamples = 5;

        /// <summary>Re-arm: temperature at least this far below the over-temperature limit.</summary>
        public const int RearmTemperatureMarginCentiCelsius = 200;

        /// <summary>Re-arm: this many on-time ticks since the last overrun.</summary>
        public const int RearmOnTimeTicks = 10;

        /// <summary>Growth-rate denominator floor: per-mille of a handful of bots is noise.</summary>
        public const int GrowthCountFloor = HardLimits.MinTargetCount;

        /// <summary>Watchdog channel timeouts (control, sensor, link loop).</summary>
        public const int ControlLoopTimeoutMilliseconds = 100;
        public const int SensorLoopTimeoutMilliseconds = 100;
        public const int LinkLoopTimeoutMilliseconds = 200;
    }
}
