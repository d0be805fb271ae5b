namespace ChamberFirmware.Hal.Simulated.Interlock
{

/// <summary>
/// The interlock's retriggerable hold circuit (charge pump). The bank is powered from the second
/// of two keep-alive edges less than the hold time apart (one stray edge at reset cannot power
/// it) and stays powered until a hold time passes with no edge. Power is off at power-on.
/// </summary>
public sealed class SimulatedHoldCircuit
{
    private long _lastEdge = long.MinValue / 2;

    public SimulatedHoldCircuit(long holdMicroseconds)
    {
        HoldMicroseconds = holdMicroseconds;
    }

    public long HoldMicroseconds { get; }

    /// <summary>Fault: the bank stays powered with no edges at all.</summary>
    public bool StuckPowered { get; set; }

    /// <summary>True while the bank supply is up (as last evaluated).</summary>
    public bool Powered => StuckPowered || PoweredByEdges;

    private bool PoweredByEdges { get; set; }

    /// <summary>When the bank will drop if no edge comes: long.MaxValue when it is not powered by edges.</summary>
    public long DropsAtMicroseconds => PoweredByEdges ? _lastEdge + HoldMicroseconds : long.MaxValue;

    /// <summary>How many times the bank dropped because edges stopped.</summary>
    public int Drops { get; private set; }

    public void OnEdge(long nowMicroseconds)
    {
        Expire(nowMicroseconds);
        if (nowMicroseconds - _lastEdge < HoldMicroseconds)
        {
            PoweredByEdges = true;
        }

        _lastEdge = nowMicroseconds;
    }

    /// <summary>Drops the supply if the hold time has run out by <paramref name="nowMicroseconds"/>.</summary>
    public void Expire(long nowMicroseconds)
    {
        if (PoweredByEdges && nowMicroseconds >= _lastEdge + HoldMicroseconds)
        {
            PoweredByEdges = false;
            Drops++;
        }
    }
}
}
