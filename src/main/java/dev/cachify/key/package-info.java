/**
 * Key templates such as {@code read_user-{userId}}: {@link dev.cachify.key.KeyTemplateException}
 * is what a malformed template, or one that names a parameter the function does not have, fails
 * with when its wrapper is built. The templates themselves are parsed in {@code dev.cachify.key.impl}.
 */
package dev.cachify.key;
