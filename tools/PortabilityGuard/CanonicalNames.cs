using System;
using System.Linq;
using System.Reflection.Metadata;

namespace PortabilityGuard
{
    /// <summary>
    /// The canonical names the allowlist and the error messages use:
    /// types "Namespace.Name" (nested "Outer+Inner"), members "Namespace.Type::Name(ParamType,ParamType)",
    /// fields "Namespace.Type::Name".
    /// </summary>
    public static class CanonicalNames
    {
        /// <summary>Assemblies whose name starts with this are our own guarded code (Core references Hal).</summary>
        public const string OwnAssemblyPrefix = "ChamberFirmware.";

        public static string OfTypeDefinition(MetadataReader reader, TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            var name = reader.GetString(type.Name);
            var declaring = type.GetDeclaringType();
            if (!declaring.IsNil)
            {
                return OfTypeDefinition(reader, declaring) + "+" + name;
            }

            var ns = reader.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public static string OfTypeReference(MetadataReader reader, TypeReferenceHandle handle)
        {
            var type = reader.GetTypeReference(handle);
            var name = reader.GetString(type.Name);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return OfTypeReference(reader, (TypeReferenceHandle)type.ResolutionScope) + "+" + name;
            }

            var ns = reader.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        /// <summary>
        /// True when the TypeRef resolves outside the assembly under test and outside our own other
        /// guarded assemblies (AssemblyRef named ChamberFirmware.*).
        /// </summary>
        public static bool IsExternal(MetadataReader reader, TypeReferenceHandle handle)
        {
            var scope = reader.GetTypeReference(handle).ResolutionScope;
            while (scope.Kind == HandleKind.TypeReference)
            {
                scope = reader.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
            }

            switch (scope.Kind)
            {
                case HandleKind.ModuleDefinition:
                    return false;
                case HandleKind.AssemblyReference:
                    var assemblyName = reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name);
                    return !assemblyName.StartsWith(OwnAssemblyPrefix, StringComparison.Ordinal);
                default:
                    // ModuleRef or nil scope (exported type): not ours, so it must be allowlisted.
                    return true;
            }
        }

        /// <summary>"Namespace.Type::Method" for a method of the assembly under test (the user named in errors).</summary>
        public static string OfMethodDefinition(MetadataReader reader, MethodDefinitionHandle handle)
        {
            var method = reader.GetMethodDefinition(handle);
            return OfTypeDefinition(reader, method.GetDeclaringType()) + "::" + reader.GetString(method.Name);
        }

        public static string OfFieldDefinition(MetadataReader reader, FieldDefinitionHandle handle)
        {
            var field = reader.GetFieldDefinition(handle);
            return OfTypeDefinition(reader, field.GetDeclaringType()) + "::" + reader.GetString(field.Name);
        }

        /// <summary>Member name of a method with its parameter types: "Type::Name(P1,P2)".</summary>
        public static string OfMethod(string declaringType, string name, MethodSignature<DecodedType> signature) =>
            declaringType + "::" + name + "(" + string.Join(",", signature.ParameterTypes.Select(p => p.Name)) + ")";

        public static string OfField(string declaringType, string name) => declaringType + "::" + name;
    }
}
