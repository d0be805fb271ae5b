using System;
using ChamberFirmware.Core.Link;

namespace ChamberFirmware.Starvation
{
    /// <summary>The device's notifications as the console stand-in receives them: the LinkPump's output, a bounded queue (oldest lost when full).</summary>
    public sealed class ConsoleMailbox : ILinkOutput
    {
        private const int Capacity = 32;

        private readonly object _sync = new object();
        private readonly byte[][] _frames = new byte[Capacity][];
        private readonly int[] _lengths = new int[Capacity];
        private int _head;
        private int _count;
        private int _sent;

        public ConsoleMailbox()
        {
            for (int i = 0; i < Capacity; i++)
            {
                _frames[i] = new byte[LinkProtocol.MaxFrameSize];
            }
        }

        /// <summary>Frames the device sent (responses and telemetry).</summary>
        public int Sent => _sent;

        public void Send(byte[] frame, int length)
        {
            lock (_sync)
            {
                if (_count == Capacity)
                {
                    _head = (_head + 1) % Capacity;
                    _count--;
                }

                int tail = (_head + _count) % Capacity;
                Array.Copy(frame, 0, _frames[tail], 0, length);
                _lengths[tail] = length;
                _count++;
                _sent++;
            }
        }

        /// <summary>The oldest frame into <paramref name="buffer"/>; its length, or -1 when none waits.</summary>
        public int Take(byte[] buffer)
        {
            lock (_sync)
            {
                if (_count == 0)
                {
                    return -1;
                }

                int length = _lengths[_head];
                Array.Copy(_frames[_head], 0, buffer, 0, length);
                _head = (_head + 1) % Capacity;
                _count--;
                return length;
            }
        }
    }
}
