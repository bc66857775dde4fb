/** The long connection's protobuf frame `pbbp2.Frame` (lark.md §4.4); field numbers in comments. */
export interface PbFrame {
  /** 1, uint64 */
  seqId: number;
  /** 2, uint64 */
  logId: number;
  /** 3, int32 */
  service: number;
  /** 4, int32: 0 control, 1 data */
  method: number;
  /** 5, repeated Header { key = 1; value = 2 } */
  headers: { key: string; value: string }[];
  /** 6 */
  payloadEncoding?: string;
  /** 7 */
  payloadType?: string;
  /** 8 */
  payload?: Buffer;
  /** 9 */
  logIdNew?: string;
}

/** Encodes a frame; SeqID, LogID, service and method are always written because the SDK requires them. */
export function encodeFrame(frame: PbFrame): Buffer {
  const out: Buffer[] = [
    varintField(1, frame.seqId),
    varintField(2, frame.logId),
    varintField(3, frame.service),
    varintField(4, frame.method),
  ];
  for (const header of frame.headers) {
    out.push(
      bytesField(
        5,
        Buffer.concat([bytesField(1, Buffer.from(header.key)), bytesField(2, Buffer.from(header.value))]),
      ),
    );
  }
  if (frame.payloadEncoding !== undefined) out.push(bytesField(6, Buffer.from(frame.payloadEncoding)));
  if (frame.payloadType !== undefined) out.push(bytesField(7, Buffer.from(frame.payloadType)));
  if (frame.payload !== undefined) out.push(bytesField(8, frame.payload));
  if (frame.logIdNew !== undefined) out.push(bytesField(9, Buffer.from(frame.logIdNew)));
  return Buffer.concat(out);
}

/** Decodes a frame; unknown fields are skipped like protobufjs does. */
export function decodeFrame(bytes: Buffer): PbFrame {
  const frame: PbFrame = { seqId: 0, logId: 0, service: 0, method: 0, headers: [] };
  for (const field of readFields(bytes)) {
    const text = () => (field.bytes ?? Buffer.alloc(0)).toString('utf8');
    switch (field.number) {
      case 1:
        frame.seqId = Number(field.varint);
        break;
      case 2:
        frame.logId = Number(field.varint);
        break;
      case 3:
        frame.service = Number(BigInt.asIntN(32, field.varint ?? 0n));
        break;
      case 4:
        frame.method = Number(BigInt.asIntN(32, field.varint ?? 0n));
        break;
      case 5:
        frame.headers.push(decodeHeader(field.bytes ?? Buffer.alloc(0)));
        break;
      case 6:
        frame.payloadEncoding = text();
        break;
      case 7:
        frame.payloadType = text();
        break;
      case 8:
        frame.payload = field.bytes ?? Buffer.alloc(0);
        break;
      case 9:
        frame.logIdNew = text();
        break;
    }
  }
  return frame;
}

/** Value of a header, if present. */
export function headerOf(frame: PbFrame, key: string): string | undefined {
  return frame.headers.find((h) => h.key === key)?.value;
}

function decodeHeader(bytes: Buffer): { key: string; value: string } {
  const header = { key: '', value: '' };
  for (const field of readFields(bytes)) {
    if (field.number === 1) header.key = field.bytes?.toString('utf8') ?? '';
    if (field.number === 2) header.value = field.bytes?.toString('utf8') ?? '';
  }
  return header;
}

interface RawField {
  number: number;
  varint?: bigint;
  bytes?: Buffer;
}

function* readFields(bytes: Buffer): Generator<RawField> {
  let pos = 0;
  const readVarint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    while (true) {
      if (pos >= bytes.length) throw new Error('pbbp2: truncated varint');
      const byte = bytes[pos++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  };
  while (pos < bytes.length) {
    const tag = Number(readVarint());
    const number = tag >>> 3;
    const wireType = tag & 7;
    if (wireType === 0) yield { number, varint: readVarint() };
    else if (wireType === 2) {
      const length = Number(readVarint());
      if (pos + length > bytes.length) throw new Error('pbbp2: truncated field');
      yield { number, bytes: Buffer.from(bytes.subarray(pos, pos + length)) };
      pos += length;
    } else if (wireType === 1) pos += 8;
    else if (wireType === 5) pos += 4;
    else throw new Error(`pbbp2: unsupported wire type ${wireType}`);
  }
}

function varint(value: number | bigint): Buffer {
  // Negative int32 values are written as 10-byte two's complement, as protobuf does.
  let v = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    bytes.push(byte);
  } while (v > 0n);
  return Buffer.from(bytes);
}

function varintField(number: number, value: number): Buffer {
  return Buffer.concat([varint((number << 3) | 0), varint(value)]);
}

function bytesField(number: number, value: Buffer): Buffer {
  return Buffer.concat([varint((number << 3) | 2), varint(value.length), value]);
}
