import iconv from 'iconv-lite';
import { refuseFormat } from './notice-format.error.js';

/**
 * The text of a plain-text notice: UTF-8 (with or without BOM), UTF-16 with its BOM (Windows
 * Notepad's "Unicode"), else GB18030, which reads GBK and GB2312 files saved by older editors.
 * A file with NUL bytes and no UTF-16 BOM is binary and refused.
 */
export function decodeText(bytes: Uint8Array, fileName?: string): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return iconv.decode(buffer.subarray(2), 'utf-16le');
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return iconv.decode(buffer.subarray(2), 'utf-16be');
  if (buffer.includes(0)) refuseFormat('二进制文件（不是文本、Word、PDF、网页或 Excel）', fileName);
  return decodeWithFallback(buffer);
}

/** UTF-8 when the bytes are valid UTF-8, else GB18030 (a superset of GBK and GB2312); no BOM. */
export function decodeWithFallback(buffer: Buffer, charset?: string): string {
  if (charset && !/^utf-?8$/i.test(charset) && iconv.encodingExists(charset))
    return iconv.decode(buffer, /^(?:gb2312|gbk|x-gbk|cp936)$/i.test(charset) ? 'gb18030' : charset);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer).replace(/^\uFEFF/, '');
  } catch {
    return iconv.decode(buffer, 'gb18030');
  }
}
