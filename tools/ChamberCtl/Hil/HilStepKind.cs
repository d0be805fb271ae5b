namespace ChamberCtl.Hil;

internal enum HilStepKind
{
    Inject,
    Console,
    Wait,
    WaitUntil,
    Expect,
}
