namespace ChamberCtl.Hil;

internal readonly record struct SvgPoint(double X, double Y);
