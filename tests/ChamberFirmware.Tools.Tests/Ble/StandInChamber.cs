using System;
using ChamberFirmware.ConsoleLink.Device;
using ChamberFirmware.Core.Diagnostics;

namespace ChamberFirmware.Tools.Tests.Ble;

/// <summary>
/// The board behind the stand-in: its address, its advertised name as of its last start-up, its
/// link loop (the runtime, as the board's ControlGattService feeds it) and its diagnostics reader
/// (as ChamberDiagnosticsGattService reads it). Functions, because a reboot brings a new runtime.
/// </summary>
internal sealed record StandInChamber(string Address, Func<string> Name, Func<IDeviceLinkEndpoint> Link, Func<IDiagnosticsReader> Diagnostics);
