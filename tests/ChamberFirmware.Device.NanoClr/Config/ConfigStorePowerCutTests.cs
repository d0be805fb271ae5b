using ChamberFirmware.Core.Config;
using nanoFramework.TestFramework;

namespace ChamberFirmware.Device.NanoClr.Config
{
    /// <summary>The A/B configuration store on the interpreter: a power cut at every byte of a commit leaves the old configuration or the new one, never a mix.</summary>
    [TestClass]
    public class ConfigStorePowerCutTests
    {
        [TestMethod]
        public void A_commit_survives_a_reboot()
        {
            PowerCutStorage storage = new PowerCutStorage();
            ConfigStore store = Boot(storage);
            Assert.AreEqual((int)ConfigCommitStatus.Ok, (int)store.Commit(Record("CH-OLD", 1)));

            ConfigStore rebooted = Boot(storage);
            Assert.IsTrue(rebooted.IsProvisioned);
            Assert.AreEqual("CH-OLD", rebooted.SerialNumber);
        }

        [TestMethod]
        public void A_power_cut_at_every_byte_of_a_commit_leaves_the_old_or_the_new_configuration()
        {
            int length = Encoded(Record("CH-NEW", 2));
            int sawOld = 0;
            int sawNew = 0;
            for (int cut = 0; cut <= length; cut++)
            {
                PowerCutStorage storage = new PowerCutStorage();
                ConfigStore store = Boot(storage);
                Assert.AreEqual((int)ConfigCommitStatus.Ok, (int)store.Commit(Record("CH-OLD", 1)));
                Assert.AreEqual((int)ConfigCommitStatus.Ok, (int)store.Commit(Record("CH-MID", 2)));

                storage.CutNextWriteAfter(cut);
                store.Commit(Record("CH-NEW", 3));

                ConfigStore rebooted = Boot(storage);
                Assert.IsTrue(rebooted.IsProvisioned, "not provisioned after a cut at byte " + cut.ToString());
                string serial = rebooted.SerialNumber;
                Assert.IsTrue(serial == "CH-MID" || serial == "CH-NEW", "cut at byte " + cut.ToString() + " loaded " + serial);
                if (serial == "CH-MID")
                {
                    sawOld++;
                }
                else
                {
                    sawNew++;
                }
            }

            // Every cut inside the record keeps the old one; only the complete write gives the new.
            Assert.AreEqual(length, sawOld);
            Assert.AreEqual(1, sawNew);
        }

        private static ConfigStore Boot(PowerCutStorage storage)
        {
            ConfigStore store = new ConfigStore(storage);
            store.Load();
            return store;
        }

        private static ConfigRecord Record(string serial, byte keySeed)
        {
            ConfigRecord record = new ConfigRecord();
            record.SerialNumber = serial;
            record.HardwareRevision = "B2";
            byte[] key = new byte[ConfigRecord.LinkKeyLength];
            for (int i = 0; i < key.Length; i++)
            {
                key[i] = (byte)(keySeed + (i * 7));
            }

            record.SetLinkKey(key, 0);
            return record;
        }

        private static int Encoded(ConfigRecord record)
        {
            byte[] buffer = new byte[ConfigRecordCodec.MaxEncodedLength];
            int length;
            Assert.AreEqual((int)ConfigDecodeStatus.Ok, (int)ConfigRecordCodec.Encode(record, buffer, 0, out length));
            return length;
        }
    }
}
