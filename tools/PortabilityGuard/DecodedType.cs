using System.Collections.Generic;
using System.Linq;
using System.Reflection.Metadata;

namespace PortabilityGuard
{
    /// <summary>
    /// A type as it appears in a signature, decoded to its canonical name, together with what it
    /// drags in: the TypeRefs it mentions (including custom modifiers such as IsVolatile) and the
    /// constructs the nanoCLR cannot handle (generic instantiations, T[,], pointers).
    /// </summary>
    public sealed class DecodedType
    {
        private static readonly IReadOnlyList<TypeIssue> NoIssues = new List<TypeIssue>();
        private static readonly IReadOnlyList<TypeReferenceHandle> NoReferences = new List<TypeReferenceHandle>();

        public DecodedType(string name, IReadOnlyList<TypeIssue>? issues = null, IReadOnlyList<TypeReferenceHandle>? references = null, IReadOnlyList<TypeReferenceHandle>? generics = null)
        {
            Name = name;
            Issues = issues ?? NoIssues;
            References = references ?? NoReferences;
            GenericDefinitions = generics ?? NoReferences;
        }

        /// <summary>Canonical name: System.Int32, System.Byte[], System.Int32&amp;, Outer+Inner, List`1&lt;System.Int32&gt;.</summary>
        public string Name { get; }

        public IReadOnlyList<TypeIssue> Issues { get; }

        public IReadOnlyList<TypeReferenceHandle> References { get; }

        /// <summary>Generic definitions (List`1) behind instantiations: seen, but not allowlist-checked.</summary>
        public IReadOnlyList<TypeReferenceHandle> GenericDefinitions { get; }

        /// <summary>A new type named <paramref name="name"/> that keeps everything the parts drag in.</summary>
        public static DecodedType Compose(string name, IEnumerable<DecodedType> parts, TypeIssue? extraIssue = null, DecodedType? genericDefinition = null)
        {
            var issues = new List<TypeIssue>();
            var references = new List<TypeReferenceHandle>();
            var generics = new List<TypeReferenceHandle>();
            foreach (var part in parts)
            {
                issues.AddRange(part.Issues);
                references.AddRange(part.References);
                generics.AddRange(part.GenericDefinitions);
            }

            if (genericDefinition is not null)
            {
                generics.AddRange(genericDefinition.References);
            }

            if (extraIssue is not null)
            {
                // An instantiation already names its inner instantiations: report the outermost only.
                if (extraIssue.Kind == ViolationKind.GenericInstantiation)
                {
                    issues.RemoveAll(i => i.Kind == ViolationKind.GenericInstantiation);
                }

                issues.Add(extraIssue);
            }

            return new DecodedType(name, issues, references.Distinct().ToList(), generics.Distinct().ToList());
        }

        public override string ToString() => Name;
    }
}
