/**
 * Implementation, not API: pieces the stores share (the coarse clock, fencing sequences, release
 * listeners, call timeouts, decoded-value memos). Its types are public only so that the store
 * packages can reach them; do not use them, they may change or go without notice.
 */
package dev.cachify.store.impl;
