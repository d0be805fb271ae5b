using ChamberFirmware.Core.Safety;
using nanoFramework.TestFramework;

namespace ChamberFirmware.Device.NanoClr.Safety
{
    /// <summary>What every cut must look like in the tick it happens: SafeStop, all off, keep-alive stopped, alarm on, reason latched.</summary>
    public static class SupervisorAssert
    {
        public static void Cut(SupervisorRig rig, CutReasons expected, SupervisorOutputs outputs)
        {
            Assert.AreEqual((int)SupervisorMode.SafeStop, (int)outputs.Mode, "mode");
            Assert.AreEqual(0, outputs.EmitterMask, "emitter mask");
            Assert.IsFalse(outputs.ToggleKeepAlive, "keep-alive still fed");
            Assert.IsTrue(outputs.Alarm, "alarm");
            Assert.IsTrue((rig.Supervisor.LatchedReasons & expected) == expected, "latched " + Reasons(rig.Supervisor.LatchedReasons) + ", expected " + Reasons(expected));
        }

        public static void Mode(SupervisorMode expected, SupervisorMode actual) => Assert.AreEqual((int)expected, (int)actual, "mode");

        public static void Reasons(CutReasons expected, CutReasons actual) => Assert.AreEqual((int)expected, (int)actual, "reasons 0x" + ((int)actual).ToString("x"));

        public static string Reasons(CutReasons reasons) => "0x" + ((int)reasons).ToString("x");
    }
}
