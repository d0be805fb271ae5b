namespace ChamberFirmware.Core.Diagnostics
{
    /// <summary>Decoded event-log page: one window of the ring, newest record first.</summary>
    public sealed class EventLogPage
    {
        public int Window;
        /// <summary>Oldest sequence number the log still held when the page was read.</summary>
        public uint OldestSequence;
        /// <summary>Sequence number the next event will get (= events recorded since start-up).</summary>
        public uint NextSequence;
        public int RecordCount;
        public readonly DiagnosticsEventRecord[] Records = NewRecords();

        private static DiagnosticsEventRecord[] NewRecords()
        {
            DiagnosticsEventRecord[] records = new DiagnosticsEventRecord[DiagnosticsPayloads.EventsPerPage];
            for (int i = 0; i < records.Length; i++)
            {
                records[i] = new DiagnosticsEventRecord();
            }

            return records;
        }
    }
}
