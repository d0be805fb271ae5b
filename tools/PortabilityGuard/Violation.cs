using System;

namespace PortabilityGuard
{
    /// <summary>
    /// One finding: which member of the guarded assembly (and where in source) uses what, and why that
    /// does not run on the stable nanoCLR.
    /// </summary>
    public sealed record Violation(ViolationKind Kind, string User, SourceLocation? Location, string Subject, string? AllowlistLine = null)
    {
        public string Reason => Kind switch
        {
            ViolationKind.GenericDefinition => "generic type or method definition not supported by the stable nanoCLR",
            ViolationKind.GenericInstantiation => "generic instantiation not supported by the stable nanoCLR",
            ViolationKind.MultiDimensionalArray => "multi-dimensional array not supported by nanoFramework (use a jagged array T[][])",
            ViolationKind.PlatformInvoke => "P/Invoke (DllImport) not supported by nanoFramework",
            ViolationKind.UnsafePointer => "unsafe pointer type not supported by nanoFramework",
            ViolationKind.FunctionPointer => "function pointer not supported by nanoFramework",
            ViolationKind.TooManyMethods => "more than 255 methods in one type; the nanoFramework metadata processor cannot index them",
            ViolationKind.TooManyFields => "more than 255 fields of one kind (static or instance) in one type; the nanoFramework metadata processor cannot index them",
            ViolationKind.ForbiddenOpcode => "IL instruction the nanoCLR interpreter rejects",
            ViolationKind.NotAllowlisted => "not on the nanoFramework allowlist",
            _ => throw new InvalidOperationException("unknown violation kind " + Kind.ToString()),
        };

        /// <summary>The error line the tool prints (starts with "portability: ").</summary>
        public string Format()
        {
            var where = Location is null ? string.Empty : " (" + Location.ToString() + ")";
            var text = GuardOutput.ErrorPrefix + User + where + " uses " + Subject + " — " + Reason;
            if (AllowlistLine is not null)
            {
                text += "; if nanoFramework provides it (check the nanoframework/* sources), add to tools/PortabilityGuard/allowlist/*.txt: "
                    + AllowlistLine + " <nanoFramework package id>";
            }

            return text;
        }

        public override string ToString() => Format();
    }
}
