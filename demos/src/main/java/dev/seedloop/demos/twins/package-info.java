/**
 * What every bug-zoo protocol shares: a pair of scenarios (a buggy twin and a correct twin) with the
 * invariant that tells them apart, and the demo that proves the difference by sweeping both.
 */
package dev.seedloop.demos.twins;
