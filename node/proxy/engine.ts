// The proxy's JavaScript engine settings, made once at its start (main.ts; the proxy benchmark's
// proxy process makes the same). A sync runs most of its code once: a full sync builds each
// service's rules once and feeds them to an iptables-restore that parses them at the same time.
// V8's optimizing compiler (TurboFan) would spend most of a core, on background threads,
// compiling code that has already run by the time it is ready, and that core is the one
// iptables-restore needs. Measured at 1,000 services × 5 endpoints on a 2-core host: the
// first sync used 280–295 ms of CPU with it and 180–210 ms without, and ended 30–60 ms sooner.
// The baseline compiler (Sparkplug) stays on, as do the interpreter's inline caches.
//
// The young generation's size can only be set when node starts: deploy/env/proxy.env gives the
// proxy NODE_OPTIONS=--max-semi-space-size=2 (2 MB semi-spaces instead of growing to 16 MB).
// A full sync's garbage then reuses a few pages: at 1,000 services its process used 155 ms of
// CPU instead of 200 and the sync ended 25–30 ms sooner; at 10,000 services it was no slower.
import { setFlagsFromString } from 'node:v8';

export function tuneEngine(): void {
  setFlagsFromString('--no-opt');
}
