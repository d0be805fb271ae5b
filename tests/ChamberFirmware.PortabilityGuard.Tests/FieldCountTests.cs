using System;
using System.Linq;
using System.Reflection;
using PortabilityGuard;
using Xunit;

namespace ChamberFirmware.PortabilityGuard.Tests
{
    /// <summary>The metadata processor indexes a type's static and its instance fields with one byte each.</summary>
    public class FieldCountTests
    {
        [Theory]
        [InlineData(FieldAttributes.Static, "static")]
        [InlineData((FieldAttributes)0, "instance")]
        public void More_than_255_fields_of_one_kind_in_a_type_are_reported(FieldAttributes kind, string word)
        {
            var violation = Assert.Single(Check(256, kind).Violations);
            Assert.Equal(ViolationKind.TooManyFields, violation.Kind);
            Assert.Equal("Emitted.Fields", violation.User);
            Assert.Equal("256 " + word + " fields", violation.Subject);
        }

        [Theory]
        [InlineData(FieldAttributes.Static)]
        [InlineData((FieldAttributes)0)]
        public void Exactly_255_fields_of_one_kind_pass(FieldAttributes kind)
        {
            var result = Check(255, kind);
            Assert.True(result.IsPortable, string.Join(Environment.NewLine, result.Violations));
        }

        [Fact]
        public void Static_and_instance_fields_are_counted_apart()
        {
            var path = EmittedAssembly.Save("MixedFields", module =>
            {
                var type = module.DefineType("Emitted.Fields", TypeAttributes.Public | TypeAttributes.Sealed);
                foreach (var i in Enumerable.Range(0, 200))
                {
                    type.DefineField("s" + i, typeof(int), FieldAttributes.Public | FieldAttributes.Static);
                    type.DefineField("f" + i, typeof(int), FieldAttributes.Public);
                }

                type.CreateType();
            });

            Assert.True(new PortabilityChecker(null).Check(path).IsPortable);
        }

        private static CheckResult Check(int count, FieldAttributes kind)
        {
            var path = EmittedAssembly.Save("Fields" + count, module =>
            {
                var type = module.DefineType("Emitted.Fields", TypeAttributes.Public | TypeAttributes.Sealed);
                foreach (var i in Enumerable.Range(0, count))
                {
                    type.DefineField("f" + i, typeof(int), FieldAttributes.Public | kind);
                }

                type.CreateType();
            });
            return new PortabilityChecker(null).Check(path);
        }
    }
}
