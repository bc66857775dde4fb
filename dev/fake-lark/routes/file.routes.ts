import { type Request, type RequestHandler, type Response, Router } from 'express';
import type { FakeState } from '../fake-lark.state.js';
import type { FakeFile } from '../fake-lark.types.js';
import { parseMultipart } from '../http/body-parsers.js';
import { type MultipartPart, parseMultipartBody } from '../http/multipart.parser.js';
import { randomHex } from '../ids.js';
import { LarkCode, sendLarkData, sendLarkError } from '../lark-errors.js';

const FILE_TYPES = new Set(['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream']);
const IMAGE_TYPES = new Set(['message', 'avatar']);
const FILE_LIMIT_BYTES = 30 * 1024 * 1024;
const IMAGE_LIMIT_BYTES = 10 * 1024 * 1024;

/** Upload and download of files and images (`/im/v1/files`, `/im/v1/images`). */
export function fileRoutes(state: FakeState, auth: RequestHandler): Router {
  const router = Router();

  router.post('/im/v1/files', auth, parseMultipart, (req, res) => {
    const fields = readFields(req, res);
    if (!fields) return;
    const type = fields.text('file_type');
    const name = fields.text('file_name');
    const file = fields.part('file');
    if (!type || !FILE_TYPES.has(type) || !name || !file || file.data.length === 0) {
      sendLarkError(
        res,
        400,
        LarkCode.fileInvalid,
        'Invalid request param: file_type, file_name and a non-empty file are required',
      );
      return;
    }
    if (file.data.length > FILE_LIMIT_BYTES) {
      sendLarkError(res, 400, LarkCode.fileTooLarge, 'file size exceed the limit (30 MB)');
      return;
    }
    const stored = store(state, 'file', `file_v3_00${randomHex(12)}`, type, name, file);
    sendLarkData(res, { file_key: stored.key });
  });

  router.post('/im/v1/images', auth, parseMultipart, (req, res) => {
    const fields = readFields(req, res);
    if (!fields) return;
    const type = fields.text('image_type');
    const image = fields.part('image');
    if (!type || !IMAGE_TYPES.has(type) || !image || image.data.length === 0) {
      sendLarkError(
        res,
        400,
        LarkCode.fileInvalid,
        'Invalid request param: image_type and a non-empty image are required',
      );
      return;
    }
    if (image.data.length > IMAGE_LIMIT_BYTES) {
      sendLarkError(res, 400, LarkCode.fileTooLarge, 'image size exceed the limit (10 MB)');
      return;
    }
    const stored = store(state, 'image', `img_v3_00${randomHex(12)}`, type, image.filename ?? 'image', image);
    sendLarkData(res, { image_key: stored.key });
  });

  router.get('/im/v1/files/:file_key', auth, (req, res) =>
    sendBytes(state, res, 'file', String(req.params.file_key)),
  );
  router.get('/im/v1/images/:image_key', auth, (req, res) =>
    sendBytes(state, res, 'image', String(req.params.image_key)),
  );

  return router;
}

/** Streams a stored file's bytes; shared with the `/_fake/files/:key` download. */
export function sendBytes(
  state: FakeState,
  res: Response,
  kind: FakeFile['kind'] | undefined,
  key: string,
): void {
  const file = state.files.get(key);
  if (!file || (kind && file.kind !== kind)) {
    sendLarkError(res, 400, LarkCode.fileInvalid, `no ${kind ?? 'file'} with key ${key}`);
    return;
  }
  res.set({
    'content-type': file.contentType,
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
  });
  res.status(200).send(file.bytes);
}

interface Fields {
  text(name: string): string | undefined;
  part(name: string): MultipartPart | undefined;
}

function readFields(req: Request, res: Response): Fields | undefined {
  const parts = Buffer.isBuffer(req.body)
    ? parseMultipartBody(req.body, req.get('content-type') ?? '')
    : undefined;
  if (!parts) {
    sendLarkError(
      res,
      400,
      LarkCode.fileInvalid,
      'Invalid request param: expected a multipart/form-data body',
    );
    return undefined;
  }
  // Keep the call log readable: sizes instead of bytes.
  res.locals.recordedBody = Object.fromEntries(
    parts.map((p) => [
      p.name,
      p.filename !== undefined ? `<${p.data.length} bytes>` : p.data.toString('utf8'),
    ]),
  );
  const part = (name: string) => parts.find((p) => p.name === name);
  return { part, text: (name) => part(name)?.data.toString('utf8') };
}

function store(
  state: FakeState,
  kind: FakeFile['kind'],
  key: string,
  type: string,
  name: string,
  part: MultipartPart,
): FakeFile {
  const file: FakeFile = {
    key,
    kind,
    type,
    name,
    contentType: part.contentType ?? 'application/octet-stream',
    bytes: part.data,
    createdAt: state.config.now(),
  };
  state.files.add(file);
  return file;
}
