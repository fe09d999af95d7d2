/**
 * jsdom (the pane tests' environment) has no TextEncoder/TextDecoder, which browsers and Node
 * have and the .xlsx port uses: give it Node's.
 */
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from "node:util";

const scope = globalThis as { TextEncoder?: unknown; TextDecoder?: unknown };
scope.TextEncoder ??= NodeTextEncoder;
scope.TextDecoder ??= NodeTextDecoder;
