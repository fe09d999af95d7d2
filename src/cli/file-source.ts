/**
 * The CLI's input read through one file handle, by offset: the zip directory, then each entry's
 * compressed bytes a step at a time as the sheet is read and the copy written. A large workbook
 * is never held whole in memory (a 212 MB input held as one buffer stayed for the whole run).
 * @packageDocumentation
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import type { ByteSource } from "../xlsx/zip";

/** A read of the input that failed (the reason's code, e.g. EIO), for a one-line message. */
export class InputReadError extends Error {
  constructor(readonly code: string) {
    super(`cannot read the input: ${code}`);
  }
}

/** A regular file as a {@link ByteSource}; {@link FileSource.close} when done. */
export class FileSource implements ByteSource {
  readonly size: number;
  private fd: number | undefined;

  /** Opens `path` for reading (throws the open's error, e.g. EACCES). */
  constructor(path: string) {
    const fd = openSync(path, "r");
    try {
      this.size = fstatSync(fd).size;
    } catch (e) {
      closeSync(fd);
      throw e;
    }
    this.fd = fd;
  }

  read(offset: number, length: number): Uint8Array {
    const fd = this.fd;
    if (fd === undefined) throw new InputReadError("the file was closed");
    const n = Math.max(0, Math.min(length, this.size - offset));
    const out = new Uint8Array(n);
    let got = 0;
    try {
      while (got < n) {
        const r = readSync(fd, out, got, n - got, offset + got);
        if (r === 0) break;
        got += r;
      }
    } catch (e) {
      throw new InputReadError((e as NodeJS.ErrnoException).code ?? (e as Error).message);
    }
    // A file that got shorter while it was read: the caller sees fewer bytes (and says so).
    return got === n ? out : out.subarray(0, got);
  }

  /** Closes the handle (again is harmless). */
  close(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    try {
      closeSync(fd);
    } catch {
      // Already closed.
    }
  }
}
