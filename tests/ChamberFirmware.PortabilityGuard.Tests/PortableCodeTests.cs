using Xunit;

namespace ChamberFirmware.PortabilityGuard.Tests
{
    /// <summary>Ordinary portable code, using only allowlisted APIs and host-only lowerings, passes.</summary>
    public class PortableCodeTests
    {
        [Fact]
        public void Class_using_allowlisted_members_only_passes()
        {
            const string source = @"
using System;
using System.Collections;
using System.Text;

namespace Snippets
{
    public delegate void ReadingHandler(object sender, int value);

    [Flags]
    public enum Faults { None = 0, OverTemperature = 1, Interlock = 2 }

    public readonly struct Reading
    {
        public Reading(int value, Faults faults) { Value = value; Faults = faults; }
        public int Value { get; }
        public Faults Faults { get; }
    }

    public sealed class Supervisor : IDisposable
    {
        private readonly object _gate = new object();
        private readonly ArrayList _history = new ArrayList();
        private int _ticks;

        public event ReadingHandler ReadingTaken;

        public int Record(int value)
        {
            lock (_gate)
            {
                _history.Add(value);
                System.Threading.Interlocked.Increment(ref _ticks);
            }

            var handler = ReadingTaken;
            if (handler != null)
            {
                handler(this, value);
            }

            return Math.Abs(value) + Math.Max(1, 2);
        }

        public string Describe(string unit)
        {
            var text = new StringBuilder();
            foreach (object entry in _history)
            {
                text.Append((int)entry).Append(' ');
            }

            switch (unit)
            {
                case ""mC"": text.Append(""millidegrees""); break;
                case ""mV"": text.Append(""millivolts""); break;
                default: text.Append(unit); break;
            }

            return ""ticks="" + _ticks.ToString() + "" "" + text.ToString() + "" "" + typeof(Supervisor).ToString();
        }

        public int Check(byte[] frame)
        {
            if (frame == null) throw new ArgumentNullException(""frame"");
            if (frame.Length < 2) throw new ArgumentOutOfRangeException(""frame"", ""too short"");
            var copy = new byte[frame.Length];
            Array.Copy(frame, copy, frame.Length);
            var table = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
            return copy[0] + table[frame[1] % table.Length];
        }

        public void Dispose()
        {
            _history.Clear();
        }
    }
}";
            GuardAssert.IsPortable(GuardAssert.Check(source));
        }
    }
}
