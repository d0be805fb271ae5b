namespace PortabilityGuard
{
    /// <summary>Why a construct cannot go to the stable nanoCLR.</summary>
    public enum ViolationKind
    {
        GenericDefinition,
        GenericInstantiation,
        MultiDimensionalArray,
        PlatformInvoke,
        UnsafePointer,
        FunctionPointer,
        TooManyMethods,
        TooManyFields,
        ForbiddenOpcode,
        NotAllowlisted,
    }
}
