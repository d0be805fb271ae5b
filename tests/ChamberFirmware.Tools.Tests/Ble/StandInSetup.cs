using ChamberFirmware.ConsoleLink.Ble;
using ChamberFirmware.Core.Link;

namespace ChamberFirmware.Tools.Tests.Ble;

/// <summary>How the stand-in's radio world looks for one test: adapter, bonding, MTU, other centrals, a link drop.</summary>
internal sealed class StandInSetup
{
    /// <summary>False: BlueZ runs but exports no adapter object.</summary>
    public bool AdapterPresent { get; init; } = true;

    public bool AdapterPowered { get; init; } = true;

    /// <summary>False: a central elsewhere holds the chamber, so it does not advertise (firmware Program.OnSessionStatusChanged).</summary>
    public bool Advertising { get; init; } = true;

    /// <summary>The chamber is bonded with this computer from an earlier visit (its device object is cached, Paired).</summary>
    public bool AlreadyPaired { get; init; }

    /// <summary>Another program on this computer is connected to the (cached) chamber.</summary>
    public bool ConnectedByOtherProgram { get; init; }

    /// <summary>A BlueZ error name Pair() answers with (e.g. org.bluez.Error.AuthenticationFailed).</summary>
    public string? PairingError { get; init; }

    /// <summary>
    /// The negotiated ATT MTU BlueZ reports on each characteristic: by default the board's (NimBLE's
    /// preferred 256 against BlueZ's 517 settles on 256); lower for a central that caps it.
    /// </summary>
    public ushort Mtu { get; init; } = ChamberAdvertisement.BoardMtu;

    /// <summary>False: the LE link comes up but BlueZ never finishes service discovery (ServicesResolved stays false).</summary>
    public bool ResolvesServices { get; init; } = true;

    /// <summary>The bus policy refuses calls to org.bluez (a user BlueZ's D-Bus policy does not admit).</summary>
    public bool DenyBlueZ { get; init; }

    /// <summary>The radio link drops at the first frame of this type the console writes.</summary>
    public LinkMessageType? DropAt { get; set; }

    /// <summary>With DropAt: the board receives that frame before the link drops (its answer is lost).</summary>
    public bool DropAfterDelivering { get; set; }
}
