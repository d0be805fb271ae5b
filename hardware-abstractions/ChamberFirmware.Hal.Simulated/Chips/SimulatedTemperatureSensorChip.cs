using System;
using ChamberFirmware.Hal.Clock;
using ChamberFirmware.Hal.Drivers.Temperature;
using ChamberFirmware.Hal.Simulated.I2c;
using ChamberFirmware.Hal.Simulated.Plant;

namespace ChamberFirmware.Hal.Simulated.Chips
{

/// <summary>
/// The TMP117-compatible chamber temperature sensor: 16-bit big-endian registers, power-on result
/// 0x8000 and configuration 0x0220 (continuous, 1 s cycle), 15.5 ms cycle once configured with
/// CONV=0/AVG=0, Data_Ready cleared by reading Configuration or the result, no auto-increment.
/// </summary>
public sealed class SimulatedTemperatureSensorChip : SimulatedRegisterDevice
{
    public const int WrongDeviceIdValue = 0x0116;

    /// <summary>255.99 °C: beyond the part's range, but well-formed.</summary>
    public const int OutOfRangeRaw = 0x7FFF;

    /// <summary>Conversion noise, ± LSB (7.8125 m°C each).</summary>
    public const int NoiseLsb = 1;

    private const int WritableConfigurationBits = 0x0FFC;
    private const int ModeShutdown = 0x0400;
    private const int ModeMask = 0x0C00;
    private const int CycleMask = 0x03E0;

    private readonly ushort[] _registers = new ushort[16];
    private readonly IMonotonicClock _clock;
    private readonly DeterministicRandom _noise;

    public SimulatedTemperatureSensorChip(int address, IMonotonicClock clock, int seed)
        : base(address, seed ^ 0x7117)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _noise = new DeterministicRandom(seed ^ 0x0117);
        PowerOnReset();
    }

    public bool DataReady { get; private set; }

    public int Configuration => _registers[(int)TemperatureSensorRegister.Configuration];

    public int RawResult => _registers[(int)TemperatureSensorRegister.TemperatureResult];

    /// <summary>When the part next finishes a conversion, long.MaxValue in shutdown.</summary>
    public long NextConversionAtMicroseconds { get; private set; }

    public long CycleMicroseconds => (Configuration & CycleMask) == 0 ? TemperatureSensorConfiguration.ConversionCycleMicroseconds : 1_000_000;

    public long Conversions { get; private set; }

    public void PowerOnReset()
    {
        Array.Clear(_registers, 0, _registers.Length);
        _registers[(int)TemperatureSensorRegister.TemperatureResult] = TemperatureSensorConfiguration.NoConversionResult;
        _registers[(int)TemperatureSensorRegister.Configuration] = TemperatureSensorConfiguration.PowerOnValue;
        _registers[(int)TemperatureSensorRegister.HighLimit] = 0x6000;
        _registers[(int)TemperatureSensorRegister.LowLimit] = 0x8000;
        _registers[(int)TemperatureSensorRegister.DeviceId] = TemperatureSensorConfiguration.DeviceId;
        DataReady = false;
        RegisterPointer = 0;
        NextConversionAtMicroseconds = _clock.NowMicroseconds + CycleMicroseconds;
    }

    /// <summary>Completes a conversion of <paramref name="trueMilliCelsius"/> at <paramref name="atMicroseconds"/>.</summary>
    public void Convert(long atMicroseconds, long trueMilliCelsius)
    {
        // The part's own oscillator: the cycle runs from the last due time, not from the 1 ms
        // step that noticed it, so 15.5 ms stays 15.5 ms on average.
        NextConversionAtMicroseconds = LongMath.Max(NextConversionAtMicroseconds + CycleMicroseconds, atMicroseconds + 1);
        if ((Configuration & ModeMask) == ModeShutdown)
        {
            return;
        }

        if (Has(ChipFaults.FrozenSequence))
        {
            return; // hung: no new conversion, data-ready never sets again
        }

        Conversions++;
        DataReady = true;
        if (Has(ChipFaults.StuckValue))
        {
            return;
        }

        // 7.8125 m°C per LSB: raw = m°C * 128 / 1000.
        // Conversion noise of ±1 LSB (uniform), as a real part's unaveraged result jitters from
        // one conversion to the next: a live sensor never repeats one value for seconds.
        long raw = trueMilliCelsius * 128 / 1000 + _noise.NextSymmetric(NoiseLsb);
        raw = LongMath.Clamp(raw, -0x8000 + 1, 0x7FFF);
        _registers[(int)TemperatureSensorRegister.TemperatureResult] = unchecked((ushort)(short)raw);
    }

    protected override void ReadRegisters(byte pointer, byte[] buffer, int offset, int count)
    {
        int value = RegisterValue(pointer);
        for (int i = 0; i < count; i++)
        {
            // No auto-increment: longer reads repeat the same 16-bit register.
            buffer[offset + i] = (i & 1) == 0 ? (byte)(value >> 8) : (byte)value;
        }

        if (pointer is (byte)TemperatureSensorRegister.Configuration or (byte)TemperatureSensorRegister.TemperatureResult && !Has(ChipFaults.FrozenSequence))
        {
            DataReady = false;
        }
    }

    protected override void WriteRegisters(byte pointer, byte[] data, int offset, int count)
    {
        if (count < 2 || pointer >= _registers.Length)
        {
            return;
        }

        int value = (data[offset] << 8) | data[offset + 1];
        switch (pointer)
        {
            case (byte)TemperatureSensorRegister.Configuration:
                if ((value & 0x0002) != 0)
                {
                    PowerOnReset();
                    return;
                }

                _registers[pointer] = (ushort)(value & WritableConfigurationBits);
                // A new configuration restarts the conversion cycle.
                NextConversionAtMicroseconds = _clock.NowMicroseconds + CycleMicroseconds;
                break;
            case (byte)TemperatureSensorRegister.HighLimit:
            case (byte)TemperatureSensorRegister.LowLimit:
            case (byte)TemperatureSensorRegister.TemperatureOffset:
                _registers[pointer] = (ushort)value;
                break;
            default:
                break; // read-only or EEPROM registers this board never writes
        }
    }

    private int RegisterValue(byte pointer)
    {
        if (pointer >= _registers.Length)
        {
            return 0;
        }

        switch (pointer)
        {
            case (byte)TemperatureSensorRegister.Configuration:
                int configuration = Configuration | (DataReady ? TemperatureSensorConfiguration.DataReady : 0);
                return Has(ChipFaults.ReservedBitsSet) ? configuration | 0x0001 : configuration;
            case (byte)TemperatureSensorRegister.TemperatureResult:
                return Has(ChipFaults.OutOfRangeValue) ? OutOfRangeRaw : RawResult;
            case (byte)TemperatureSensorRegister.DeviceId:
                return Has(ChipFaults.WrongDeviceId) ? WrongDeviceIdValue : _registers[pointer];
            default:
                return _registers[pointer];
        }
    }
}
}
