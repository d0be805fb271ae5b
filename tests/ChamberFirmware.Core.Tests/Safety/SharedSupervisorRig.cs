// The supervisor rig is written once, in the nanoFramework subset, and runs on both runtimes:
// tests/ChamberFirmware.Device.NanoClr/Safety/SupervisorRig.cs (linked into this project).
global using SupervisorRig = ChamberFirmware.Device.NanoClr.Safety.SupervisorRig;
