using System.Threading;

namespace ChamberFirmware.Core.Diagnostics
{
    /// <summary>
    /// Lifetime counters for field diagnostics. Plain int arrays incremented with Interlocked so any
    /// thread (supervisor, sensor loop, link loop) can count without a lock and without allocating.
    /// Readers (the diagnostics encoder) read each int atomically; the set is not a transaction,
    /// which is fine for counters that only grow.
    /// </summary>
    public sealed class DiagnosticsCounters
    {
        /// <summary>Slots per per-kind array (cut reason bits, sensor statuses, link reject reasons).</summary>
        public const int SlotsPerKind = 16;

        private readonly int[] _cutsByReason = new int[SlotsPerKind];
        private readonly int[] _sensorErrorsByStatus = new int[SlotsPerKind];
        private readonly int[] _linkRejectsByReason = new int[SlotsPerKind];
        private int _sessions;
        private int _linkLosses;
        private int _resets;

        public int Sessions => _sessions;

        public int LinkLosses => _linkLosses;

        public int Resets => _resets;

        public void CountSession()
        {
            Interlocked.Increment(ref _sessions);
        }

        public void CountLinkLoss()
        {
            Interlocked.Increment(ref _linkLosses);
        }

        public void CountReset()
        {
            Interlocked.Increment(ref _resets);
        }

        /// <summary>Counts one cut under every reason bit set in <paramref name="reasons"/> (a CutReasons value).</summary>
        public void CountCut(int reasons)
        {
            for (int bit = 0; bit < SlotsPerKind; bit++)
            {
                if ((reasons & (1 << bit)) != 0)
                {
                    Interlocked.Increment(ref _cutsByReason[bit]);
                }
            }
        }

        /// <summary>Counts a sensor read failure; <paramref name="status"/> is a SensorReadStatus value. Out-of-range values are ignored.</summary>
        public void CountSensorError(int status)
        {
            if (status >= 0 && status < SlotsPerKind)
            {
                Interlocked.Increment(ref _sensorErrorsByStatus[status]);
            }
        }

        /// <summary>Counts a rejected link frame; <paramref name="reason"/> is the link layer's reject-reason value.</summary>
        public void CountLinkReject(int reason)
        {
            if (reason >= 0 && reason < SlotsPerKind)
            {
                Interlocked.Increment(ref _linkRejectsByReason[reason]);
            }
        }

        /// <summary>Cuts counted under the reason at bit position <paramref name="bit"/>.</summary>
        public int CutsForBit(int bit)
        {
            return bit >= 0 && bit < SlotsPerKind ? _cutsByReason[bit] : 0;
        }

        public int SensorErrorsFor(int status)
        {
            return status >= 0 && status < SlotsPerKind ? _sensorErrorsByStatus[status] : 0;
        }

        public int LinkRejectsFor(int reason)
        {
            return reason >= 0 && reason < SlotsPerKind ? _linkRejectsByReason[reason] : 0;
        }
    }
}
