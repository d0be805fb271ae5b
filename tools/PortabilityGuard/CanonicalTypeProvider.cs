using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection.Metadata;

namespace PortabilityGuard
{
    /// <summary>
    /// Decodes signature blobs (System.Reflection.Metadata) into <see cref="DecodedType"/>s with the
    /// canonical names used by the allowlist.
    /// </summary>
    public sealed class CanonicalTypeProvider : ISignatureTypeProvider<DecodedType, object?>
    {
        private readonly MetadataReader _reader;

        public CanonicalTypeProvider(MetadataReader reader)
        {
            _reader = reader;
        }

        public DecodedType GetPrimitiveType(PrimitiveTypeCode typeCode) => new(typeCode switch
        {
            PrimitiveTypeCode.Boolean => "System.Boolean",
            PrimitiveTypeCode.Byte => "System.Byte",
            PrimitiveTypeCode.SByte => "System.SByte",
            PrimitiveTypeCode.Char => "System.Char",
            PrimitiveTypeCode.Int16 => "System.Int16",
            PrimitiveTypeCode.UInt16 => "System.UInt16",
            PrimitiveTypeCode.Int32 => "System.Int32",
            PrimitiveTypeCode.UInt32 => "System.UInt32",
            PrimitiveTypeCode.Int64 => "System.Int64",
            PrimitiveTypeCode.UInt64 => "System.UInt64",
            PrimitiveTypeCode.Single => "System.Single",
            PrimitiveTypeCode.Double => "System.Double",
            PrimitiveTypeCode.IntPtr => "System.IntPtr",
            PrimitiveTypeCode.UIntPtr => "System.UIntPtr",
            PrimitiveTypeCode.Object => "System.Object",
            PrimitiveTypeCode.String => "System.String",
            PrimitiveTypeCode.TypedReference => "System.TypedReference",
            PrimitiveTypeCode.Void => "System.Void",
            _ => throw new BadImageFormatException("unknown primitive type code " + typeCode.ToString()),
        });

        public DecodedType GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
            new(CanonicalNames.OfTypeDefinition(_reader, handle));

        public DecodedType GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
            new(CanonicalNames.OfTypeReference(_reader, handle), references: new[] { handle });

        public DecodedType GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            _reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public DecodedType GetSZArrayType(DecodedType elementType) =>
            DecodedType.Compose(elementType.Name + "[]", new[] { elementType });

        public DecodedType GetArrayType(DecodedType elementType, ArrayShape shape)
        {
            var name = elementType.Name + "[" + new string(',', Math.Max(0, shape.Rank - 1)) + "]";
            return DecodedType.Compose(name, new[] { elementType }, new TypeIssue(ViolationKind.MultiDimensionalArray, name));
        }

        public DecodedType GetByReferenceType(DecodedType elementType) =>
            DecodedType.Compose(elementType.Name + "&", new[] { elementType });

        public DecodedType GetPointerType(DecodedType elementType)
        {
            var name = elementType.Name + "*";
            return DecodedType.Compose(name, new[] { elementType }, new TypeIssue(ViolationKind.UnsafePointer, name));
        }

        public DecodedType GetFunctionPointerType(MethodSignature<DecodedType> signature)
        {
            var name = "delegate*<" + string.Join(",", signature.ParameterTypes.Select(p => p.Name).Append(signature.ReturnType.Name)) + ">";
            return DecodedType.Compose(name, signature.ParameterTypes.Append(signature.ReturnType), new TypeIssue(ViolationKind.FunctionPointer, name));
        }

        public DecodedType GetGenericInstantiation(DecodedType genericType, ImmutableArray<DecodedType> typeArguments)
        {
            // The generic definition itself (List`1) is not checked against the allowlist: the
            // instantiation is already the finding. Its type arguments still are.
            var name = genericType.Name + "<" + string.Join(",", typeArguments.Select(t => t.Name)) + ">";
            return DecodedType.Compose(name, typeArguments, new TypeIssue(ViolationKind.GenericInstantiation, name), genericType);
        }

        // Type parameters only occur inside generic definitions and generic member references,
        // which are reported on their own (GenericParam rows, MethodSpec, TypeSpec).
        public DecodedType GetGenericMethodParameter(object? genericContext, int index) => new("!!" + index.ToString(System.Globalization.CultureInfo.InvariantCulture));

        public DecodedType GetGenericTypeParameter(object? genericContext, int index) => new("!" + index.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // The modifier is not part of the canonical name, but its type must exist on the device
        // (e.g. modreq(IsVolatile) on volatile fields), so its TypeRef is kept.
        public DecodedType GetModifiedType(DecodedType modifier, DecodedType unmodifiedType, bool isRequired) =>
            DecodedType.Compose(unmodifiedType.Name, new[] { unmodifiedType, modifier });

        public DecodedType GetPinnedType(DecodedType elementType) => elementType;

        /// <summary>Decodes the type behind any TypeDef/TypeRef/TypeSpec handle.</summary>
        public DecodedType DecodeTypeHandle(EntityHandle handle) => handle.Kind switch
        {
            HandleKind.TypeDefinition => GetTypeFromDefinition(_reader, (TypeDefinitionHandle)handle, 0),
            HandleKind.TypeReference => GetTypeFromReference(_reader, (TypeReferenceHandle)handle, 0),
            HandleKind.TypeSpecification => GetTypeFromSpecification(_reader, null, (TypeSpecificationHandle)handle, 0),
            _ => new DecodedType("<" + handle.Kind.ToString() + ">"),
        };

        internal static IEnumerable<DecodedType> AllTypesOf(MethodSignature<DecodedType> signature) =>
            signature.ParameterTypes.Prepend(signature.ReturnType);
    }
}
