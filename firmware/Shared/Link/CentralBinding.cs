namespace ChamberFirmware.Core.Link
{
    /// <summary>
    /// Which BLE central owns the control link. The first central that writes a frame is bound; until
    /// the binding ends, frames from any other central are refused before the LinkServer sees them,
    /// and notifications go to the bound central only. The binding (and with it the link session,
    /// including an uncommitted factory key) ends when the bound central unsubscribes after having
    /// subscribed, or when the GATT session reports a disconnect.
    /// Centrals are named by their GATT connection id (GattSession.DeviceId.Id on the device).
    /// The BLE adapter only asks this class; the decisions are tested on the host.
    /// Thread-safe: write, subscription and session events arrive on the BLE event thread, the
    /// telemetry check on the link loop.
    /// </summary>
    public sealed class CentralBinding
    {
        /// <summary>No central is bound.</summary>
        public const int NoCentral = -1;

        private readonly object _sync = new object();
        private int _bound = NoCentral;
        private bool _boundSubscribed;
        private int[] _subscribers = new int[0];

        /// <summary>The bound central's id, or <see cref="NoCentral"/>.</summary>
        public int BoundCentral
        {
            get
            {
                lock (_sync)
                {
                    return _bound;
                }
            }
        }

        /// <summary>True when at least one central is bound.</summary>
        public bool IsBound => BoundCentral != NoCentral;

        /// <summary>
        /// A central wrote a frame. True: pass it to the link (binding the central if none is bound).
        /// False: another central owns the link; refuse the write with a protocol error, unprocessed.
        /// </summary>
        public bool AdmitWrite(int central)
        {
            if (central < 0)
            {
                return false;
            }

            lock (_sync)
            {
                if (_bound == NoCentral)
                {
                    _bound = central;
                    _boundSubscribed = Contains(_subscribers, _subscribers.Length, central);
                    return true;
                }

                return _bound == central;
            }
        }

        /// <summary>True when a notification may go to this subscriber: only the bound central gets any.</summary>
        public bool MayNotify(int central)
        {
            lock (_sync)
            {
                return _bound != NoCentral && _bound == central;
            }
        }

        /// <summary>
        /// The characteristic's subscribers are now the first <paramref name="count"/> ids of
        /// <paramref name="subscribers"/>. True when the link session must end: the bound central was
        /// subscribed and no longer is (it cannot receive responses any more). The binding ends with it.
        /// </summary>
        public bool OnSubscribersChanged(int[] subscribers, int count)
        {
            if (subscribers == null || count < 0)
            {
                count = 0;
            }
            else if (count > subscribers.Length)
            {
                count = subscribers.Length;
            }

            int[] copy = new int[count];
            for (int i = 0; i < count; i++)
            {
                copy[i] = subscribers[i];
            }

            lock (_sync)
            {
                _subscribers = copy;
                if (_bound == NoCentral)
                {
                    return false;
                }

                bool subscribed = Contains(copy, count, _bound);
                if (_boundSubscribed && !subscribed)
                {
                    Unbind();
                    return true;
                }

                _boundSubscribed = subscribed;
                return false;
            }
        }

        /// <summary>
        /// The GATT session reported Closed. nanoFramework's server session does not say which
        /// central left, so any disconnect ends the binding: link loss for the chamber is the safe
        /// reading. True when a central was bound (the link session must end).
        /// </summary>
        public bool OnSessionClosed()
        {
            lock (_sync)
            {
                if (_bound == NoCentral)
                {
                    return false;
                }

                Unbind();
                return true;
            }
        }

        private void Unbind()
        {
            _bound = NoCentral;
            _boundSubscribed = false;
        }

        private static bool Contains(int[] ids, int count, int id)
        {
            for (int i = 0; i < count; i++)
            {
                if (ids[i] == id)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
