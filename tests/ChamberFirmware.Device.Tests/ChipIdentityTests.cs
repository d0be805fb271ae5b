using ChamberFirmware.Hal.Board;
using ChamberFirmware.Hal.Drivers.Counter;
using ChamberFirmware.Hal.Drivers.Temperature;
using ChamberFirmware.Hal.I2c;
using ChamberFirmware.Hal.Sensors;
using nanoFramework.TestFramework;

namespace ChamberFirmware.Device.Tests
{
    /// <summary>The two I2C chips answer at the board's addresses (docs/hardware.md) with their device IDs.</summary>
    [TestClass]
    public class ChipIdentityTests
    {
        [TestMethod]
        public void Nanobot_counter_answers_with_its_device_id()
        {
            II2cDevice device = DeviceBoard.Board.NanobotCounter;
            byte[] pointer = new byte[] { (byte)NanobotCounterRegister.DeviceIdHigh };
            byte[] id = new byte[2];
            I2cTransferStatus status = device.WriteRead(pointer, 0, 1, id, 0, 2, out int _);
            OutputHelper.WriteLine("counter at 0x" + BoardPins.NanobotCounterAddress.ToString("X2") + ": " + status.ToString() + ", id 0x" + ((id[0] << 8) | id[1]).ToString("X4"));
            Assert.IsTrue(status == I2cTransferStatus.FullTransfer, "counter did not acknowledge");
            Assert.AreEqual(NanobotCounterIdentity.DeviceId, (id[0] << 8) | id[1]);
            Assert.IsTrue(DeviceBoard.Drivers.Counter.Initialize() == SensorReadStatus.Ok, "counter driver initialisation failed");
        }

        [TestMethod]
        public void Temperature_sensor_answers_with_its_device_id()
        {
            II2cDevice device = DeviceBoard.Board.TemperatureSensor;
            byte[] pointer = new byte[] { (byte)TemperatureSensorRegister.DeviceId };
            byte[] id = new byte[2];
            I2cTransferStatus status = device.WriteRead(pointer, 0, 1, id, 0, 2, out int _);
            int value = ((id[0] << 8) | id[1]) & TemperatureSensorConfiguration.DeviceIdMask;
            OutputHelper.WriteLine("temperature at 0x" + BoardPins.TemperatureSensorAddress.ToString("X2") + ": " + status.ToString() + ", id 0x" + value.ToString("X4"));
            Assert.IsTrue(status == I2cTransferStatus.FullTransfer, "temperature sensor did not acknowledge");
            Assert.AreEqual(TemperatureSensorConfiguration.DeviceId, value);
            Assert.IsTrue(DeviceBoard.Drivers.Temperature.Initialize() == SensorReadStatus.Ok, "temperature driver initialisation failed");
        }
    }
}
