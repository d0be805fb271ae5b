using ChamberFirmware.Hal.Sensors;

namespace ChamberFirmware.Core.Safety
{
    /// <summary>
    /// The chamber temperature sensor's health and the calibrated temperature: each new read is
    /// checked for status and range, and a reading that has not changed for
    /// SafetyTiming.TemperatureFrozenMicroseconds is a hung sensor. Healthy while the latest read
    /// was accepted and is fresh; over-temperature is judged only on a healthy reading.
    /// </summary>
    public sealed class TemperatureMonitor
    {
        private int _offset;
        private int _overTemperature;

        private long _lastRead;
        private bool _seen;
        private long _lastAccepted;
        private bool _acceptedOnce;
        private bool _faulted;
        private int _temperature;
        private bool _hasRaw;
        private int _lastRaw;
        private long _changedAt;

        /// <summary>Latest accepted (calibrated) temperature, 0.01 °C.</summary>
        public int Temperature => _temperature;

        public void ApplySettings(int offsetCentiCelsius, int overTemperatureCentiCelsius)
        {
            _offset = offsetCentiCelsius;
            _overTemperature = overTemperatureCentiCelsius;
        }

        /// <summary>Takes this tick's read if it is a new one (its time moved).</summary>
        public void Ingest(SupervisorInputs inputs)
        {
            if (_seen && inputs.TemperatureReadMicroseconds == _lastRead)
            {
                return;
            }

            _seen = true;
            _lastRead = inputs.TemperatureReadMicroseconds;
            SensorReadStatus status = inputs.TemperatureStatus;
            if (status == SensorReadStatus.NotReady)
            {
                return;
            }

            int raw = inputs.TemperatureCentiCelsius;
            if (status != SensorReadStatus.Ok || raw < SafetyTiming.TemperatureRangeMinimum || raw > SafetyTiming.TemperatureRangeMaximum)
            {
                _faulted = true;
                return;
            }

            long readAt = inputs.TemperatureReadMicroseconds;
            if (!_hasRaw || raw != _lastRaw)
            {
                _hasRaw = true;
                _lastRaw = raw;
                _changedAt = readAt;
            }
            else if (readAt - _changedAt >= SafetyTiming.TemperatureFrozenMicroseconds)
            {
                // A live part jitters by an LSB or more: the same reading for this long is a hung
                // sensor (conversions stopped with data-ready stuck, or a frozen result register).
                _faulted = true;
                return;
            }

            _temperature = raw + _offset;
            _faulted = false;
            _acceptedOnce = true;
            _lastAccepted = readAt;
        }

        /// <summary>SensorFault while unhealthy, else OverTemperature at or above the limit.</summary>
        public CutReasons Conditions(long now)
        {
            // IsHealthy, written out: this runs every tick, and a call costs the interpreter ~10 operations.
            if (!_acceptedOnce || _faulted || now - _lastAccepted > SafetyTiming.TemperatureFreshnessMicroseconds)
            {
                return CutReasons.SensorFault;
            }

            return _temperature >= _overTemperature ? CutReasons.OverTemperature : CutReasons.None;
        }

        /// <summary>Unhealthy: SensorFault and OverTemperature; else OverTemperature until the margin below the limit is reached.</summary>
        public CutReasons ClearBlockers(long now)
        {
            if (!IsHealthy(now))
            {
                return CutReasons.SensorFault | CutReasons.OverTemperature;
            }

            return _temperature > _overTemperature - SafetyTiming.RearmTemperatureMarginCentiCelsius ? CutReasons.OverTemperature : CutReasons.None;
        }

        private bool IsHealthy(long now)
        {
            return _acceptedOnce && !_faulted && now - _lastAccepted <= SafetyTiming.TemperatureFreshnessMicroseconds;
        }
    }
}
