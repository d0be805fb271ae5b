using System.Threading;
using ChamberFirmware.Core.Control;

namespace ChamberFirmware.Core.Diagnostics
{
    /// <summary>
    /// Double-buffered status snapshot. The publisher (the supervisor's thread) writes the back slot
    /// and then flips the current index; readers copy the current slot and check its version did
    /// not move. Readers take no lock and never make the publisher wait; a reader only retries if
    /// the publisher published twice during one copy. Nothing allocates.
    /// </summary>
    public sealed class PublishedSnapshot
    {
        private const int ReadAttempts = 8;

        private readonly object _publishLock = new object();
        private readonly DiagnosticsSnapshot[] _slots = new DiagnosticsSnapshot[] { new DiagnosticsSnapshot(), new DiagnosticsSnapshot() };

        // Per-slot version: odd while the publisher writes that slot.
        private readonly int[] _slotVersion = new int[2];
        private int _current;
        private int _publishCount;

        /// <summary>Number of snapshots published since start-up.</summary>
        public int PublishCount => Interlocked.CompareExchange(ref _publishCount, 0, 0);

        /// <summary>Publishes a copy of <paramref name="status"/>. Never allocates; the lock is shared by publishers only.</summary>
        public void Publish(ChamberStatus status)
        {
            Monitor.Enter(_publishLock);
            try
            {
                int back = 1 - Interlocked.CompareExchange(ref _current, 0, 0);
                Interlocked.Increment(ref _slotVersion[back]);
                _slots[back].CopyFrom(status);
                Interlocked.Increment(ref _slotVersion[back]);
                Interlocked.Exchange(ref _current, back);
                Interlocked.Increment(ref _publishCount);
            }
            finally
            {
                Monitor.Exit(_publishLock);
            }
        }

        /// <summary>Copies the current snapshot into <paramref name="into"/>; false if publishes kept racing the copy.</summary>
        public bool TryCopy(DiagnosticsSnapshot into)
        {
            for (int attempt = 0; attempt < ReadAttempts; attempt++)
            {
                int index = Interlocked.CompareExchange(ref _current, 0, 0);
                int before = Interlocked.CompareExchange(ref _slotVersion[index], 0, 0);
                if ((before & 1) != 0)
                {
                    continue;
                }

                into.CopyFrom(_slots[index]);
                if (Interlocked.CompareExchange(ref _slotVersion[index], 0, 0) == before)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
