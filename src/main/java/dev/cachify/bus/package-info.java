/**
 * The cachify library as an event-bus service: {@link dev.cachify.bus.CachifyVerticle} answers on
 * the {@code cachify.*} addresses of {@link dev.cachify.bus.CachifyAddresses}, and
 * {@link dev.cachify.bus.CachifyService} is the typed client other JVM services use.
 */
@ModuleGen(name = "cachify", groupPackage = "dev.cachify")
package dev.cachify.bus;

import io.vertx.codegen.annotations.ModuleGen;
