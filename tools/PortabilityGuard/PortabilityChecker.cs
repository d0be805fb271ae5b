using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace PortabilityGuard
{
    /// <summary>
    /// Reads a compiled host assembly of the shared code and lists everything the stable nanoCLR
    /// cannot compile or run: generic definitions and instantiations, T[,], P/Invoke, pointers,
    /// types with more than 255 methods, and external APIs that are not on the allowlist.
    /// Each finding names the member of the assembly that uses it and, with a PDB, the source line.
    /// </summary>
    public sealed class PortabilityChecker
    {
        /// <summary>The nanoFramework metadata processor indexes a type's methods with one byte.</summary>
        public const int MaxMethodsPerType = 255;

        /// <summary>
        /// Attributes Roslyn embeds into the compiled assembly, or leaves out, when the referenced
        /// corlib lacks them (dotnet/roslyn#19888 for IsReadOnlyAttribute; CompilerGeneratedAttribute
        /// on closures and backing fields is optional to the compiler, and nanoFramework's mscorlib
        /// 1.17.11 has no such type). The host's reference to them is a host-only artefact.
        /// </summary>
        private static readonly HashSet<string> CompilerEmbeddedAttributes = new(StringComparer.Ordinal)
        {
            "System.Runtime.CompilerServices.IsReadOnlyAttribute",
            "System.Runtime.CompilerServices.CompilerGeneratedAttribute",
        };

        private readonly Allowlist? _allowlist;

        /// <param name="allowlist">
        /// The APIs a host build may use. Null for a device build's output: that assembly was compiled
        /// against the nanoFramework assemblies themselves, so every API it names exists; only the IL
        /// rules apply.
        /// </param>
        public PortabilityChecker(Allowlist? allowlist)
        {
            _allowlist = allowlist;
        }

        public CheckResult Check(string assemblyPath)
        {
            using var stream = File.OpenRead(assemblyPath);
            using var peReader = new PEReader(stream);
            if (!peReader.HasMetadata)
            {
                throw new BadImageFormatException("not a .NET assembly: " + assemblyPath);
            }

            using var lines = SourceLineMap.Open(assemblyPath, peReader);
            var scan = new Scan(peReader, peReader.GetMetadataReader(), lines, _allowlist);
            return scan.Run();
        }

        /// <summary>The state of one pass over one assembly.</summary>
        private sealed class Scan
        {
            private readonly PEReader _pe;
            private readonly MetadataReader _reader;
            private readonly SourceLineMap _lines;
            private readonly Allowlist? _allowlist;
            private readonly CanonicalTypeProvider _types;
            private readonly List<Violation> _violations = new();
            private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
            private readonly HashSet<TypeReferenceHandle> _coveredTypeRefs = new();
            private readonly HashSet<MemberReferenceHandle> _coveredMemberRefs = new();
            private readonly HashSet<EntityHandle> _externalChecked = new();
            private readonly HashSet<MethodDefinitionHandle> _eventAccessors = new();
            private int _methodCount;

            public Scan(PEReader pe, MetadataReader reader, SourceLineMap lines, Allowlist? allowlist)
            {
                _pe = pe;
                _reader = reader;
                _lines = lines;
                _allowlist = allowlist;
                _types = new CanonicalTypeProvider(reader);
            }

            public CheckResult Run()
            {
                CollectEventAccessors();
                ExemptAssemblyAndModuleAttributes();
                CheckGenericParameters();

                foreach (var typeHandle in _reader.TypeDefinitions)
                {
                    CheckType(typeHandle);
                }

                CheckUnvisitedReferences();

                var name = _reader.IsAssembly ? _reader.GetString(_reader.GetAssemblyDefinition().Name) : _reader.GetString(_reader.GetModuleDefinition().Name);
                return new CheckResult(name, _violations, _reader.TypeDefinitions.Count, _methodCount, _externalChecked.Count, _lines.HasSymbols);
            }

            // Field-like events compile on net10 to a loop over Interlocked.CompareExchange<TDelegate>;
            // nanoFramework's mscorlib has no generic CompareExchange, so the device compiler emits a
            // plain Delegate.Combine/Remove instead. That one instantiation is a host-only lowering.
            private void CollectEventAccessors()
            {
                foreach (var eventHandle in _reader.EventDefinitions)
                {
                    var accessors = _reader.GetEventDefinition(eventHandle).GetAccessors();
                    _eventAccessors.Add(accessors.Adder);
                    _eventAccessors.Add(accessors.Remover);
                }
            }

            // CompilationRelaxations, RuntimeCompatibility, Debuggable, TargetFramework, RefSafetyRules...
            // are generated by the compiler/SDK at assembly or module level and are not code that runs.
            private void ExemptAssemblyAndModuleAttributes()
            {
                var attributes = _reader.GetModuleDefinition().GetCustomAttributes().AsEnumerable();
                if (_reader.IsAssembly)
                {
                    attributes = attributes.Concat(_reader.GetAssemblyDefinition().GetCustomAttributes());
                }

                foreach (var attributeHandle in attributes)
                {
                    var constructor = _reader.GetCustomAttribute(attributeHandle).Constructor;
                    if (constructor.Kind != HandleKind.MemberReference)
                    {
                        continue;
                    }

                    var memberRefHandle = (MemberReferenceHandle)constructor;
                    _coveredMemberRefs.Add(memberRefHandle);
                    var memberRef = _reader.GetMemberReference(memberRefHandle);
                    if (memberRef.Parent.Kind == HandleKind.TypeReference)
                    {
                        Cover((TypeReferenceHandle)memberRef.Parent);
                    }

                    var signature = memberRef.DecodeMethodSignature(_types, null);
                    foreach (var type in CanonicalTypeProvider.AllTypesOf(signature))
                    {
                        foreach (var reference in type.References)
                        {
                            Cover(reference);
                        }
                    }
                }
            }

            private void CheckGenericParameters()
            {
                foreach (var typeHandle in _reader.TypeDefinitions)
                {
                    var type = _reader.GetTypeDefinition(typeHandle);
                    foreach (var parameter in type.GetGenericParameters())
                    {
                        var user = CanonicalNames.OfTypeDefinition(_reader, typeHandle);
                        Report(ViolationKind.GenericDefinition, user, _lines.LocateFirst(type.GetMethods()), "type parameter " + _reader.GetString(_reader.GetGenericParameter(parameter).Name));
                    }

                    foreach (var methodHandle in type.GetMethods())
                    {
                        foreach (var parameter in _reader.GetMethodDefinition(methodHandle).GetGenericParameters())
                        {
                            var user = CanonicalNames.OfMethodDefinition(_reader, methodHandle);
                            Report(ViolationKind.GenericDefinition, user, _lines.Locate(methodHandle), "type parameter " + _reader.GetString(_reader.GetGenericParameter(parameter).Name));
                        }
                    }
                }
            }

            private void CheckType(TypeDefinitionHandle typeHandle)
            {
                var type = _reader.GetTypeDefinition(typeHandle);
                var user = CanonicalNames.OfTypeDefinition(_reader, typeHandle);
                var methods = type.GetMethods();
                var location = _lines.LocateFirst(methods);

                if (methods.Count > MaxMethodsPerType)
                {
                    Report(ViolationKind.TooManyMethods, user, location, methods.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " methods");
                }

                var staticFields = type.GetFields().Count(f => (_reader.GetFieldDefinition(f).Attributes & System.Reflection.FieldAttributes.Static) != 0);
                var instanceFields = type.GetFields().Count - staticFields;
                if (staticFields > MaxMethodsPerType)
                {
                    Report(ViolationKind.TooManyFields, user, location, staticFields.ToString(System.Globalization.CultureInfo.InvariantCulture) + " static fields");
                }

                if (instanceFields > MaxMethodsPerType)
                {
                    Report(ViolationKind.TooManyFields, user, location, instanceFields.ToString(System.Globalization.CultureInfo.InvariantCulture) + " instance fields");
                }

                if (!type.BaseType.IsNil)
                {
                    CheckEntity(type.BaseType, user, location);
                }

                foreach (var implementationHandle in type.GetInterfaceImplementations())
                {
                    var implementation = _reader.GetInterfaceImplementation(implementationHandle);
                    CheckEntity(implementation.Interface, user, location);
                    CheckAttributes(implementation.GetCustomAttributes(), user, location);
                }

                CheckAttributes(type.GetCustomAttributes(), user, location);

                foreach (var implementationHandle in type.GetMethodImplementations())
                {
                    var implementation = _reader.GetMethodImplementation(implementationHandle);
                    CheckEntity(implementation.MethodDeclaration, user, location);
                }

                foreach (var fieldHandle in type.GetFields())
                {
                    var field = _reader.GetFieldDefinition(fieldHandle);
                    var fieldUser = CanonicalNames.OfFieldDefinition(_reader, fieldHandle);
                    CheckDecoded(field.DecodeSignature(_types, null), fieldUser, location);
                    CheckAttributes(field.GetCustomAttributes(), fieldUser, location);
                }

                foreach (var propertyHandle in type.GetProperties())
                {
                    var property = _reader.GetPropertyDefinition(propertyHandle);
                    var propertyUser = user + "::" + _reader.GetString(property.Name);
                    var propertyLocation = _lines.Locate(property.GetAccessors().Getter.IsNil ? property.GetAccessors().Setter : property.GetAccessors().Getter) ?? location;
                    foreach (var decoded in CanonicalTypeProvider.AllTypesOf(property.DecodeSignature(_types, null)))
                    {
                        CheckDecoded(decoded, propertyUser, propertyLocation);
                    }

                    CheckAttributes(property.GetCustomAttributes(), propertyUser, propertyLocation);
                }

                foreach (var eventHandle in type.GetEvents())
                {
                    var eventDefinition = _reader.GetEventDefinition(eventHandle);
                    var eventUser = user + "::" + _reader.GetString(eventDefinition.Name);
                    CheckEntity(eventDefinition.Type, eventUser, location);
                    CheckAttributes(eventDefinition.GetCustomAttributes(), eventUser, location);
                }

                foreach (var methodHandle in methods)
                {
                    CheckMethod(methodHandle);
                }
            }

            private void CheckMethod(MethodDefinitionHandle methodHandle)
            {
                _methodCount++;
                var method = _reader.GetMethodDefinition(methodHandle);
                var user = CanonicalNames.OfMethodDefinition(_reader, methodHandle);
                var location = _lines.Locate(methodHandle) ?? _lines.LocateFirst(_reader.GetTypeDefinition(method.GetDeclaringType()).GetMethods());

                var import = method.GetImport();
                if (!import.Module.IsNil)
                {
                    var module = _reader.GetString(_reader.GetModuleReference(import.Module).Name);
                    Report(ViolationKind.PlatformInvoke, user, location, "[DllImport(\"" + module + "\")]");
                }

                foreach (var decoded in CanonicalTypeProvider.AllTypesOf(method.DecodeSignature(_types, null)))
                {
                    CheckDecoded(decoded, user, location);
                }

                CheckAttributes(method.GetCustomAttributes(), user, location);
                foreach (var parameterHandle in method.GetParameters())
                {
                    CheckAttributes(_reader.GetParameter(parameterHandle).GetCustomAttributes(), user, location);
                }

                if (method.RelativeVirtualAddress == 0)
                {
                    return;
                }

                // IL first: an instruction gives the exact line; the locals signature only the method's.
                var body = _pe.GetMethodBody(method.RelativeVirtualAddress);
                var isEventAccessor = _eventAccessors.Contains(methodHandle);
                foreach (var instruction in IlTokenReader.ReadInstructions(body))
                {
                    var at = _lines.Locate(methodHandle, instruction.Offset) ?? location;
                    if (IlTokenReader.OpcodesRejectedByNanoClr.TryGetValue(instruction.OpCode, out var opcodeName))
                    {
                        Report(ViolationKind.ForbiddenOpcode, user, at, opcodeName + " at IL_" + instruction.Offset.ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    }

                    if (!instruction.Token.IsNil)
                    {
                        CheckEntity(instruction.Token, user, at, isEventAccessor);
                    }
                }

                foreach (var region in body.ExceptionRegions)
                {
                    if (!region.CatchType.IsNil)
                    {
                        CheckEntity(region.CatchType, user, _lines.Locate(methodHandle, region.HandlerOffset) ?? location);
                    }
                }

                if (!body.LocalSignature.IsNil)
                {
                    var locals = _reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(_types, null);
                    foreach (var local in locals)
                    {
                        CheckDecoded(local, user, location);
                    }
                }
            }

            private void CheckAttributes(CustomAttributeHandleCollection attributes, string user, SourceLocation? location)
            {
                foreach (var attributeHandle in attributes)
                {
                    var constructor = _reader.GetCustomAttribute(attributeHandle).Constructor;
                    if (constructor.Kind == HandleKind.MemberReference)
                    {
                        var memberRef = _reader.GetMemberReference((MemberReferenceHandle)constructor);
                        if (memberRef.Parent.Kind == HandleKind.TypeReference
                            && CompilerEmbeddedAttributes.Contains(CanonicalNames.OfTypeReference(_reader, (TypeReferenceHandle)memberRef.Parent)))
                        {
                            _coveredMemberRefs.Add((MemberReferenceHandle)constructor);
                            Cover((TypeReferenceHandle)memberRef.Parent);
                            continue;
                        }
                    }

                    CheckEntity(constructor, user, location);
                }
            }

            private void CheckEntity(EntityHandle handle, string user, SourceLocation? location, bool inEventAccessor = false)
            {
                switch (handle.Kind)
                {
                    case HandleKind.TypeReference:
                        CheckTypeReference((TypeReferenceHandle)handle, user, location);
                        break;
                    case HandleKind.TypeSpecification:
                        CheckDecoded(_types.DecodeTypeHandle(handle), user, location);
                        break;
                    case HandleKind.MemberReference:
                        CheckMemberReference((MemberReferenceHandle)handle, user, location);
                        break;
                    case HandleKind.MethodSpecification:
                        CheckMethodSpecification((MethodSpecificationHandle)handle, user, location, inEventAccessor);
                        break;
                    case HandleKind.StandaloneSignature:
                        // calli: only reachable through function pointers (unsafe code).
                        var signature = _reader.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                        if (signature.GetKind() == StandaloneSignatureKind.Method)
                        {
                            var method = signature.DecodeMethodSignature(_types, null);
                            Report(ViolationKind.FunctionPointer, user, location, "calli " + _types.GetFunctionPointerType(method).Name);
                        }

                        break;
                    default:
                        // TypeDef, MethodDef, FieldDef: our own code.
                        break;
                }
            }

            private void CheckTypeReference(TypeReferenceHandle handle, string user, SourceLocation? location)
            {
                Cover(handle);
                if (!CanonicalNames.IsExternal(_reader, handle))
                {
                    return;
                }

                _externalChecked.Add(handle);
                var name = CanonicalNames.OfTypeReference(_reader, handle);
                if (_allowlist is not null && !_allowlist.IsTypeAllowed(name))
                {
                    Report(ViolationKind.NotAllowlisted, user, location, name, AllowlistEntry.FormatLine(AllowlistEntryKind.Type, name));
                }
            }

            private void CheckDecoded(DecodedType decoded, string user, SourceLocation? location)
            {
                foreach (var issue in decoded.Issues)
                {
                    Report(issue.Kind, user, location, issue.TypeText);
                }

                foreach (var reference in decoded.References)
                {
                    CheckTypeReference(reference, user, location);
                }

                foreach (var generic in decoded.GenericDefinitions)
                {
                    Cover(generic);
                }
            }

            private void CheckMemberReference(MemberReferenceHandle handle, string user, SourceLocation? location)
            {
                _coveredMemberRefs.Add(handle);
                var memberRef = _reader.GetMemberReference(handle);
                var (canonical, parent, signatureTypes) = DescribeMemberReference(memberRef);

                foreach (var type in signatureTypes)
                {
                    CheckDecoded(type, user, location);
                }

                switch (memberRef.Parent.Kind)
                {
                    case HandleKind.TypeReference:
                        var parentRef = (TypeReferenceHandle)memberRef.Parent;
                        Cover(parentRef);
                        if (CanonicalNames.IsExternal(_reader, parentRef))
                        {
                            _externalChecked.Add(handle);
                            if (_allowlist is not null && !_allowlist.IsMemberAllowed(canonical))
                            {
                                Report(ViolationKind.NotAllowlisted, user, location, canonical, AllowlistEntry.FormatLine(AllowlistEntryKind.Member, canonical));
                            }
                        }

                        break;
                    case HandleKind.TypeSpecification:
                        // List`1<System.Int32>::Add, System.Int32[,]::Get: the type itself is the finding.
                        CheckDecoded(parent, user, location);
                        break;
                    case HandleKind.ModuleReference:
                        Report(ViolationKind.PlatformInvoke, user, location, canonical);
                        break;
                    default:
                        break;
                }
            }

            private void CheckMethodSpecification(MethodSpecificationHandle handle, string user, SourceLocation? location, bool inEventAccessor)
            {
                var specification = _reader.GetMethodSpecification(handle);
                var arguments = specification.DecodeSignature(_types, null);
                string methodName;
                if (specification.Method.Kind == HandleKind.MemberReference)
                {
                    var memberRefHandle = (MemberReferenceHandle)specification.Method;
                    var memberRef = _reader.GetMemberReference(memberRefHandle);
                    _coveredMemberRefs.Add(memberRefHandle);
                    if (memberRef.Parent.Kind == HandleKind.TypeReference)
                    {
                        Cover((TypeReferenceHandle)memberRef.Parent);
                    }

                    var (canonical, _, _) = DescribeMemberReference(memberRef);
                    if (inEventAccessor && canonical.StartsWith("System.Threading.Interlocked::CompareExchange(", StringComparison.Ordinal))
                    {
                        return;
                    }

                    methodName = canonical;
                }
                else
                {
                    methodName = CanonicalNames.OfMethodDefinition(_reader, (MethodDefinitionHandle)specification.Method);
                }

                var subject = methodName + "<" + string.Join(",", arguments.Select(a => a.Name)) + ">";
                Report(ViolationKind.GenericInstantiation, user, location, subject);
                foreach (var argument in arguments)
                {
                    foreach (var reference in argument.References)
                    {
                        CheckTypeReference(reference, user, location);
                    }

                    foreach (var generic in argument.GenericDefinitions)
                    {
                        Cover(generic);
                    }
                }
            }

            private (string Canonical, DecodedType Parent, IEnumerable<DecodedType> SignatureTypes) DescribeMemberReference(MemberReference memberRef)
            {
                var parent = memberRef.Parent.Kind switch
                {
                    HandleKind.MethodDefinition => new DecodedType(CanonicalNames.OfTypeDefinition(_reader, _reader.GetMethodDefinition((MethodDefinitionHandle)memberRef.Parent).GetDeclaringType())),
                    HandleKind.ModuleReference => new DecodedType(_reader.GetString(_reader.GetModuleReference((ModuleReferenceHandle)memberRef.Parent).Name)),
                    _ => _types.DecodeTypeHandle(memberRef.Parent),
                };
                var name = _reader.GetString(memberRef.Name);
                if (memberRef.GetKind() == MemberReferenceKind.Field)
                {
                    var fieldType = memberRef.DecodeFieldSignature(_types, null);
                    return (CanonicalNames.OfField(parent.Name, name), parent, new[] { fieldType });
                }

                var signature = memberRef.DecodeMethodSignature(_types, null);
                return (CanonicalNames.OfMethod(parent.Name, name, signature), parent, CanonicalTypeProvider.AllTypesOf(signature));
            }

            // Anything still unvisited (should be rare: a reference with no user we could name) is
            // checked against the allowlist in the name of the assembly.
            private void CheckUnvisitedReferences()
            {
                var user = "(assembly " + (_reader.IsAssembly ? _reader.GetString(_reader.GetAssemblyDefinition().Name) : "module") + ")";
                foreach (var handle in _reader.MemberReferences)
                {
                    if (!_coveredMemberRefs.Contains(handle))
                    {
                        CheckMemberReference(handle, user, null);
                    }
                }

                foreach (var handle in _reader.TypeReferences)
                {
                    if (!_coveredTypeRefs.Contains(handle))
                    {
                        CheckTypeReference(handle, user, null);
                    }
                }
            }

            // A nested TypeRef (Outer+Inner) is checked by its full name; the outer one is covered by it.
            private void Cover(TypeReferenceHandle handle)
            {
                var current = handle;
                while (_coveredTypeRefs.Add(current))
                {
                    var scope = _reader.GetTypeReference(current).ResolutionScope;
                    if (scope.Kind != HandleKind.TypeReference)
                    {
                        break;
                    }

                    current = (TypeReferenceHandle)scope;
                }
            }

            private void Report(ViolationKind kind, string user, SourceLocation? location, string subject, string? allowlistLine = null)
            {
                if (_reported.Add(((int)kind).ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + user + "|" + subject))
                {
                    _violations.Add(new Violation(kind, user, location, subject, allowlistLine));
                }
            }
        }
    }
}
