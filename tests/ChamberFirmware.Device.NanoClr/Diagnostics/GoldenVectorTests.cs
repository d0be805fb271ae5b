using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Safety;
using nanoFramework.TestFramework;

namespace ChamberFirmware.Device.NanoClr.Diagnostics
{
    /// <summary>
    /// The diagnostics encoder on the interpreter writes the golden vectors byte for byte (host:
    /// GoldenVectorTests). The vectors are embedded in GoldenVectors.cs, generated from
    /// tests/golden/diagnostics; the host test DeviceGoldenVectorsTests keeps them equal to the files.
    /// </summary>
    [TestClass]
    public class GoldenVectorTests
    {
        [TestMethod]
        public void Identity_equals_the_golden_bytes() => Check(GoldenVectors.Identity, Read(GoldenHistory.Service(), DiagnosticsCharacteristic.Identity), "identity");

        [TestMethod]
        public void Counters_equal_the_golden_bytes() => Check(GoldenVectors.Counters, Read(GoldenHistory.Service(), DiagnosticsCharacteristic.Counters), "counters");

        [TestMethod]
        public void Event_windows_equal_the_golden_bytes()
        {
            DiagnosticsService service = GoldenHistory.Service();
            Check(GoldenVectors.Events0, Read(service, DiagnosticsCharacteristic.EventWindowFirst), "events-0");
            Check(GoldenVectors.Events1, Read(service, DiagnosticsCharacteristic.EventWindowFirst + 1), "events-1");
            Check(GoldenVectors.Events2, Read(service, DiagnosticsCharacteristic.EventWindowFirst + 2), "events-2");
        }

        [TestMethod]
        public void Status_and_telemetry_while_active_equal_the_golden_bytes()
        {
            DiagnosticsService service = GoldenHistory.Service();
            service.PublishStatus(GoldenHistory.ActiveStatus());
            Check(GoldenVectors.StatusActive, Read(service, DiagnosticsCharacteristic.Status), "status-active");
            Check(GoldenVectors.TelemetryActive, Read(service, DiagnosticsCharacteristic.Telemetry), "telemetry-active");
        }

        [TestMethod]
        public void Status_and_telemetry_in_safe_stop_equal_the_golden_bytes()
        {
            DiagnosticsService service = GoldenHistory.Service();
            service.PublishStatus(GoldenHistory.ActiveStatus());
            service.PublishStatus(GoldenHistory.SafeStopStatus());
            Check(GoldenVectors.StatusSafestop, Read(service, DiagnosticsCharacteristic.Status), "status-safestop");
            Check(GoldenVectors.TelemetrySafestop, Read(service, DiagnosticsCharacteristic.Telemetry), "telemetry-safestop");
        }

        [TestMethod]
        public void The_firmware_decoder_reads_the_golden_status_back_field_for_field()
        {
            byte[] golden = Hex.Decode(GoldenVectors.StatusSafestop);
            StatusPayload status = new StatusPayload();
            Assert.AreEqual((int)PayloadDecodeResult.Ok, (int)DiagnosticsPayloads.DecodeStatus(golden, 0, golden.Length, status));
            ChamberStatus expected = GoldenHistory.SafeStopStatus();
            Assert.AreEqual((int)expected.State, (int)status.State);
            Assert.IsTrue(status.Provisioned);
            Assert.AreEqual((int)(CutReasons.Overcount | CutReasons.RunawayGrowth), (int)status.LatchedReasons);
            Assert.AreEqual((int)expected.LastCutReasons, (int)status.LastCutReasons);
            Assert.AreEqual(expected.UptimeMicroseconds, status.UptimeMicroseconds);
            Assert.AreEqual(expected.RemainingMilliseconds, status.RemainingMilliseconds);
            Assert.AreEqual(expected.CountLimit, status.CountLimit);
            Assert.AreEqual(expected.TargetCount, status.TargetCount);

            golden[0] = 2; // an unknown format version
            Assert.AreEqual((int)PayloadDecodeResult.UnsupportedVersion, (int)DiagnosticsPayloads.DecodeStatus(golden, 0, golden.Length, status));
        }

        [TestMethod]
        public void Unknown_characteristics_and_small_buffers_are_reported_not_thrown()
        {
            DiagnosticsService service = GoldenHistory.Service();
            Assert.AreEqual(DiagnosticsReadError.UnknownCharacteristic, service.Read(0x7F, new byte[300], 0));
            Assert.AreEqual(DiagnosticsReadError.BufferTooSmall, service.Read(DiagnosticsCharacteristic.Status, new byte[10], 0));
            Assert.AreEqual(DiagnosticsReadError.BufferTooSmall, service.Read(DiagnosticsCharacteristic.Status, null, 0));
        }

        private static byte[] Read(DiagnosticsService service, int characteristic)
        {
            byte[] buffer = new byte[DiagnosticsPayloads.MaxPayloadLength];
            int length = service.Read(characteristic, buffer, 0);
            Assert.IsTrue(length >= 0, "read of 0x" + characteristic.ToString("x2") + " failed: " + length.ToString());
            byte[] payload = new byte[length];
            System.Array.Copy(buffer, payload, length);
            return payload;
        }

        private static void Check(string goldenHex, byte[] actual, string name)
        {
            byte[] golden = Hex.Decode(goldenHex);
            Assert.AreEqual(golden.Length, actual.Length, name + ": length");
            for (int i = 0; i < golden.Length; i++)
            {
                Assert.AreEqual(golden[i], actual[i], name + ": byte " + i.ToString());
            }
        }
    }
}
