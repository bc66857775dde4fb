import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeLark } from '../../../dev/fake-lark/index.js';
import { createSdkClient } from './sdk-client.helper.js';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe('fake-lark files and images', () => {
  const fake = createFakeLark();
  let client: lark.Client;
  const dir = mkdtempSync(join(tmpdir(), 'fake-lark-files-'));

  beforeAll(async () => {
    await fake.start();
    client = createSdkClient(fake);
  });
  afterAll(async () => {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads a file from a stream and gives the same bytes back through the SDK and /_fake', async () => {
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256));
    const path = join(dir, '整改台账.xlsx');
    writeFileSync(path, bytes);

    const res = await client.im.file.create({
      data: { file_type: 'xls', file_name: '整改台账.xlsx', file: createReadStream(path) },
    });
    // The SDK unwraps `data` for uploads: it resolves with `{file_key}` itself.
    const fileKey = res?.file_key;
    expect(fileKey).toMatch(/^file_v3_/);
    expect(fake.files).toHaveLength(1);
    expect(fake.files[0]).toMatchObject({ key: fileKey, kind: 'file', type: 'xls', name: '整改台账.xlsx' });
    expect(fake.files[0]!.bytes.equals(bytes)).toBe(true);

    const download = await client.im.file.get({ path: { file_key: fileKey! } });
    expect((await readAll(download.getReadableStream())).equals(bytes)).toBe(true);

    const raw = await fetch(`${fake.url}/_fake/files/${fileKey}`);
    expect(raw.headers.get('content-disposition')).toContain(encodeURIComponent('整改台账.xlsx'));
    expect(Buffer.from(await raw.arrayBuffer()).equals(bytes)).toBe(true);
    expect(fake.calls.find((c) => c.path === '/open-apis/im/v1/files')?.body).toMatchObject({
      file_type: 'xls',
      file_name: '整改台账.xlsx',
      file: '<70000 bytes>',
    });
  });

  it('uploads an image from a Buffer and returns an image_key', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const res = await client.im.image.create({ data: { image_type: 'message', image: png } });
    expect(res?.image_key).toMatch(/^img_v3_/);
    expect(fake.files.find((f) => f.key === res?.image_key)?.bytes.equals(png)).toBe(true);
  });

  it('rejects an empty file', async () => {
    const err = await client.im.file
      .create({ data: { file_type: 'stream', file_name: 'empty.bin', file: Buffer.alloc(0) } })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ response: { status: 400, data: { code: 234001 } } });
  });
});
