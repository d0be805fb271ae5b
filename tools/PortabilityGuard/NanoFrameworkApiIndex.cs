using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace PortabilityGuard
{
    /// <summary>
    /// The public types and members of the nanoFramework assemblies themselves (mscorlib and the
    /// packages' reference assemblies), by the canonical names the allowlist uses, with the package
    /// that ships each assembly. An allowlist line must name something in here: an allowlist that
    /// promises an API the device does not have is how a host build passed and a device build failed.
    /// </summary>
    public sealed class NanoFrameworkApiIndex
    {
        private readonly Dictionary<string, string> _typePackages = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _memberPackages = new(StringComparer.Ordinal);

        public int AssemblyCount { get; private set; }

        /// <summary>Indexes every *.dll and *.exe given (files, or folders to list).</summary>
        public static NanoFrameworkApiIndex Load(IEnumerable<string> assemblyPaths)
        {
            var index = new NanoFrameworkApiIndex();
            foreach (var path in assemblyPaths)
            {
                index.Add(path);
            }

            return index;
        }

        /// <summary>The NuGet id that ships an assembly: mscorlib is CoreLibrary, the rest carry the prefix.</summary>
        public static string PackageOf(string assemblyName) =>
            assemblyName == "mscorlib" ? "nanoFramework.CoreLibrary"
            : assemblyName.StartsWith(Allowlist.RequiredPackagePrefix, StringComparison.Ordinal) ? assemblyName
            : Allowlist.RequiredPackagePrefix + assemblyName;

        /// <summary>Null when the entry names an API of its package; otherwise why not.</summary>
        public string? Problem(AllowlistEntry entry)
        {
            var name = entry.DeviceCanonicalName;
            var table = _memberPackages;
            if (entry.Kind == AllowlistEntryKind.Type)
            {
                // An array type exists wherever its element type does.
                while (name.EndsWith("[]", StringComparison.Ordinal))
                {
                    name = name.Substring(0, name.Length - 2);
                }

                table = _typePackages;
            }

            if (!table.TryGetValue(name, out var package))
            {
                return "names " + name + ", which no nanoFramework assembly has as a public "
                    + (entry.Kind == AllowlistEntryKind.Type ? "type" : "member (check the overload's parameter types)");
            }

            return package == entry.Package ? null : "names " + name + " as from " + entry.Package + ", but it is in " + package;
        }

        private void Add(string path)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();
            var package = PackageOf(reader.GetString(reader.GetAssemblyDefinition().Name));
            var types = new CanonicalTypeProvider(reader);
            AssemblyCount++;
            foreach (var typeHandle in reader.TypeDefinitions)
            {
                if (!IsVisible(reader, typeHandle))
                {
                    continue;
                }

                var type = reader.GetTypeDefinition(typeHandle);
                var typeName = CanonicalNames.OfTypeDefinition(reader, typeHandle);
                _typePackages.TryAdd(typeName, package);
                foreach (var methodHandle in type.GetMethods())
                {
                    var method = reader.GetMethodDefinition(methodHandle);
                    var access = method.Attributes & MethodAttributes.MemberAccessMask;
                    if (access is MethodAttributes.Public or MethodAttributes.Family or MethodAttributes.FamORAssem)
                    {
                        var signature = method.DecodeSignature(types, null);
                        _memberPackages.TryAdd(CanonicalNames.OfMethod(typeName, reader.GetString(method.Name), signature), package);
                    }
                }

                foreach (var fieldHandle in type.GetFields())
                {
                    var field = reader.GetFieldDefinition(fieldHandle);
                    var access = field.Attributes & FieldAttributes.FieldAccessMask;
                    if (access is FieldAttributes.Public or FieldAttributes.Family or FieldAttributes.FamORAssem)
                    {
                        _memberPackages.TryAdd(CanonicalNames.OfField(typeName, reader.GetString(field.Name)), package);
                    }
                }
            }
        }

        private static bool IsVisible(MetadataReader reader, TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            var visibility = type.Attributes & TypeAttributes.VisibilityMask;
            if (type.GetDeclaringType().IsNil)
            {
                return visibility == TypeAttributes.Public;
            }

            return visibility is TypeAttributes.NestedPublic or TypeAttributes.NestedFamily or TypeAttributes.NestedFamORAssem
                && IsVisible(reader, type.GetDeclaringType());
        }
    }
}
