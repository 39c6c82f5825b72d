package dev.cachify.cache;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The shape of the cache capability's API, Vert.x style: users see interfaces, built by
 * {@code Cachify}; the implementations and the machinery ({@code dev.cachify.cache.impl}) stay out
 * of reach, so nobody steps around the instance's prefix, observed store or shared single-flight.
 */
class CacheApiTest {

  private static JavaClasses library;

  @BeforeAll
  static void importLibrary() {
    library = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(location -> !location.contains("/dev/cachify/service/"))
      .importPackages("dev.cachify");
  }

  @Test
  void theCachePackageHoldsInterfacesOnly() {
    classes().that().resideInAPackage("dev.cachify.cache").and().arePublic()
      .should().beInterfaces()
      .check(library);
  }

  @Test
  void onlyCachesIsPublicInTheImplPackage() {
    classes().that().resideInAPackage("dev.cachify.cache.impl").and().arePublic()
      .should().haveSimpleName("Caches")
      .check(library);
  }

  @Test
  void onlyCachifyReachesIntoTheImplPackage() {
    noClasses().that().resideOutsideOfPackage("dev.cachify.cache.impl")
      .and().doNotHaveFullyQualifiedName("dev.cachify.Cachify")
      .should().dependOnClassesThat().resideInAPackage("dev.cachify.cache.impl")
      .check(library);
  }

  @Test
  void noPublicConstructorOfTheCacheOrFnApiTakesAnInternalType() {
    classes().that().resideInAnyPackage("dev.cachify.cache", "dev.cachify.fn")
      .should(haveNoPublicConstructorTakingAnImplType())
      .check(library);
  }

  private static ArchCondition<JavaClass> haveNoPublicConstructorTakingAnImplType() {
    return new ArchCondition<>("have no public constructor that takes a type of an impl package") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        for (JavaConstructor constructor : type.getConstructors()) {
          if (!constructor.getModifiers().contains(JavaModifier.PUBLIC)) {
            continue;
          }
          for (JavaClass parameter : constructor.getRawParameterTypes()) {
            if (parameter.getPackageName().endsWith(".impl")) {
              events.add(SimpleConditionEvent.violated(constructor, constructor.getFullName()
                + " takes " + parameter.getName()));
            }
          }
        }
      }
    };
  }
}
