using System;
using ChamberFirmware.Hal.Board;
using ChamberFirmware.Hal.Gpio;

namespace ChamberFirmware.Hal.Drivers.Interlock
{
    /// <summary>
    /// The master interlock: a retriggerable hold circuit that powers the emitter bank only while
    /// the keep-alive line keeps changing. The supervisor calls <see cref="ToggleKeepAlive"/> once
    /// per tick; if it stops for longer than <see cref="HoldTimeMicroseconds"/> (a hung CPU, a cut),
    /// the bank loses power in hardware. <see cref="IsBankPowered"/> reads the power-sense line so
    /// the cut-path self-test can check that the bank really dropped.
    /// </summary>
    public sealed class EmitterInterlock
    {
        private readonly IKeepAliveOutput _keepAlive;
        private readonly IDigitalInput _powerSense;
        private long _toggles;

        public EmitterInterlock(IKeepAliveOutput keepAlive, IDigitalInput powerSense)
        {
            if (keepAlive == null)
            {
                throw new ArgumentNullException(nameof(keepAlive));
            }

            if (powerSense == null)
            {
                throw new ArgumentNullException(nameof(powerSense));
            }

            _keepAlive = keepAlive;
            _powerSense = powerSense;
        }

        /// <summary>The board's hold time (docs/hardware.md explains the figure).</summary>
        public int HoldTimeMicroseconds => BoardPins.KeepAliveHoldMicroseconds;

        /// <summary>Keep-alive edges sent since construction.</summary>
        public long Toggles => _toggles;

        /// <summary>One keep-alive edge: retriggers the hold circuit for one more hold time.</summary>
        public void ToggleKeepAlive()
        {
            _keepAlive.Toggle();
            _toggles++;
        }

        /// <summary>True while the bank supply is up (power-sense line high).</summary>
        public bool IsBankPowered()
        {
            return _powerSense.Read();
        }
    }
}
