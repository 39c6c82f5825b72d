package dev.cachify.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The library ({@code dev.cachify} outside {@code dev.cachify.service}) stands on its own, so that a
 * project can depend on it without the users service: it never uses the service's classes, and its
 * packages do not depend on each other in a circle (each one can be read, and moved, on its own).
 */
class LibraryArchitectureTest {

  private static JavaClasses main;
  private static JavaClasses library;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.cachify");
    library = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(location -> !location.contains("/dev/cachify/service/"))
      .importPackages("dev.cachify");
  }

  @Test
  void theLibraryNeverUsesTheService() {
    noClasses().that().resideOutsideOfPackage("dev.cachify.service..")
      .should().dependOnClassesThat().resideInAPackage("dev.cachify.service..")
      .because("projects depend on the library without the users service and its dependencies")
      .check(main);
  }

  @Test
  void libraryPackagesHaveNoCycles() {
    slices().matching("dev.cachify.(**)").should().beFreeOfCycles().check(library);
  }
}
