namespace ChamberFirmware.Hal.Board
{
    /// <summary>
    /// GPIO numbers of the chamber controller board (ESP32-WROOM-32E module). Chosen to keep the
    /// emitter enables off pins that glitch or are straps at reset, and to give the readbacks the
    /// input-only pins; docs/hardware.md has the table and the reasons.
    /// </summary>
    public static class Esp32PinMap
    {
        public const int SensorBusData = 21;
        public const int SensorBusClock = 22;

        public const int EmitterEnable0 = 4;
        public const int EmitterEnable1 = 13;
        public const int EmitterEnable2 = 16;
        public const int EmitterEnable3 = 17;
        public const int EmitterEnable4 = 18;
        public const int EmitterEnable5 = 19;
        public const int EmitterEnable6 = 23;
        public const int EmitterEnable7 = 25;

        public const int EmitterReadback0 = 34;
        public const int EmitterReadback1 = 35;
        public const int EmitterReadback2 = 36;
        public const int EmitterReadback3 = 39;
        public const int EmitterReadback4 = 32;
        public const int EmitterReadback5 = 14;
        public const int EmitterReadback6 = 15;
        public const int EmitterReadback7 = 2;

        public const int KeepAlive = 26;
        public const int InterlockPowerSense = 5;
        public const int StatusLed = 27;
        public const int Buzzer = 33;

        /// <summary>GPIO12 is free because the VDD_SDIO eFuse is burned to 3.3 V at manufacture.</summary>
        public const int ProvisioningJumper = 12;

        /// <summary>Not a valid GPIO: returned for a channel outside the bank.</summary>
        public const int NoPin = -1;

        /// <summary>GPIO of a channel's enable output, or <see cref="NoPin"/>.</summary>
        public static int EmitterEnable(int channel)
        {
            switch (channel)
            {
                case 0: return EmitterEnable0;
                case 1: return EmitterEnable1;
                case 2: return EmitterEnable2;
                case 3: return EmitterEnable3;
                case 4: return EmitterEnable4;
                case 5: return EmitterEnable5;
                case 6: return EmitterEnable6;
                case 7: return EmitterEnable7;
                default: return NoPin;
            }
        }

        /// <summary>GPIO of a channel's readback input, or <see cref="NoPin"/>.</summary>
        public static int EmitterReadback(int channel)
        {
            switch (channel)
            {
                case 0: return EmitterReadback0;
                case 1: return EmitterReadback1;
                case 2: return EmitterReadback2;
                case 3: return EmitterReadback3;
                case 4: return EmitterReadback4;
                case 5: return EmitterReadback5;
                case 6: return EmitterReadback6;
                case 7: return EmitterReadback7;
                default: return NoPin;
            }
        }
    }
}
