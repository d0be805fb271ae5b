using System.Threading;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;

namespace ChamberFirmware.Core.Diagnostics
{
    /// <summary>
    /// Fixed-size ring of timestamped events with the supervisor's snapshot. Appending never
    /// allocates (records live in preallocated parallel arrays). Appenders serialize on a lock only
    /// appenders take; readers never lock: they copy under a sequence check (seqlock) and retry, so a
    /// client reading in a loop can never hold up the supervisor.
    /// </summary>
    public sealed class DiagnosticsEventLog
    {
        public const int DefaultCapacity = 64;

        /// <summary>Copy attempts before a reader gives up (the caller reports "busy" and the client retries).</summary>
        private const int ReadAttempts = 8;

        private readonly object _appendLock = new object();
        private readonly int _capacity;
        private readonly uint[] _sequence;
        private readonly long[] _time;
        private readonly byte[] _kind;
        private readonly byte[] _state;
        private readonly int[] _reasons;
        private readonly int[] _count;
        private readonly int[] _growth;
        private readonly int[] _linkAge;
        private readonly int[] _temperature;
        private readonly int[] _emitterMask;

        // Odd while an append is writing. Read and written with Interlocked (full fences).
        private int _version;

        // Sequence number the next event gets = number of events appended since start-up.
        private int _next;

        public DiagnosticsEventLog(int capacity)
        {
            _capacity = capacity < 1 ? 1 : capacity;
            _sequence = new uint[_capacity];
            _time = new long[_capacity];
            _kind = new byte[_capacity];
            _state = new byte[_capacity];
            _reasons = new int[_capacity];
            _count = new int[_capacity];
            _growth = new int[_capacity];
            _linkAge = new int[_capacity];
            _temperature = new int[_capacity];
            _emitterMask = new int[_capacity];
        }

        public int Capacity => _capacity;

        /// <summary>Sequence number the next appended event will get (= events appended so far).</summary>
        public uint NextSequence => (uint)Interlocked.CompareExchange(ref _next, 0, 0);

        /// <summary>Sequence number of the oldest event still held.</summary>
        public uint OldestSequence
        {
            get
            {
                uint next = NextSequence;
                return next > (uint)_capacity ? next - (uint)_capacity : 0;
            }
        }

        /// <summary>Appends an event with the given snapshot fields, overwriting the oldest when full. Never allocates.</summary>
        public void Append(DiagnosticsEventKind kind, ChamberState state, long timeMicroseconds, CutReasons reasons,
            int count, int growthPermillePerSecond, int linkAgeMilliseconds, int temperatureCentiCelsius, int emitterMask)
        {
            Monitor.Enter(_appendLock);
            try
            {
                uint sequence = (uint)_next;
                int slot = (int)(sequence % (uint)_capacity);
                Interlocked.Increment(ref _version);
                _sequence[slot] = sequence;
                _time[slot] = timeMicroseconds;
                _kind[slot] = (byte)kind;
                _state[slot] = (byte)state;
                _reasons[slot] = (int)reasons;
                _count[slot] = count;
                _growth[slot] = growthPermillePerSecond;
                _linkAge[slot] = linkAgeMilliseconds;
                _temperature[slot] = temperatureCentiCelsius;
                _emitterMask[slot] = emitterMask;
                Interlocked.Increment(ref _next);
                Interlocked.Increment(ref _version);
            }
            finally
            {
                Monitor.Exit(_appendLock);
            }
        }

        /// <summary>
        /// Copies the records of page window <paramref name="window"/> (window 0 = the newest
        /// <paramref name="pageSize"/> events, window 1 the next older ones, ...) newest first into
        /// <paramref name="into"/>. Returns the number of records copied, or -1 if appends kept
        /// racing the copy (try again). <paramref name="oldestAndNext"/> receives the log's oldest and
        /// next sequence numbers as seen by this consistent copy.
        /// </summary>
        public int CopyWindow(int window, int pageSize, DiagnosticsEventRecord[] into, uint[] oldestAndNext)
        {
            if (window < 0 || pageSize < 1 || into == null || into.Length < pageSize || oldestAndNext == null || oldestAndNext.Length < 2)
            {
                return 0;
            }

            for (int attempt = 0; attempt < ReadAttempts; attempt++)
            {
                int before = Interlocked.CompareExchange(ref _version, 0, 0);
                if ((before & 1) != 0)
                {
                    continue;
                }

                uint next = (uint)Interlocked.CompareExchange(ref _next, 0, 0);
                uint oldest = next > (uint)_capacity ? next - (uint)_capacity : 0;
                long first = (long)next - 1 - ((long)window * pageSize);
                int copied = 0;
                for (long sequence = first; sequence >= oldest && copied < pageSize; sequence--)
                {
                    int slot = (int)((uint)sequence % (uint)_capacity);
                    DiagnosticsEventRecord record = into[copied];
                    record.Sequence = _sequence[slot];
                    record.TimeMicroseconds = _time[slot];
                    record.Kind = (DiagnosticsEventKind)_kind[slot];
                    record.State = (ChamberState)_state[slot];
                    record.Reasons = (CutReasons)_reasons[slot];
                    record.Count = _count[slot];
                    record.GrowthPermillePerSecond = _growth[slot];
                    record.LinkAgeMilliseconds = _linkAge[slot];
                    record.TemperatureCentiCelsius = _temperature[slot];
                    record.EmitterMask = _emitterMask[slot];
                    copied++;
                }

                int after = Interlocked.CompareExchange(ref _version, 0, 0);
                if (after == before)
                {
                    oldestAndNext[0] = oldest;
                    oldestAndNext[1] = next;
                    return copied;
                }
            }

            return -1;
        }
    }
}
