using System;
using ChamberFirmware.Hal.Clock;
using ChamberFirmware.Hal.Storage;

namespace ChamberFirmware.Core.Config
{
    /// <summary>
    /// The device's configuration in two storage slots (A = 0, B = 1). A commit writes the whole
    /// new record, with the next generation number, to the slot NOT in use, reads it back and
    /// compares; only then does it become the configuration in force. A power loss at any byte of
    /// that write leaves the slot in use untouched, so the board boots with the old configuration
    /// complete or the new one complete, never a mix. At boot <see cref="Load"/> takes the valid
    /// slot with the higher generation. With no valid slot the device is unprovisioned and must not
    /// arm: the arming path checks <see cref="IsProvisioned"/>.
    /// Not thread-safe: the provisioning path and boot own it; readers take copies. A commit may
    /// yield between its steps (<see cref="AttachScheduler"/>); the configuration in force changes
    /// only in its last step, after every yield.
    /// </summary>
    public sealed class ConfigStore
    {
        public const int SlotA = 0;
        public const int SlotB = 1;
        public const int NoSlot = -1;

        private readonly INonVolatileStorage _storage;
        private readonly byte[] _writeBuffer = new byte[ConfigRecordCodec.MaxEncodedLength];
        private readonly byte[] _readBuffer = new byte[ConfigRecordCodec.MaxEncodedLength];
        private readonly ConfigRecord _active = new ConfigRecord();
        private readonly ConfigRecord _candidateA = new ConfigRecord();
        private readonly ConfigRecord _candidateB = new ConfigRecord();
        private readonly ConfigRecord _verify = new ConfigRecord();
        private readonly ConfigDecodeStatus[] _slotStatus = new ConfigDecodeStatus[2];
        private IThreadScheduler _scheduler;

        public ConfigStore(INonVolatileStorage storage)
        {
            _storage = storage;
            ActiveSlot = NoSlot;
            LastLoadStatus = ConfigLoadStatus.NotLoaded;
        }

        /// <summary>
        /// Lets a commit give way on the device's link thread: it yields after encoding, after the
        /// write and after the read-back, so its managed work (~5 ms on the ESP32 estimate) never
        /// holds the interpreter in one piece (docs/safety.md, "The supervisor is never starved").
        /// A native flash write is one piece whatever is done here. Null (the default): no yields.
        /// </summary>
        public void AttachScheduler(IThreadScheduler scheduler)
        {
            _scheduler = scheduler;
        }

        /// <summary>What the last <see cref="Load"/> found (updated to Loaded by a successful commit).</summary>
        public ConfigLoadStatus LastLoadStatus { get; private set; }

        /// <summary>True when a valid configuration record is in force.</summary>
        public bool HasValidConfiguration => ActiveSlot != NoSlot;

        /// <summary>True when a valid record with an identity and a link key is in force: the only state in which the device may arm.</summary>
        public bool IsProvisioned => ActiveSlot != NoSlot && _active.HasLinkKey;

        /// <summary>The slot in force, or NoSlot.</summary>
        public int ActiveSlot { get; private set; }

        /// <summary>Generation of the record in force (0 when none).</summary>
        public uint Generation => ActiveSlot == NoSlot ? 0 : _active.Generation;

        public string SerialNumber => ActiveSlot == NoSlot ? string.Empty : _active.SerialNumber;

        public string HardwareRevision => ActiveSlot == NoSlot ? string.Empty : _active.HardwareRevision;

        /// <summary>What the last load or commit found in a slot (for diagnostics: which slot is bad and why).</summary>
        public ConfigDecodeStatus SlotStatus(int slot)
        {
            return slot == SlotA || slot == SlotB ? _slotStatus[slot] : ConfigDecodeStatus.InvalidArgument;
        }

        /// <summary>
        /// The settings in force copied into target; the documented defaults when unprovisioned
        /// (the device will not arm then anyway).
        /// </summary>
        public void CopySettingsTo(ChamberSettings target)
        {
            if (ActiveSlot == NoSlot)
            {
                ChamberSettings defaults = new ChamberSettings();
                target.LinkTimeoutMilliseconds = defaults.LinkTimeoutMilliseconds;
                target.OverTemperatureCentiCelsius = defaults.OverTemperatureCentiCelsius;
                target.RearmCountPermille = defaults.RearmCountPermille;
                target.RearmHeartbeats = defaults.RearmHeartbeats;
                target.CounterGainPermille = defaults.CounterGainPermille;
                target.TemperatureOffsetCentiCelsius = defaults.TemperatureOffsetCentiCelsius;
                return;
            }

            _active.CopySettingsTo(target);
        }

        /// <summary>
        /// For the link layer only: copies the 32-byte link key into destination[offset..] so it can
        /// authenticate frames. False (nothing copied) when no key is in force or the range is bad.
        /// There is deliberately no property that returns the key.
        /// </summary>
        public bool CopyLinkKey(byte[] destination, int offset)
        {
            if (!IsProvisioned)
            {
                return false;
            }

            return _active.CopyLinkKey(destination, offset);
        }

        /// <summary>Copies the whole record in force into target (the provisioning service stages edits on such a copy).</summary>
        public bool CopyActiveTo(ConfigRecord target)
        {
            if (ActiveSlot == NoSlot)
            {
                return false;
            }

            target.CopyFrom(_active);
            return true;
        }

        /// <summary>Boot: read both slots and put the newest valid one in force.</summary>
        public ConfigLoadStatus Load()
        {
            ActiveSlot = NoSlot;
            _active.Clear();
            if (_storage == null || _storage.SlotCount < 2)
            {
                _slotStatus[SlotA] = ConfigDecodeStatus.InvalidArgument;
                _slotStatus[SlotB] = ConfigDecodeStatus.InvalidArgument;
                LastLoadStatus = ConfigLoadStatus.StorageError;
                return LastLoadStatus;
            }

            StorageStatus readA;
            StorageStatus readB;
            _slotStatus[SlotA] = ReadSlot(SlotA, _candidateA, out readA);
            _slotStatus[SlotB] = ReadSlot(SlotB, _candidateB, out readB);
            bool validA = _slotStatus[SlotA] == ConfigDecodeStatus.Ok;
            bool validB = _slotStatus[SlotB] == ConfigDecodeStatus.Ok;

            if (validA && (!validB || _candidateA.Generation >= _candidateB.Generation))
            {
                _active.CopyFrom(_candidateA);
                ActiveSlot = SlotA;
            }
            else if (validB)
            {
                _active.CopyFrom(_candidateB);
                ActiveSlot = SlotB;
            }

            _candidateA.Clear();
            _candidateB.Clear();

            if (validA && validB)
            {
                LastLoadStatus = ConfigLoadStatus.Loaded;
            }
            else if (validA || validB)
            {
                LastLoadStatus = ConfigLoadStatus.LoadedOneSlotInvalid;
            }
            else if (readA == StorageStatus.ReadFailed && readB == StorageStatus.ReadFailed)
            {
                LastLoadStatus = ConfigLoadStatus.StorageError;
            }
            else if (_slotStatus[SlotA] == ConfigDecodeStatus.Empty && _slotStatus[SlotB] == ConfigDecodeStatus.Empty)
            {
                LastLoadStatus = ConfigLoadStatus.Empty;
            }
            else
            {
                LastLoadStatus = ConfigLoadStatus.Corrupt;
            }

            return LastLoadStatus;
        }

        /// <summary>
        /// Makes <paramref name="next"/> (identity, key, settings; its Generation is ignored) the
        /// configuration in force, atomically. Anything but Ok leaves the previous configuration in
        /// force and intact in storage.
        /// </summary>
        public ConfigCommitStatus Commit(ConfigRecord next)
        {
            if (_storage == null || _storage.SlotCount < 2 || _storage.SlotCapacity < ConfigRecordCodec.MaxEncodedLength)
            {
                return ConfigCommitStatus.StorageUnusable;
            }

            if (next == null)
            {
                return ConfigCommitStatus.InvalidRecord;
            }

            int target = ActiveSlot == SlotA ? SlotB : SlotA;
            uint previousGeneration = next.Generation;
            next.Generation = HighestGenerationSeen() + 1;
            int length;
            ConfigDecodeStatus encoded = ConfigRecordCodec.Encode(next, _writeBuffer, 0, out length);
            next.Generation = previousGeneration;
            YieldBetweenSteps();
            if (encoded != ConfigDecodeStatus.Ok)
            {
                Array.Clear(_writeBuffer, 0, _writeBuffer.Length);
                return ConfigCommitStatus.InvalidRecord;
            }

            ConfigCommitStatus result = WriteAndVerify(target, length);
            Array.Clear(_writeBuffer, 0, _writeBuffer.Length);
            Array.Clear(_readBuffer, 0, _readBuffer.Length);
            if (result != ConfigCommitStatus.Ok)
            {
                _verify.Clear();
                return result;
            }

            _active.CopyFrom(_verify);
            _verify.Clear();
            _slotStatus[target] = ConfigDecodeStatus.Ok;
            ActiveSlot = target;
            LastLoadStatus = ConfigLoadStatus.Loaded;
            return ConfigCommitStatus.Ok;
        }

        private ConfigCommitStatus WriteAndVerify(int target, int length)
        {
            StorageStatus written = _storage.Write(target, _writeBuffer, 0, length);
            YieldBetweenSteps();
            if (written != StorageStatus.Ok)
            {
                // The slot may hold a torn copy; its CRC fails, so it can never win at boot.
                _slotStatus[target] = ConfigDecodeStatus.Truncated;
                return ConfigCommitStatus.WriteFailed;
            }

            int readLength;
            StorageStatus read = _storage.Read(target, _readBuffer, 0, _readBuffer.Length, out readLength);
            bool same = read == StorageStatus.Ok && readLength == length;
            for (int i = 0; same && i < length; i++)
            {
                same = _readBuffer[i] == _writeBuffer[i];
            }

            YieldBetweenSteps();
            ConfigDecodeStatus decoded = same ? ConfigRecordCodec.Decode(_readBuffer, 0, readLength, _verify) : ConfigDecodeStatus.CrcMismatch;
            if (!same || decoded != ConfigDecodeStatus.Ok)
            {
                // Never leave a copy we could not confirm: at boot it would outrank the one in force.
                _storage.Erase(target);
                _slotStatus[target] = ConfigDecodeStatus.Empty;
                return ConfigCommitStatus.VerifyFailed;
            }

            return ConfigCommitStatus.Ok;
        }

        private void YieldBetweenSteps()
        {
            if (_scheduler != null)
            {
                _scheduler.Yield();
            }
        }

        /// <summary>The generation in force; a commit after a corrupt store starts again from 1.</summary>
        private uint HighestGenerationSeen()
        {
            return ActiveSlot == NoSlot ? 0 : _active.Generation;
        }

        private ConfigDecodeStatus ReadSlot(int slot, ConfigRecord into, out StorageStatus read)
        {
            int length;
            read = _storage.Read(slot, _readBuffer, 0, _readBuffer.Length, out length);
            ConfigDecodeStatus status;
            switch (read)
            {
                case StorageStatus.Ok:
                    status = ConfigRecordCodec.Decode(_readBuffer, 0, length, into);
                    break;
                case StorageStatus.Empty:
                    status = ConfigDecodeStatus.Empty;
                    break;
                case StorageStatus.BufferTooSmall:
                    status = ConfigDecodeStatus.LengthMismatch;
                    break;
                case StorageStatus.ReadFailed:
                    status = ConfigDecodeStatus.ReadFailed;
                    break;
                default:
                    status = ConfigDecodeStatus.InvalidArgument;
                    break;
            }

            Array.Clear(_readBuffer, 0, _readBuffer.Length);
            return status;
        }
    }
}
