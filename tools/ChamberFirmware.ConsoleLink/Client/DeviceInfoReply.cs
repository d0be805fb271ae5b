using ChamberFirmware.Core.Link;

namespace ChamberFirmware.ConsoleLink.Client;

/// <summary>A GetIdentity answer: identity, firmware version and stored settings (null when the device refused or the payload was malformed).</summary>
public sealed record DeviceInfoReply(CommandReply Reply, LinkDeviceInfo? Info);
