using System;
using System.Threading;

namespace ChamberFirmware.Starvation
{
    /// <summary>
    /// The scheduling fact the design rests on, checked on every run (nothing stretched): a Highest
    /// thread in a Thread.Sleep(10) loop, alone, then with a Normal thread that computes without a
    /// pause, then with one that calls Thread.Sleep(0) every ~1000 loop iterations. nanoCLR makes a
    /// sleeper ready only between two runs of other threads, so in the second case the Highest thread
    /// waits for the Normal thread's 20 ms quantum; in the third it gets in at the next yield.
    /// Prints "probe,CASE,TICKS,MEDIAN µs,MAX µs".
    /// </summary>
    public sealed class SchedulerProbe
    {
        private const int Ticks = 40;

        private readonly long[] _intervals = new long[Ticks];
        private bool _stop;
        private bool _yielding;
        private int _sink;

        public void Run()
        {
            Measure("alone", false, false);
            Measure("busy-normal", true, false);
            Measure("yielding-normal", true, true);
        }

        private void Measure(string name, bool busy, bool yielding)
        {
            _stop = false;
            _yielding = yielding;
            Thread other = null;
            if (busy)
            {
                other = new Thread(Busy);
                other.Priority = ThreadPriority.Normal;
                other.Start();
            }

            Thread sleeper = new Thread(Sleeper);
            sleeper.Priority = ThreadPriority.Highest;
            sleeper.Start();
            sleeper.Join();
            _stop = true;
            if (other != null)
            {
                other.Join();
            }

            // Median and maximum by counting: nanoFramework has no Array.Sort.
            long max = 0;
            for (int i = 0; i < Ticks; i++)
            {
                max = _intervals[i] > max ? _intervals[i] : max;
            }

            long median = 0;
            for (int i = 0; i < Ticks; i++)
            {
                int below = 0;
                for (int j = 0; j < Ticks; j++)
                {
                    below += _intervals[j] < _intervals[i] ? 1 : 0;
                }

                if (below <= Ticks / 2 && _intervals[i] > median)
                {
                    median = _intervals[i];
                }
            }

            Console.WriteLine("probe," + name + "," + Ticks.ToString() + "," + median.ToString() + "," + max.ToString());
        }

        private void Sleeper()
        {
            long previous = DateTime.UtcNow.Ticks / 10;
            for (int i = 0; i < Ticks; i++)
            {
                Thread.Sleep(10);
                long now = DateTime.UtcNow.Ticks / 10;
                _intervals[i] = now - previous;
                previous = now;
            }
        }

        private void Busy()
        {
            int x = 0;
            while (!_stop)
            {
                for (int k = 0; k < 1000; k++)
                {
                    x += k ^ (x >> 3);
                }

                if (_yielding)
                {
                    Thread.Sleep(0);
                }
            }

            _sink += x;
        }
    }
}
