using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Runtime;
using ChamberFirmware.Fuzz.Harness;
using ChamberFirmware.Hal.Simulated;
using ChamberFirmware.Hal.Simulated.Storage;
using ChamberFirmware.Core.Wire;
using ChamberFirmware.ConsoleLink.Client;

namespace ChamberFirmware.Fuzz.Targets;

/// <summary>
/// The stored configuration records as the firmware reads them at boot (ConfigRecordCodec.Decode,
/// ConfigStore.Load, then the whole runtime's Boot on that store). Input: flags(1) lengthA(1)
/// slotA slotB. Flags bit 0/1: the harness rewrites slot A/B's declared length and CRC to match
/// its bytes, so the fuzzer reaches the checks behind the CRC (a corrupt store is the attacker's
/// and the worn flash's case; a CRC-correct hostile record is a replaced flash chip's).
/// </summary>
public sealed class ConfigRecordTarget : IFuzzTarget
{
    public string Name => "config-record";

    public string Description => "configuration records read from flash at boot (ConfigRecordCodec.Decode, ConfigStore.Load, ChamberRuntime.Boot)";

    public bool Run(byte[] input)
    {
        var reader = new FuzzInput(input);
        byte flags = reader.ReadByte();
        byte[] slotA = reader.ReadChunk(ConfigRecordCodec.MaxEncodedLength + 16);
        byte[] slotB = reader.ReadRest();
        Seal(slotA, (flags & 1) != 0);
        Seal(slotB, (flags & 2) != 0);

        var direct = new ConfigRecord();
        bool decoded = ConfigRecordCodec.Decode(slotA, 0, slotA.Length, direct) == ConfigDecodeStatus.Ok;

        var storage = new SimulatedNonVolatileStorage();
        storage.Store(ConfigStore.SlotA, slotA);
        if (slotB.Length <= storage.SlotCapacity)
        {
            storage.Store(ConfigStore.SlotB, slotB);
        }

        var clock = new ManualClock(1_000_000);
        var runtime = new ChamberRuntime(new SimulatedChamber(seed: 3, clock), storage, new SeededNonceSource(29), clock, new DiagnosticsIdentity());
        runtime.Boot();
        runtime.SupervisorStep();
        if (decoded && !runtime.Config.HasValidConfiguration)
        {
            throw new FuzzInvariantException("slot A decodes on its own but the store found no valid configuration");
        }

        return runtime.Config.HasValidConfiguration;
    }

    private static void Seal(byte[] slot, bool seal)
    {
        if (!seal || slot.Length < ConfigRecordCodec.HeaderLength + ConfigRecordCodec.CrcLength)
        {
            return;
        }

        LittleEndian.WriteUInt16(slot, 6, slot.Length);
        LittleEndian.WriteUInt32(slot, slot.Length - ConfigRecordCodec.CrcLength, Crc32.Compute(slot, 0, slot.Length - ConfigRecordCodec.CrcLength));
    }
}
