using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.Core.Diagnostics;

namespace ChamberFirmware.DiagnosticsBridge;

/// <summary>
/// The page's read sequence over any payload source (the bridge's WebSocket, the GATT service over
/// BLE): identity, status, counters, event windows until a short window or the oldest sequence
/// number (duplicates removed by sequence number, docs/ble-gatt.md), then telemetry.
/// </summary>
public static class DiagnosticsReadAll
{
    /// <summary>Reads everything the page reads: identity, status, counters, all event windows needed, telemetry.</summary>
    public static async Task<JsonObject> ReadAllAsync(IDiagnosticsPayloadSource source, CancellationToken cancel)
    {
        var all = new JsonObject
        {
            ["identity"] = DiagnosticsJson.Decode("identity", await source.ReadAsync("identity", cancel).ConfigureAwait(false)),
            ["status"] = DiagnosticsJson.Decode("status", await source.ReadAsync("status", cancel).ConfigureAwait(false)),
            ["counters"] = DiagnosticsJson.Decode("counters", await source.ReadAsync("counters", cancel).ConfigureAwait(false)),
        };
        var events = new JsonArray();
        long lastSequence = long.MaxValue;
        for (int window = 0; window < DiagnosticsCharacteristic.EventWindowCount; window++)
        {
            var page = DiagnosticsJson.Decode("events", await source.ReadAsync("events-" + window, cancel).ConfigureAwait(false));
            var records = page["records"]!.AsArray();
            foreach (var record in records)
            {
                long sequence = record!["sequence"]!.GetValue<uint>();
                if (sequence < lastSequence)
                {
                    events.Add(record.DeepClone());
                    lastSequence = sequence;
                }
            }

            if (records.Count < DiagnosticsPayloads.EventsPerPage || lastSequence <= page["oldestSequence"]!.GetValue<uint>())
            {
                break;
            }
        }

        all["events"] = events;
        all["telemetry"] = DiagnosticsJson.Decode("telemetry", await source.ReadAsync("telemetry", cancel).ConfigureAwait(false));
        return all;
    }
}
