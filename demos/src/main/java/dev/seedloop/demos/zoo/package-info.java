/**
 * The bug zoo: every protocol with a buggy and a correct twin, a demo that proves each pair, and a report
 * that measures how many seeds each fault strategy needs to find each bug (see docs/bug-zoo.md).
 */
package dev.seedloop.demos.zoo;
