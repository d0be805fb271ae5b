using System.Threading;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;

namespace ChamberFirmware.Core.Diagnostics
{
    /// <summary>
    /// Owns the diagnostics data (counters, event log, published status snapshot, identity) and
    /// answers "read characteristic X into this buffer". The runtime feeds it through
    /// <see cref="PublishStatus"/>, <see cref="AppendEvent"/> and <see cref="Counters"/>; transports
    /// see it only as an <see cref="IDiagnosticsReader"/>. It holds no reference to emitters,
    /// configuration or the treatment controller, so nothing reached through it can change them.
    /// Readers copy from the published snapshot and the log without taking any lock the publisher
    /// (the supervisor) uses; they serialize only among themselves on a readers' lock.
    /// </summary>
    public sealed class DiagnosticsService : IDiagnosticsReader
    {
        private readonly DiagnosticsCounters _counters = new DiagnosticsCounters();
        private readonly DiagnosticsEventLog _log;
        private readonly PublishedSnapshot _published = new PublishedSnapshot();
        private readonly byte[] _identityPayload;
        private int _identityLength;

        // Readers' scratch, used under _readLock only (never taken by the publisher).
        private readonly object _readLock = new object();
        private readonly DiagnosticsSnapshot _readSnapshot = new DiagnosticsSnapshot();
        private readonly DiagnosticsEventRecord[] _readRecords;
        private readonly uint[] _readOldestAndNext = new uint[2];

        public DiagnosticsService(DiagnosticsIdentity identity)
            : this(identity, DiagnosticsEventLog.DefaultCapacity)
        {
        }

        public DiagnosticsService(DiagnosticsIdentity identity, int eventLogCapacity)
        {
            _log = new DiagnosticsEventLog(eventLogCapacity);
            _identityPayload = new byte[DiagnosticsPayloads.MaxIdentityLength];
            _identityLength = DiagnosticsPayloads.EncodeIdentity(identity ?? new DiagnosticsIdentity(), _identityPayload, 0);
            _readRecords = new DiagnosticsEventRecord[DiagnosticsPayloads.EventsPerPage];
            for (int i = 0; i < _readRecords.Length; i++)
            {
                _readRecords[i] = new DiagnosticsEventRecord();
            }
        }

        /// <summary>Counters the runtime increments (sessions, cuts, sensor errors, link rejects/losses, resets).</summary>
        public DiagnosticsCounters Counters => _counters;

        public DiagnosticsEventLog EventLog => _log;

        /// <summary>Number of status snapshots published since start-up.</summary>
        public int PublishCount => _published.PublishCount;

        /// <summary>
        /// Serves a new identity from now on (the runtime calls it after a provisioning commit, so
        /// the serial number and hardware revision show without a reboot). Link thread; takes only
        /// the readers' lock, never one the supervisor uses.
        /// </summary>
        public void UpdateIdentity(DiagnosticsIdentity identity)
        {
            Monitor.Enter(_readLock);
            try
            {
                int length = DiagnosticsPayloads.EncodeIdentity(identity ?? new DiagnosticsIdentity(), _identityPayload, 0);
                _identityLength = length < 0 ? 0 : length;
            }
            finally
            {
                Monitor.Exit(_readLock);
            }
        }

        /// <summary>Publishes the supervisor's status (call at the telemetry rate or faster). Never allocates, never waits for readers.</summary>
        public void PublishStatus(ChamberStatus status)
        {
            _published.Publish(status);
        }

        /// <summary>Appends an event with the snapshot fields of <paramref name="status"/>. Never allocates.</summary>
        public void AppendEvent(DiagnosticsEventKind kind, CutReasons reasons, ChamberStatus status)
        {
            _log.Append(kind, status.State, status.UptimeMicroseconds, reasons, status.Count, status.GrowthPermillePerSecond,
                status.LinkAgeMilliseconds, status.TemperatureCentiCelsius, status.ActiveEmitterMask);
        }

        /// <summary>Appends an event with explicit snapshot fields. Never allocates.</summary>
        public void AppendEvent(DiagnosticsEventKind kind, ChamberState state, long timeMicroseconds, CutReasons reasons, int count,
            int growthPermillePerSecond, int linkAgeMilliseconds, int temperatureCentiCelsius, int emitterMask)
        {
            _log.Append(kind, state, timeMicroseconds, reasons, count, growthPermillePerSecond, linkAgeMilliseconds,
                temperatureCentiCelsius, emitterMask);
        }

        /// <inheritdoc />
        public int Read(int characteristic, byte[] buffer, int offset)
        {
            if (!DiagnosticsCharacteristic.IsKnown(characteristic))
            {
                return DiagnosticsReadError.UnknownCharacteristic;
            }

            if (buffer == null || offset < 0 || offset > buffer.Length - DiagnosticsPayloads.MaxPayloadLength)
            {
                return DiagnosticsReadError.BufferTooSmall;
            }

            if (characteristic == DiagnosticsCharacteristic.Counters)
            {
                return DiagnosticsPayloads.EncodeCounters(_counters, buffer, offset);
            }

            Monitor.Enter(_readLock);
            try
            {
                if (characteristic == DiagnosticsCharacteristic.Identity)
                {
                    for (int i = 0; i < _identityLength; i++)
                    {
                        buffer[offset + i] = _identityPayload[i];
                    }

                    return _identityLength;
                }

                if (DiagnosticsCharacteristic.IsEventWindow(characteristic))
                {
                    int window = characteristic - DiagnosticsCharacteristic.EventWindowFirst;
                    int copied = _log.CopyWindow(window, DiagnosticsPayloads.EventsPerPage, _readRecords, _readOldestAndNext);
                    if (copied < 0)
                    {
                        return DiagnosticsReadError.Busy;
                    }

                    return DiagnosticsPayloads.EncodeEventPage(window, _readOldestAndNext[0], _readOldestAndNext[1], _readRecords, copied, buffer, offset);
                }

                if (!_published.TryCopy(_readSnapshot))
                {
                    return DiagnosticsReadError.Busy;
                }

                return characteristic == DiagnosticsCharacteristic.Status
                    ? DiagnosticsPayloads.EncodeStatus(_readSnapshot, buffer, offset)
                    : DiagnosticsPayloads.EncodeTelemetry(_readSnapshot, buffer, offset);
            }
            finally
            {
                Monitor.Exit(_readLock);
            }
        }
    }
}
