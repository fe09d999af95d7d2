/**
 * Node's native raw deflate for the .xlsx writer (JSZip's JavaScript deflate is several times
 * slower), run on a worker thread: the main thread goes on writing the sheet while the worker
 * encodes, checksums and deflates what it has been given.
 * @packageDocumentation
 */
import { Worker } from "node:worker_threads";
import type { CompressedText, TextCompressor } from "../xlsx/write";

/** Bytes gathered before they are posted to the worker (fewer, larger messages). */
const BATCH = 1 << 19;

/**
 * The worker: per stream, each batch of bytes is added to the CRC-32 and deflated
 * at level 1 ending on a sync flush (a byte boundary without the final-block bit, as pigz does);
 * at the end a final empty block closes the one raw-deflate stream the batches make together.
 */
const WORKER = `
const { parentPort } = require("node:worker_threads");
const { constants, crc32, deflateRawSync } = require("node:zlib");
const streams = new Map();
parentPort.on("message", (m) => {
  let s = streams.get(m.id);
  if (!s) streams.set(m.id, (s = { parts: [], crc: 0, size: 0, error: undefined, stream: m.stream === true }));
  try {
    if (m.bytes !== undefined && s.error === undefined) {
      const bytes = m.bytes;
      s.crc = crc32(bytes, s.crc);
      s.size += bytes.length;
      // A copy of its own size (the result can be a view of a larger buffer).
      const piece = new Uint8Array(deflateRawSync(bytes, {
        level: 1,
        finishFlush: constants.Z_SYNC_FLUSH,
        chunkSize: Math.min(bytes.length + (bytes.length >> 6) + 1024, 1 << 22),
      }));
      // A streamed part's pieces go back as they are made (the caller writes them out).
      if (s.stream) parentPort.postMessage({ id: m.id, piece }, [piece.buffer]);
      else s.parts.push(piece);
    }
  } catch (e) {
    s.error = String((e && e.message) || e);
  }
  if (!m.finish) return;
  streams.delete(m.id);
  if (s.error !== undefined) {
    parentPort.postMessage({ id: m.id, error: s.error });
    return;
  }
  const last = new Uint8Array(deflateRawSync(Buffer.alloc(0), { level: 1 }));
  if (s.stream) parentPort.postMessage({ id: m.id, piece: last }, [last.buffer]);
  else s.parts.push(last);
  // The deflated pieces as they are (never joined: a million-row sheet is 200 MB of them).
  parentPort.postMessage(
    { id: m.id, data: s.parts, crc32: s.crc >>> 0, size: s.size },
    s.parts.map((p) => p.buffer),
  );
});
`;

interface Reply {
  readonly id: number;
  /** A streamed part's next deflated piece. */
  readonly piece?: Uint8Array;
  readonly data?: readonly Uint8Array[];
  readonly crc32?: number;
  readonly size?: number;
  readonly error?: string;
}

let worker: Worker | undefined;
let nextId = 1;
/** Streams whose finish() waits for the worker; the worker keeps the process alive only then. */
const waiting = new Map<number, { resolve: (c: CompressedText) => void; reject: (e: Error) => void }>();
/** Streamed parts: where each one's pieces go as they come back. */
const receivers = new Map<number, (piece: Uint8Array) => void>();

function deflateWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(WORKER, { eval: true });
  w.unref();
  w.on("message", (reply: Reply) => {
    if (reply.piece) {
      receivers.get(reply.id)?.(reply.piece);
      return;
    }
    receivers.delete(reply.id);
    const wait = waiting.get(reply.id);
    if (!wait) return;
    waiting.delete(reply.id);
    if (waiting.size === 0) w.unref();
    if (reply.error !== undefined || !reply.data) wait.reject(new Error(`deflate failed: ${reply.error}`));
    else wait.resolve({ data: reply.data, crc32: reply.crc32 as number, size: reply.size as number });
  });
  const fail = (e: Error) => {
    for (const wait of waiting.values()) wait.reject(e);
    waiting.clear();
    receivers.clear();
    if (worker === w) worker = undefined;
  };
  w.on("error", fail);
  w.on("exit", (code) => fail(new Error(`the deflate worker stopped (exit code ${code})`)));
  worker = w;
  return w;
}

/** Stops the worker (a later compressor starts a new one); compressors still open fail on finish. */
export async function closeDeflateWorker(): Promise<void> {
  const w = worker;
  if (!w) return;
  worker = undefined;
  await w.terminate();
}

/**
 * A compressor for one part, deflated on a worker thread while the caller goes on producing the
 * next piece (each batch starts without a dictionary, which costs well under 1 % in size at this
 * batch size).
 *
 * @example
 * ```ts
 * const c = nodeDeflate();
 * c.push(new TextEncoder().encode("<sheetData/>"));
 * (await c.finish()).size // => 12
 * ```
 */
export function nodeDeflate(): TextCompressor {
  const w = deflateWorker();
  const id = nextId++;
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  let streamed = false;
  let sent = false;
  const send = () => {
    const batch = new Uint8Array(pendingLength);
    let at = 0;
    for (const p of pending) {
      batch.set(p, at);
      at += p.length;
    }
    w.postMessage({ id, bytes: batch, ...(streamed && !sent ? { stream: true } : {}) }, [batch.buffer]);
    sent = true;
    pending = [];
    pendingLength = 0;
  };
  return {
    stream(onPiece: (piece: Uint8Array) => void): void {
      if (sent) throw new Error("a compressor streams from its first piece");
      streamed = true;
      receivers.set(id, onPiece);
    },
    drain(): Promise<void> {
      // The pieces the worker sent back meanwhile are handed over before this resolves.
      return new Promise((resolve) => setImmediate(resolve));
    },
    push(bytes: Uint8Array): void {
      if (bytes.length === 0) return;
      pending.push(bytes);
      pendingLength += bytes.length;
      if (pendingLength >= BATCH) send();
    },
    finish(): Promise<CompressedText> {
      // A worker that stopped meanwhile lost this stream's batches.
      if (worker !== w) return Promise.reject(new Error("the deflate worker stopped before the end"));
      if (pendingLength > 0) send();
      return new Promise<CompressedText>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        w.ref();
        w.postMessage({ id, finish: true, ...(streamed && !sent ? { stream: true } : {}) });
      });
    },
  };
}
