package dev.cachify.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.cachify.CachifyException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The lock and pool capabilities are a small API, Vert.x style: an interface per concept, the
 * exceptions and {@code LeasedFn}; their implementations sit in {@code impl} packages that only
 * {@code Cachify} reaches, through one factory each ({@code Locks}, {@code Pools}).
 */
class LockAndPoolApiTest {

  private static final String[] API = {"dev.cachify.lock", "dev.cachify.pool"};
  private static final String[] IMPL = {"dev.cachify.lock.impl", "dev.cachify.pool.impl"};

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.cachify");
  }

  @Test
  void theApiPackagesHoldInterfacesExceptionsAndLeasedFnOnly() {
    classes().that().resideInAnyPackage(API)
      .should().beInterfaces()
      .orShould().beAssignableTo(CachifyException.class)
      .orShould().haveSimpleName("LeasedFn")
      .because("users get implementations from Cachify and never construct them")
      .check(main);
  }

  @Test
  void theApiNeverNamesItsImplementations() {
    noClasses().that().resideInAnyPackage(API)
      .should().dependOnClassesThat().resideInAnyPackage(IMPL)
      .check(main);
  }

  @Test
  void theImplPackagesExposeOnlyTheirFactoryAndOnlyCachifyUsesIt() {
    classes().that().resideInAnyPackage(IMPL).and().arePublic()
      .should().haveSimpleName("Locks").orShould().haveSimpleName("Pools")
      .check(main);
    classes().that().resideInAnyPackage(IMPL)
      .should().onlyHaveDependentClassesThat(resideInAnyPackage(IMPL)
        .or(describe("are dev.cachify.Cachify", c -> c.getName().equals("dev.cachify.Cachify"))))
      .check(main);
  }
}
