using ChamberFirmware.Core.Control;

namespace ChamberFirmware.ConsoleLink.Client;

/// <summary>A GetStatus (or session confirm) answer with the status the device sent.</summary>
public sealed record StatusReply(CommandReply Reply, ChamberStatus Status);
