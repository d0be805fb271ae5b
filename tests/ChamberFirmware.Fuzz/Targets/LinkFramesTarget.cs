using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Fuzz.Harness;

namespace ChamberFirmware.Fuzz.Targets;

/// <summary>
/// Raw frames from an attacker without the key, against the real firmware with a genuine console
/// bound. Input: records of [flags(1) length(2, LE) bytes]; flags bit 0 lets 10 ms pass first.
/// Beyond not throwing, no such frame may be accepted except a Hello (which only replaces the
/// pending handshake), nothing may arm, and nothing may be written to the configuration store.
/// </summary>
public sealed class LinkFramesTarget : IFuzzTarget
{
    private const int MaxRecord = LinkProtocol.MaxFrameSize + 64;

    public string Name => "link-frames";

    public string Description => "link frames as received from BLE/TCP (LinkFrame.ParseHeader, LinkServer.ProcessFrame) without the key";

    public bool Run(byte[] input)
    {
        var device = new HarnessDevice();
        device.BindConsole();
        int writes = device.Storage.WriteCount;
        var reader = new FuzzInput(input);
        bool accepted = false;
        while (!reader.AtEnd)
        {
            byte flags = reader.ReadByte();
            int length = reader.ReadByte() | (reader.ReadByte() << 8);
            byte[] frame = reader.ReadChunkOf(length % (MaxRecord + 1));
            if ((flags & 1) != 0)
            {
                device.Tick();
            }

            accepted |= DeliverWithoutKey(device, frame, frame.Length);
        }

        CheckUnchanged(device, writes);
        return accepted;
    }

    /// <summary>Delivers a frame nobody sealed; true when it was accepted, which only a Hello may be.</summary>
    internal static bool DeliverWithoutKey(HarnessDevice device, byte[] frame, int count)
    {
        int acceptedBefore = device.Runtime.Link.AcceptedFrameCount;
        device.Deliver(frame, count);
        if (device.Runtime.Link.AcceptedFrameCount == acceptedBefore)
        {
            return false;
        }

        if (count < LinkProtocol.HeaderSize || frame[LinkProtocol.OffsetType] != (byte)LinkMessageType.Hello)
        {
            throw new FuzzInvariantException("a frame without the key was accepted (type " + (count > 1 ? frame[1] : -1) + ")");
        }

        return true;
    }

    /// <summary>After frames without the key: the chamber is still idle and nothing was written to the store.</summary>
    internal static void CheckUnchanged(HarnessDevice device, int storeWritesBefore)
    {
        if (device.State != ChamberState.Idle || device.Storage.WriteCount != storeWritesBefore)
        {
            throw new FuzzInvariantException("frames without the key changed the chamber: state " + device.State + ", store writes " + (device.Storage.WriteCount - storeWritesBefore));
        }
    }
}
