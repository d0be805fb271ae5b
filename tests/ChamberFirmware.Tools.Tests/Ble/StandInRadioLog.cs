using System.Threading;

namespace ChamberFirmware.Tools.Tests.Ble;

/// <summary>Sizes of what the stand-in carried over the air (kept across connections, which unexport the characteristics).</summary>
internal sealed class StandInRadioLog
{
    private int _longestWrite;
    private int _longestNotification;
    private int _oversized;

    /// <summary>The longest value a central wrote.</summary>
    public int LongestWrite => Volatile.Read(ref _longestWrite);

    /// <summary>The longest value the board notified.</summary>
    public int LongestNotification => Volatile.Read(ref _longestNotification);

    /// <summary>Notifications longer than MTU − 3, not delivered: NimBLE would cut them, so the console would get no frame.</summary>
    public int OversizedNotifications => Volatile.Read(ref _oversized);

    public void Written(int length) => Raise(ref _longestWrite, length);

    public void Notified(int length) => Raise(ref _longestNotification, length);

    public void Oversized() => Interlocked.Increment(ref _oversized);

    private static void Raise(ref int field, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref field)) && Interlocked.CompareExchange(ref field, value, current) != current)
        {
        }
    }
}
