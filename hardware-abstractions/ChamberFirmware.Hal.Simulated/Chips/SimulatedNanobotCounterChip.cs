using System;
using ChamberFirmware.Hal.Clock;
using ChamberFirmware.Hal.Drivers.Counter;
using ChamberFirmware.Hal.Simulated.I2c;
using ChamberFirmware.Hal.Simulated.Plant;

namespace ChamberFirmware.Hal.Simulated.Chips
{

/// <summary>
/// The NC24 nanobot counter as its datasheet (docs/hardware.md) describes it: idle at power-on,
/// converting every ConversionTime once RUN is set, each conversion advancing the sequence number
/// and setting DataReady; the measurement block is latched when a read starts at Status, carries a
/// CRC-8 and clears DataReady when read. Counts above full scale read full scale with Overflow.
/// </summary>
public sealed class SimulatedNanobotCounterChip : SimulatedRegisterDevice
{
    public const int ConversionTimeRegisterValue = 50;
    public const int WrongDeviceIdValue = 0x1234;

    private readonly IMonotonicClock _clock;
    private readonly DeterministicRandom _noise;
    private readonly byte[] _block = new byte[NanobotCounterIdentity.MeasurementBlockLength];

    public SimulatedNanobotCounterChip(int address, IMonotonicClock clock, int seed, int noisePermille = 1)
        : base(address, seed ^ 0x5A17)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _noise = new DeterministicRandom(seed);
        NoisePermille = noisePermille;
        PowerOnReset();
    }

    public int ConversionTimeMicroseconds => ConversionTimeRegisterValue * NanobotCounterIdentity.ConversionTimeUnitMicroseconds;

    /// <summary>Measurement noise, ± per-mille of the count (uniform).</summary>
    public int NoisePermille { get; }

    public bool Running { get; private set; }

    public int Sequence { get; private set; }

    /// <summary>The count the part holds (after noise and saturation).</summary>
    public int LatestCount { get; private set; }

    public bool DataReady { get; private set; }

    public bool Overflow { get; private set; }

    public long NextConversionAtMicroseconds { get; private set; } = long.MaxValue;

    public long Conversions { get; private set; }

    public void PowerOnReset()
    {
        Running = false;
        Sequence = 0;
        LatestCount = 0;
        DataReady = false;
        Overflow = false;
        NextConversionAtMicroseconds = long.MaxValue;
        RegisterPointer = 0;
    }

    /// <summary>Completes a conversion of <paramref name="trueCount"/> at <paramref name="atMicroseconds"/>.</summary>
    public void Convert(long atMicroseconds, long trueCount)
    {
        if (!Running)
        {
            return;
        }

        NextConversionAtMicroseconds = LongMath.Max(NextConversionAtMicroseconds + ConversionTimeMicroseconds, atMicroseconds + 1);
        if (Has(ChipFaults.FrozenSequence))
        {
            // Hung with the data-ready latch set: the same block keeps claiming to be new. Only
            // the sequence number gives it away, which is why the supervisor watches it.
            DataReady = true;
            return;
        }

        Conversions++;
        Sequence = (Sequence + 1) & 0xFF;
        DataReady = true;
        if (Has(ChipFaults.StuckValue))
        {
            return;
        }

        long measured = trueCount + _noise.NextSymmetric(trueCount * NoisePermille / 1000);
        if (measured < 0)
        {
            measured = 0;
        }

        Overflow = measured > NanobotCounterIdentity.FullScaleCount;
        LatestCount = (int)LongMath.Min(measured, NanobotCounterIdentity.FullScaleCount);
    }

    protected override void ReadRegisters(byte pointer, byte[] buffer, int offset, int count)
    {
        bool blockRead = pointer >= (byte)NanobotCounterRegister.Status && pointer <= (byte)NanobotCounterRegister.Crc;
        if (pointer == (byte)NanobotCounterRegister.Status)
        {
            LatchBlock();
        }

        for (int i = 0; i < count; i++)
        {
            buffer[offset + i] = RegisterValue(pointer + i);
        }

        if (blockRead && pointer + count > (int)NanobotCounterRegister.Crc && !Has(ChipFaults.FrozenSequence))
        {
            DataReady = false;
        }

        RegisterPointer = (byte)(pointer + count);
    }

    protected override void WriteRegisters(byte pointer, byte[] data, int offset, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (pointer + i == (int)NanobotCounterRegister.Control)
            {
                WriteControl(data[offset + i]);
            }
            // Every other register is read-only: writes are ignored, as the datasheet says.
        }
    }

    private void WriteControl(byte value)
    {
        if ((value & 0x80) != 0)
        {
            PowerOnReset();
            return;
        }

        bool run = (value & NanobotCounterIdentity.ControlRun) != 0;
        if (run && !Running)
        {
            NextConversionAtMicroseconds = _clock.NowMicroseconds + ConversionTimeMicroseconds;
        }
        else if (!run)
        {
            NextConversionAtMicroseconds = long.MaxValue;
        }

        Running = run;
    }

    private void LatchBlock()
    {
        int count = Has(ChipFaults.OutOfRangeValue) ? 0xFFFFFF : LatestCount;
        int status = (DataReady ? NanobotCounterStatus.DataReady : 0) | (Overflow ? NanobotCounterStatus.Overflow : 0);
        if (Has(ChipFaults.ReservedBitsSet))
        {
            status |= 0x40;
        }

        _block[0] = (byte)status;
        _block[1] = (byte)Sequence;
        _block[2] = (byte)(count >> 16);
        _block[3] = (byte)(count >> 8);
        _block[4] = (byte)count;
        byte crc = NanobotCounterCrc.Compute(_block, 0, 5);
        _block[5] = Has(ChipFaults.CrcError) ? (byte)(crc ^ 0x5A) : crc;
    }

    private byte RegisterValue(int register)
    {
        bool wrongId = Has(ChipFaults.WrongDeviceId);
        return register switch
        {
            (int)NanobotCounterRegister.DeviceIdHigh => (byte)((wrongId ? WrongDeviceIdValue : NanobotCounterIdentity.DeviceId) >> 8),
            (int)NanobotCounterRegister.DeviceIdLow => (byte)(wrongId ? WrongDeviceIdValue : NanobotCounterIdentity.DeviceId),
            (int)NanobotCounterRegister.Revision => 0x01,
            >= (int)NanobotCounterRegister.Status and <= (int)NanobotCounterRegister.Crc => _block[register - (int)NanobotCounterRegister.Status],
            (int)NanobotCounterRegister.Control => (byte)(Running ? NanobotCounterIdentity.ControlRun : 0),
            (int)NanobotCounterRegister.ConversionTime => ConversionTimeRegisterValue,
            _ => 0x00,
        };
    }
}
}
