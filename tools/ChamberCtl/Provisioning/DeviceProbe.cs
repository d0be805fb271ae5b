using System;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Client;
using ChamberFirmware.ConsoleLink.Transport;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Link;

namespace ChamberCtl.Provisioning;

/// <summary>
/// Asks a device whether it holds a link key, without any key: a Hello is answered by a
/// HelloChallenge (keyed) or by a NotProvisioned notice (factory state or corrupt store). The
/// pending handshake it opens is replaced by the next Hello; nothing else changes.
/// </summary>
internal static class DeviceProbe
{
    public static async Task<bool> HasKeyAsync(ILinkTransport transport, CancellationToken cancellationToken)
    {
        byte[] frame = new byte[LinkProtocol.MaxFrameSize];
        RandomNumberGenerator.Fill(frame.AsSpan(LinkProtocol.OffsetPayload, LinkProtocol.NonceSize));
        int length = LinkFrame.WriteUnauthenticated(frame, 0, (byte)LinkMessageType.Hello, LinkProtocol.NonceSize);
        await transport.SendAsync(frame.AsMemory(0, length), cancellationToken).ConfigureAwait(false);

        byte[] answer = new byte[LinkProtocol.MaxFrameSize + 1];
        int received = await transport.ReceiveAsync(answer, cancellationToken).ConfigureAwait(false);
        if (received == 0)
        {
            throw new LinkProtocolException("The link closed.");
        }

        if (LinkFrame.ParseHeader(answer, 0, received, out byte type, out _, out int payloadLength) != LinkRejectReason.None)
        {
            throw new LinkProtocolException("The device's answer to Hello was malformed.");
        }

        if (type == (byte)LinkMessageType.HelloChallenge)
        {
            return true;
        }

        if (type == (byte)LinkMessageType.Notice && payloadLength == LinkPayloads.NoticeSize
            && answer[LinkProtocol.OffsetPayload + 1] == (byte)CommandResult.NotProvisioned)
        {
            return false;
        }

        throw new LinkProtocolException("The device answered Hello with an unexpected frame.");
    }
}
