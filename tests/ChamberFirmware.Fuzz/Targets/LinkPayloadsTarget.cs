using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Fuzz.Harness;

namespace ChamberFirmware.Fuzz.Targets;

/// <summary>
/// Payloads of authenticated commands (profile, settings, provisioning identity/key/settings,
/// commit): what a console holding the key, or a bug in one, can make the firmware decode. The
/// harness seals each record in the genuine session, so the fuzzer explores the decoders behind
/// the tag. Input: records of [type(1) ticks(1) length(1) payload]; ticks (low 3 bits) are 10 ms
/// periods run after the command. Every answer must verify in the console's session, except the
/// answer to a Hello (the any-type half reaches type 0x01): a Hello is unauthenticated even when
/// sealed, and opens a new pending handshake (HarnessDevice.SendSealed says what is checked).
/// </summary>
public sealed class LinkPayloadsTarget : IFuzzTarget
{
    private static readonly LinkMessageType[] Commands =
    {
        LinkMessageType.Heartbeat, LinkMessageType.GetStatus, LinkMessageType.GetIdentity,
        LinkMessageType.Arm, LinkMessageType.Start, LinkMessageType.Stop, LinkMessageType.ClearFault,
        LinkMessageType.SetSettings, LinkMessageType.ProvisionBegin, LinkMessageType.ProvisionIdentity,
        LinkMessageType.ProvisionLinkKey, LinkMessageType.ProvisionSettings, LinkMessageType.ProvisionCommit,
        LinkMessageType.ProvisionAbort, LinkMessageType.SessionConfirm,
    };

    public string Name => "link-payloads";

    public string Description => "payloads of authenticated link commands (LinkPayloads, provisioning staging) sealed in a genuine session";

    public bool Run(byte[] input)
    {
        var device = new HarnessDevice();
        device.BindConsole();
        var reader = new FuzzInput(input);
        bool accepted = false;
        int count = 0;
        while (!reader.AtEnd && count++ < 64)
        {
            byte selector = reader.ReadByte();
            int ticks = reader.ReadByte() & 7;
            byte[] payload = reader.ReadChunk(LinkProtocol.MaxPayloadSize);

            // Half the selector space names a catalogued command, the rest is any type byte below Response.
            LinkMessageType type = selector < 0x80 ? Commands[selector % Commands.Length] : (LinkMessageType)(selector & 0x7F);
            CommandResult? result = device.SendSealed(type, payload);
            accepted |= result == CommandResult.Ok;
            for (int i = 0; i < ticks; i++)
            {
                device.Tick();
            }
        }

        return accepted;
    }
}
