namespace ChamberFirmware.Core.Diagnostics
{
    /// <summary>
    /// The diagnostics characteristics: one-byte ids (the WebSocket bridge's message prefix), names
    /// (the bridge's "read &lt;name&gt;") and 128-bit UUIDs (the GATT service). docs/ble-gatt.md.
    /// </summary>
    public static class DiagnosticsCharacteristic
    {
        public const int Status = 0x01;
        public const int Counters = 0x02;
        public const int Telemetry = 0x03;
        public const int Identity = 0x04;
        /// <summary>Event-log window k has id EventWindowFirst + k.</summary>
        public const int EventWindowFirst = 0x10;
        public const int EventWindowCount = 10;

        /// <summary>Service UUID; characteristic UUIDs replace the "0000" after "4c7a" by their id as 4 hex digits.</summary>
        public const string ServiceUuid = "4c7a0000-8f1e-4b7d-9c2a-6e5d3b1a0c90";

        private const string HexDigits = "0123456789abcdef";

        public static bool IsEventWindow(int id)
        {
            return id >= EventWindowFirst && id < EventWindowFirst + EventWindowCount;
        }

        public static bool IsKnown(int id)
        {
            return id == Status || id == Counters || id == Telemetry || id == Identity || IsEventWindow(id);
        }

        /// <summary>UUID text of characteristic <paramref name="id"/> (allocates: set-up only).</summary>
        public static string UuidFor(int id)
        {
            char[] text = ServiceUuid.ToCharArray();
            text[6] = HexDigits[(id >> 4) & 0xF];
            text[7] = HexDigits[id & 0xF];
            return new string(text);
        }

        /// <summary>Bridge name: status, counters, telemetry, identity, events-0 … events-9; null if unknown.</summary>
        public static string NameFor(int id)
        {
            switch (id)
            {
                case Status: return "status";
                case Counters: return "counters";
                case Telemetry: return "telemetry";
                case Identity: return "identity";
                default:
                    return IsEventWindow(id) ? "events-" + (id - EventWindowFirst).ToString() : null;
            }
        }

        /// <summary>Id for a bridge name, or -1 if the name is not a characteristic.</summary>
        public static int IdFor(string name)
        {
            if (name == null)
            {
                return -1;
            }

            for (int id = Status; id <= Identity; id++)
            {
                if (name == NameFor(id))
                {
                    return id;
                }
            }

            if (name.Length == 8 && name.Substring(0, 7) == "events-")
            {
                int digit = name[7] - '0';
                if (digit >= 0 && digit < EventWindowCount)
                {
                    return EventWindowFirst + digit;
                }
            }

            return -1;
        }
    }
}
