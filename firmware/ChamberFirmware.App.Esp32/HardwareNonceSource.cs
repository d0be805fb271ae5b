using System;
using ChamberFirmware.Core.Link;

namespace ChamberFirmware.App.Esp32
{
    /// <summary>
    /// Session nonces from the ESP32 hardware RNG. On the ESP32 nanoCLR, System.Random is not a
    /// seeded PRNG: CLR_RT_Random ignores the seed and NextBytes fills each byte from esp_random()
    /// (nanoframework/nf-interpreter targets/ESP32/_nanoCLR/targetRandom.cpp; managed side
    /// nanoframework/CoreLibrary nanoFramework.CoreLibrary/System/Random.cs, NextBytes(byte[])).
    /// esp_random() is a true RNG while the radio runs (BLE is on here). Only on the device.
    /// </summary>
    public sealed class HardwareNonceSource : INonceSource
    {
        private readonly Random _random = new Random();
        private readonly byte[] _scratch = new byte[64];
        private readonly object _sync = new object();

        public void Fill(byte[] buffer, int offset, int count)
        {
            lock (_sync)
            {
                while (count > 0)
                {
                    int chunk = count < _scratch.Length ? count : _scratch.Length;
                    _random.NextBytes(_scratch);
                    Array.Copy(_scratch, 0, buffer, offset, chunk);
                    offset += chunk;
                    count -= chunk;
                }

                Array.Clear(_scratch, 0, _scratch.Length);
            }
        }
    }
}
