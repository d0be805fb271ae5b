using System;

namespace ChamberFirmware.Hal.Simulated.Plant
{

/// <summary>
/// The virtual chamber: the nanobot population and the chamber temperature, stepped in fixed
/// 1 ms steps with integer arithmetic (exact, platform-independent, deterministic from the seed,
/// a few nanoseconds per step, no allocation).
/// Population: replicates in proportion to the number of powered channels, decays always, and in
/// rogue mode replicates on its own; saturates at the carrying capacity.
/// Temperature: rises with the powered channels and relaxes toward ambient (Newton cooling).
/// </summary>
public sealed class ChamberPlant
{
    public const long StepMicroseconds = 1_000;
    private const long PartsPerBillion = 1_000_000_000;

    private readonly PlantParameters _parameters;

    // Copies of the parameters in fields: the step is the simulator's hottest loop.
    private readonly long _growthPerChannel;
    private readonly long _decay;
    private readonly long _capacity;
    private readonly long _heatingPerChannel;
    private readonly long _coolingTimeConstant;
    private readonly long _ambientMicroCelsius;
    private long _populationRemainder;
    private long _temperatureMicroCelsius;
    private long _coolingRemainder;

    public ChamberPlant(PlantParameters parameters, int seed)
    {
        _parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        // DeterministicRandom mixes the seed with SplitMix64 first: System.Random's first
        // NextInt64(-spread, spread + 1) is the same for every seed, which gave every seeded
        // chamber the same initial count.
        var random = new DeterministicRandom(seed);
        long spread = parameters.InitialCount * parameters.InitialCountSpreadPermille / 1000;
        TrueCount = LongMath.Max(0, parameters.InitialCount + random.NextSymmetric(spread));
        AmbientMilliCelsius = parameters.AmbientMilliCelsius + random.NextSymmetric(parameters.AmbientSpreadMilliCelsius);
        _temperatureMicroCelsius = AmbientMilliCelsius * 1000;
        _growthPerChannel = parameters.GrowthPpbPerMillisecondPerChannel;
        _decay = parameters.DecayPpbPerMillisecond;
        RogueGrowthPpbPerMillisecond = parameters.RogueGrowthPpbPerMillisecond;
        _capacity = parameters.CarryingCapacity;
        _heatingPerChannel = parameters.HeatingMicroCelsiusPerMillisecondPerChannel;
        _coolingTimeConstant = LongMath.Max(1, parameters.CoolingTimeConstantMilliseconds);
        _ambientMicroCelsius = AmbientMilliCelsius * 1000;
    }

    public PlantParameters Parameters => _parameters;

    /// <summary>The real number of nanobots (ground truth).</summary>
    public long TrueCount { get; private set; }

    public long AmbientMilliCelsius { get; }

    /// <summary>The real chamber temperature (ground truth), m°C.</summary>
    public long TrueTemperatureMilliCelsius => _temperatureMicroCelsius / 1000;

    public int TrueTemperatureCentiCelsius => (int)(_temperatureMicroCelsius / 10_000);

    public bool RogueReplication { get; set; }

    /// <summary>Growth added in rogue mode (ppb per 1 ms step); starts at the parameters' value, a HIL rig sets its own.</summary>
    public long RogueGrowthPpbPerMillisecond { get; set; }

    /// <summary>
    /// When true, the chamber temperature is held at <see cref="PinnedTemperatureMilliCelsius"/>
    /// instead of following the heat model: a rig that emulates the temperature sensor reports what
    /// it is told.
    /// </summary>
    public bool TemperaturePinned { get; set; }

    /// <summary>The held temperature (m°C) while <see cref="TemperaturePinned"/>.</summary>
    public long PinnedTemperatureMilliCelsius { get; set; }

    public long Steps { get; private set; }

    /// <summary>Advances the chamber by one 1 ms step with <paramref name="poweredChannels"/> really emitting.</summary>
    public void Step(int poweredChannels)
    {
        long count = TrueCount;
        long rate = poweredChannels * _growthPerChannel - _decay;
        if (RogueReplication)
        {
            rate += RogueGrowthPpbPerMillisecond;
        }

        // count * rate fits easily: count ≤ 1e10, |rate| ≤ a few 1e6.
        long accumulated = _populationRemainder + count * rate;
        long delta = accumulated / PartsPerBillion;
        _populationRemainder = accumulated - delta * PartsPerBillion;
        count += delta;
        if (count <= 0)
        {
            count = 0;
            _populationRemainder = 0;
        }
        else if (count >= _capacity)
        {
            count = _capacity;
            _populationRemainder = 0;
        }

        TrueCount = count;

        if (TemperaturePinned)
        {
            _temperatureMicroCelsius = PinnedTemperatureMilliCelsius * 1000;
            _coolingRemainder = 0;
            Steps++;
            return;
        }

        // Newton cooling, (T - ambient) / tau per step; the remainder is carried so small
        // differences still relax all the way to ambient.
        long cooling = _coolingRemainder + (_temperatureMicroCelsius - _ambientMicroCelsius);
        long coolingStep = cooling / _coolingTimeConstant;
        _coolingRemainder = cooling - coolingStep * _coolingTimeConstant;
        _temperatureMicroCelsius += poweredChannels * _heatingPerChannel - coolingStep;
        Steps++;
    }
}
}
