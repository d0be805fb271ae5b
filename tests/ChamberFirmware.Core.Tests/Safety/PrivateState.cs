using System;
using System.Reflection;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>
/// Sets a unit's private counter directly, for the saturation tests only: reaching int.MaxValue by
/// ticking takes 2^31 calls (248 days of 10 ms ticks on a device that may well stay up that long).
/// Fails loudly when the field is renamed, so such a test cannot silently test nothing.
/// </summary>
internal static class PrivateState
{
    public static void Set(object target, string field, object value)
    {
        FieldInfo info = target.GetType().GetField(field, BindingFlags.NonPublic | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"{target.GetType().Name} has no field {field}");
        info.SetValue(target, value);
    }
}
