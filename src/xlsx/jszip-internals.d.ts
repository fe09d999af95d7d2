// The two JSZip modules used to hand JSZip data already deflated by a faster compressor
// (Node's zlib in the CLI). They ship with jszip 3 but have no type declarations.
declare module "jszip/lib/compressedObject" {
  class CompressedObject {
    constructor(
      compressedSize: number,
      uncompressedSize: number,
      crc32: number,
      compression: unknown,
      data: Uint8Array,
    );
  }
  export = CompressedObject;
}
declare module "jszip/lib/compressions" {
  const compressions: { readonly DEFLATE: unknown; readonly STORE: unknown };
  export = compressions;
}
