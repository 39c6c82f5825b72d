/**
 * The users service (the py-cachify tutorial's app): {@link dev.cachify.service.users.UserService} over the
 * repository, served over HTTP ({@code http}) and on the event bus ({@code bus}: the public
 * {@code users.*} contract of {@link dev.cachify.service.users.UserAddresses} and the typed client
 * {@link dev.cachify.service.users.bus.UserBusService}).
 */
@ModuleGen(name = "cachify-users", groupPackage = "dev.cachify")
package dev.cachify.service.users;

import io.vertx.codegen.annotations.ModuleGen;
