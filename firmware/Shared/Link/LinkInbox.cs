using System;

namespace ChamberFirmware.Core.Link
{
    /// <summary>
    /// Received frames waiting for the link thread: the transport's callback copies each frame in
    /// (TryPost, never blocks for long), the link thread takes them in order (Take). A bounded queue
    /// of preallocated slots: nothing is allocated after construction, and a frame that finds it
    /// full is dropped and counted — the transport cannot push more work onto the device than the
    /// link thread accepts (docs/safety.md, "The supervisor is never starved"). A frame longer than
    /// a link frame keeps its first MaxFrameSize + 1 bytes, so the LinkServer rejects it as
    /// oversized and counts it. The transport's close comes through here too (<see cref="Close"/>),
    /// so the link thread handles it in order: after any frame of the old link it had already
    /// taken, before any frame of the next. Thread-safe.
    /// </summary>
    public sealed class LinkInbox
    {
        private const int SlotSize = LinkProtocol.MaxFrameSize + 1;

        private readonly object _sync = new object();
        private readonly byte[][] _slots;
        private readonly int[] _lengths;
        private int _head;
        private int _count;
        private int _dropped;
        private bool _closed;

        public LinkInbox(int capacity)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity));
            }

            _slots = new byte[capacity][];
            _lengths = new int[capacity];
            for (int i = 0; i < capacity; i++)
            {
                _slots[i] = new byte[SlotSize];
            }
        }

        public int Capacity => _slots.Length;

        /// <summary>Frames waiting.</summary>
        public int Count
        {
            get
            {
                lock (_sync)
                {
                    return _count;
                }
            }
        }

        /// <summary>Copies a received frame in; false (and counted as dropped) when the inbox is full or the arguments are out of range.</summary>
        public bool TryPost(byte[] frame, int offset, int count)
        {
            lock (_sync)
            {
                if (frame == null || offset < 0 || count < 0 || offset > frame.Length - count || _count == _slots.Length)
                {
                    _dropped++;
                    return false;
                }

                int length = count > SlotSize ? SlotSize : count;
                int tail = (_head + _count) % _slots.Length;
                Array.Copy(frame, offset, _slots[tail], 0, length);
                _lengths[tail] = length;
                _count++;
                return true;
            }
        }

        /// <summary>Copies the oldest frame into <paramref name="buffer"/> (at least MaxFrameSize + 1 bytes) and returns its length, or -1 when none waits.</summary>
        public int Take(byte[] buffer)
        {
            lock (_sync)
            {
                if (_count == 0)
                {
                    return -1;
                }

                int length = _lengths[_head];
                Array.Copy(_slots[_head], 0, buffer, 0, length);
                _head = (_head + 1) % _slots.Length;
                _count--;
                return length;
            }
        }

        /// <summary>
        /// The transport closed (the transport's callback): forgets every waiting frame, since they
        /// belong to a link that is gone, and notes the close for the link thread (<see cref="TakeClosed"/>).
        /// </summary>
        public void Close()
        {
            lock (_sync)
            {
                _head = 0;
                _count = 0;
                _closed = true;
            }
        }

        /// <summary>True once after one or more <see cref="Close"/> calls (the link thread then ends the link's session).</summary>
        public bool TakeClosed()
        {
            lock (_sync)
            {
                bool closed = _closed;
                _closed = false;
                return closed;
            }
        }

        /// <summary>Frames dropped since the last call (then zero).</summary>
        public int TakeDropped()
        {
            lock (_sync)
            {
                int dropped = _dropped;
                _dropped = 0;
                return dropped;
            }
        }
    }
}
