namespace ChamberFirmware.Core.Link
{
    /// <summary>
    /// Token bucket for work the device does before knowing a frame is genuine (rejected frames,
    /// Hello, FactoryProvision). Integer arithmetic on the injected clock; allocation-free.
    /// </summary>
    public sealed class LinkRateLimiter
    {
        private const long MilliTokensPerToken = 1000;

        private readonly long _capacityMilliTokens;
        private readonly long _refillTokensPerSecond;
        private long _milliTokens;
        private long _lastRefillMicroseconds;
        private bool _started;

        public LinkRateLimiter(int capacityTokens, int refillTokensPerSecond)
        {
            _capacityMilliTokens = (capacityTokens < 1 ? 1 : capacityTokens) * MilliTokensPerToken;
            _refillTokensPerSecond = refillTokensPerSecond < 1 ? 1 : refillTokensPerSecond;
            _milliTokens = _capacityMilliTokens;
        }

        /// <summary>Whole tokens left (diagnostics).</summary>
        public int Tokens => (int)(_milliTokens / MilliTokensPerToken);

        /// <summary>True when at least one token is left after refilling up to now.</summary>
        public bool HasToken(long nowMicroseconds)
        {
            Refill(nowMicroseconds);
            return _milliTokens >= MilliTokensPerToken;
        }

        /// <summary>Spends one token (never below zero).</summary>
        public void Spend()
        {
            _milliTokens -= MilliTokensPerToken;
            if (_milliTokens < 0)
            {
                _milliTokens = 0;
            }
        }

        private void Refill(long nowMicroseconds)
        {
            if (!_started)
            {
                _started = true;
                _lastRefillMicroseconds = nowMicroseconds;
                return;
            }

            long elapsed = nowMicroseconds - _lastRefillMicroseconds;
            if (elapsed <= 0)
            {
                return;
            }

            // milli-tokens = µs * tokens/s / 1000; advance the reference only by the time used so
            // slow refill rates still accumulate.
            long gained = elapsed * _refillTokensPerSecond / 1000;
            if (gained <= 0)
            {
                return;
            }

            _milliTokens += gained;
            if (_milliTokens >= _capacityMilliTokens)
            {
                _milliTokens = _capacityMilliTokens;
                _lastRefillMicroseconds = nowMicroseconds;
            }
            else
            {
                _lastRefillMicroseconds += gained * 1000 / _refillTokensPerSecond;
            }
        }
    }
}
