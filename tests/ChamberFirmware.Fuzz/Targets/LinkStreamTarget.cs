using System.Threading;
using ChamberFirmware.ConsoleLink.Transport;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Fuzz.Harness;

namespace ChamberFirmware.Fuzz.Targets;

/// <summary>
/// The simulator's TCP console port as a byte stream: LengthPrefixedStreamTransport cuts it into
/// records (2-byte little-endian length, then the frame; longer records are read and discarded)
/// and each record goes to the real firmware with a genuine console bound, as the TCP host does.
/// Input: the stream an attacker without the key sends. Same checks as link-frames.
/// </summary>
public sealed class LinkStreamTarget : IFuzzTarget
{
    public string Name => "link-stream";

    public string Description => "the TCP console byte stream (LengthPrefixedStreamTransport.ReceiveAsync) into LinkServer";

    public bool Run(byte[] input)
    {
        var device = new HarnessDevice();
        device.BindConsole();
        int writes = device.Storage.WriteCount;
        var transport = new LengthPrefixedStreamTransport(new ScriptedStream(input));
        byte[] record = new byte[LinkProtocol.MaxFrameSize];
        bool accepted = false;
        for (int records = 0; records < 1024; records++)
        {
            int length = transport.ReceiveAsync(record, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            if (length == 0)
            {
                break;
            }

            accepted |= LinkFramesTarget.DeliverWithoutKey(device, record, length);
        }

        transport.DisposeAsync().AsTask().GetAwaiter().GetResult();
        LinkFramesTarget.CheckUnchanged(device, writes);
        return accepted;
    }
}
