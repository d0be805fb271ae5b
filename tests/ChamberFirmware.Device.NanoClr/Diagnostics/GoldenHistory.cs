using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;

namespace ChamberFirmware.Device.NanoClr.Diagnostics
{
    /// <summary>
    /// The chamber history behind the golden vectors in tests/golden/diagnostics, in the
    /// nanoFramework subset so that one copy serves both runtimes: the device tests run it on
    /// nanoCLR, and the host GoldenFixture (Core.Tests, which links this file) runs it on .NET.
    /// </summary>
    public static class GoldenHistory
    {
        public static DiagnosticsIdentity Identity()
        {
            DiagnosticsIdentity identity = new DiagnosticsIdentity();
            identity.Manufacturer = "ChamberFirmware";
            identity.Model = "NBC-1 treatment chamber";
            identity.SerialNumber = "NBC1-000042";
            identity.HardwareRevision = "C";
            identity.FirmwareRevision = "0.1.0";
            identity.SoftwareRevision = "core 0.1.0";
            return identity;
        }

        public static ChamberStatus SafeStopStatus()
        {
            ChamberStatus status = new ChamberStatus();
            status.State = ChamberState.SafeStop;
            status.Provisioned = true;
            status.LatchedReasons = CutReasons.Overcount | CutReasons.RunawayGrowth;
            status.LastCutReasons = CutReasons.Overcount | CutReasons.RunawayGrowth;
            status.UptimeMicroseconds = 3723456789;
            status.Count = 1000317;
            status.GrowthPermillePerSecond = 4210;
            status.ActiveEmitterMask = 0;
            status.LinkAgeMilliseconds = 70000;
            status.TemperatureCentiCelsius = -50;
            status.CountLimit = 1000000;
            status.TargetCount = 800000;
            status.RemainingMilliseconds = 0;
            return status;
        }

        public static ChamberStatus ActiveStatus()
        {
            ChamberStatus status = new ChamberStatus();
            status.State = ChamberState.Active;
            status.Provisioned = true;
            status.LatchedReasons = CutReasons.None;
            status.LastCutReasons = CutReasons.LinkLost;
            status.UptimeMicroseconds = 125000000;
            status.Count = 512345;
            status.GrowthPermillePerSecond = 37;
            status.ActiveEmitterMask = 0xB;
            status.LinkAgeMilliseconds = 120;
            status.TemperatureCentiCelsius = 3712;
            status.CountLimit = 1000000;
            status.TargetCount = 800000;
            status.RemainingMilliseconds = 95500;
            return status;
        }

        /// <summary>The service after a session that ended in an overcount cut, then a clear and a new arm.</summary>
        public static DiagnosticsService Service()
        {
            DiagnosticsService service = new DiagnosticsService(Identity());
            DiagnosticsCounters c = service.Counters;
            c.CountReset();
            for (int i = 0; i < 42; i++)
            {
                c.CountSession();
            }

            for (int i = 0; i < 3; i++)
            {
                c.CountLinkLoss();
                c.CountCut((int)CutReasons.LinkLost);
            }

            c.CountCut((int)(CutReasons.Overcount | CutReasons.RunawayGrowth));
            c.CountCut((int)(CutReasons.Overcount | CutReasons.SensorFault));
            for (int i = 0; i < 6; i++)
            {
                c.CountReset();
            }

            CountSensorErrors(c, 2, 5);
            CountSensorErrors(c, 6, 11);
            CountSensorErrors(c, 3, 1);
            CountLinkRejects(c, 1, 4);
            CountLinkRejects(c, 3, 2);
            CountLinkRejects(c, 15, 1);

            CutReasons none = CutReasons.None;
            service.AppendEvent(DiagnosticsEventKind.Reset, ChamberState.Idle, 1000, none, 0, 0, int.MaxValue, 2210, 0);
            service.AppendEvent(DiagnosticsEventKind.ConfigChange, ChamberState.Idle, 5000000, none, 0, 0, 900, 2215, 0);
            service.AppendEvent(DiagnosticsEventKind.Arm, ChamberState.Armed, 60000000, none, 12, 0, 150, 2230, 0);
            service.AppendEvent(DiagnosticsEventKind.Start, ChamberState.Active, 65000000, none, 1000, 5, 140, 2301, 0xB);
            service.AppendEvent(DiagnosticsEventKind.LinkLost, ChamberState.Active, 80000000, none, 250000, 31, 1500, 3410, 0xB);
            service.AppendEvent(DiagnosticsEventKind.LinkRestored, ChamberState.Active, 80400000, none, 262000, 30, 20, 3420, 0xB);
            service.AppendEvent(DiagnosticsEventKind.Cut, ChamberState.SafeStop, 3723000000, CutReasons.Overcount | CutReasons.RunawayGrowth, 1000317, 4210, 95, 3790, 0);
            service.AppendEvent(DiagnosticsEventKind.Clear, ChamberState.Idle, 3800000000, none, 990000, -120, 60, 3500, 0);
            service.AppendEvent(DiagnosticsEventKind.Arm, ChamberState.Armed, 3900000000, none, 980000, -118, 55, -50, 0);
            return service;
        }

        private static void CountSensorErrors(DiagnosticsCounters counters, int status, int times)
        {
            for (int i = 0; i < times; i++)
            {
                counters.CountSensorError(status);
            }
        }

        private static void CountLinkRejects(DiagnosticsCounters counters, int reason, int times)
        {
            for (int i = 0; i < times; i++)
            {
                counters.CountLinkReject(reason);
            }
        }
    }
}
