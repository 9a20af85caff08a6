import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Types worth compressing: text of every kind; images, fonts and archives are compressed already. */
const COMPRESSIBLE = /^(text\/|application\/(javascript|json|xml|wasm|manifest\+json)|image\/svg\+xml)/;

/** The encodings a file gets when no rule names them: identity always, gzip and brotli for text. */
export function defaultEncodings(contentType: string): string[] {
  return COMPRESSIBLE.test(contentType) ? ['identity', 'gzip', 'br'] : ['identity'];
}

/** `bytes` in `encoding`, at the highest compression (done once at upload, served many times). */
export function encodeContent(bytes: Uint8Array, encoding: string): Uint8Array {
  switch (encoding) {
    case 'identity':
      return bytes;
    case 'gzip':
      return new Uint8Array(gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }));
    case 'br':
      return new Uint8Array(
        brotliCompressSync(bytes, {
          params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
        }),
      );
    default:
      throw new Error(`unsupported content encoding ${encoding}`);
  }
}
