/**
 * Implementation, not API: the parsing and formatting of key templates that the wrappers use. Its
 * types are public only so that other cachify packages can reach them; do not use them, they may
 * change or go without notice.
 */
package dev.cachify.key.impl;
