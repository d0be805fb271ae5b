using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("ChamberFirmware.Starvation.NanoClr")]
[assembly: AssemblyCompany("ChamberFirmware")]
[assembly: AssemblyProduct("ChamberFirmware")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
