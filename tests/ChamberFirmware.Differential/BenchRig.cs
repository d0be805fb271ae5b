using ChamberFirmware.Hal.Simulated.Minimal;

namespace ChamberFirmware.Differential
{
    /// <summary>
    /// The cost bench's chamber: the runtime on the minimal board (parts about as cheap as the
    /// ESP32 adapters), provisioned and bound to a console, 0.5 s on.
    /// </summary>
    public sealed class BenchRig
    {
        public BenchRig()
        {
            Clock = new MinimalClock();
            Board = new MinimalBoard(Clock);
            Session = new ChamberSession(Board, Clock);
            Session.Connect();
            RunPeriods(50);
        }

        public MinimalClock Clock { get; }

        public MinimalBoard Board { get; }

        public ChamberSession Session { get; }

        public void RunPeriods(int periods)
        {
            RunPeriods(periods, null, MeasuredLoop.None);
        }

        /// <summary>Periods with one loop's calls measured (sections of the bench).</summary>
        public void RunPeriods(int periods, IBenchHost bench, MeasuredLoop measured)
        {
            for (int i = 0; i < periods; i++)
            {
                Clock.AdvanceMicroseconds(ChamberSession.PeriodMicroseconds);
                Session.Period(bench, measured);
            }
        }
    }
}
