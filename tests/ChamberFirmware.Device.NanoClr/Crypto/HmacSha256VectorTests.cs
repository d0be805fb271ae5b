using ChamberFirmware.Core.Crypto;
using nanoFramework.TestFramework;

namespace ChamberFirmware.Device.NanoClr.Crypto
{
    /// <summary>The portable SHA-256 and HMAC-SHA256 on the interpreter: RFC 4231 test cases 1-7 (case 5 truncated to 128 bits) and FIPS 180-2.</summary>
    [TestClass]
    public class HmacSha256VectorTests
    {
        [TestMethod]
        public void Rfc4231_case_1() => Check("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");

        [TestMethod]
        public void Rfc4231_case_2() => Check("4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");

        [TestMethod]
        public void Rfc4231_case_3() => Check("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", Hex.Repeat("dd", 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");

        [TestMethod]
        public void Rfc4231_case_4() => Check("0102030405060708090a0b0c0d0e0f10111213141516171819", Hex.Repeat("cd", 50), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");

        [TestMethod]
        public void Rfc4231_case_5_truncated() => Check("0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c", "546573742057697468205472756e636174696f6e", "a3b6167473100ee06e0c796c2955552b");

        [TestMethod]
        public void Rfc4231_case_6_key_longer_than_a_block() => Check(Hex.Repeat("aa", 131), "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374", "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");

        [TestMethod]
        public void Rfc4231_case_7_key_and_data_longer_than_a_block() => Check(Hex.Repeat("aa", 131), "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e", "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");

        [TestMethod]
        public void Incremental_updates_across_block_boundaries_give_the_one_shot_tag()
        {
            byte[] key = Hex.Decode("4a656665");
            byte[] data = Hex.Decode(Hex.Repeat("5a", 200));
            HmacSha256 mac = new HmacSha256();
            Assert.IsTrue(mac.SetKey(key, 0, key.Length));
            byte[] oneShot = new byte[32];
            Assert.IsTrue(mac.Compute(data, 0, data.Length, oneShot, 0));

            mac.Start();
            int at = 0;
            int chunk = 1;
            while (at < data.Length)
            {
                int count = chunk < data.Length - at ? chunk : data.Length - at;
                Assert.IsTrue(mac.Update(data, at, count));
                at += count;
                chunk = (chunk * 7 % 65) + 1;
            }

            byte[] pieces = new byte[32];
            Assert.IsTrue(mac.Finish(pieces, 0));
            Assert.IsTrue(Hex.Equal(oneShot, pieces, 32));
        }

        [TestMethod]
        public void A_one_bit_change_of_the_message_changes_the_tag()
        {
            byte[] key = Hex.Decode("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
            byte[] data = Hex.Decode("4869205468657265");
            HmacSha256 mac = new HmacSha256();
            mac.SetKey(key, 0, key.Length);
            byte[] first = new byte[32];
            mac.Compute(data, 0, data.Length, first, 0);
            data[3] ^= 0x01;
            byte[] second = new byte[32];
            mac.Compute(data, 0, data.Length, second, 0);
            Assert.IsFalse(Hex.Equal(first, second, 32));
        }

        private static void Check(string keyHex, string dataHex, string expectedHex)
        {
            byte[] key = Hex.Decode(keyHex);
            byte[] data = Hex.Decode(dataHex);
            byte[] expected = Hex.Decode(expectedHex);
            HmacSha256 mac = new HmacSha256();
            Assert.IsTrue(mac.SetKey(key, 0, key.Length));
            byte[] tag = new byte[32];
            Assert.IsTrue(mac.Compute(data, 0, data.Length, tag, 0));
            Assert.IsTrue(Hex.Equal(expected, tag, expected.Length), "tag differs from RFC 4231");
        }
    }
}
