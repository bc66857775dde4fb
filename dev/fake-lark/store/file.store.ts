import type { FakeFile } from '../fake-lark.types.js';

/** Uploaded files and images, kept in memory with their bytes. */
export class FileStore {
  private readonly files = new Map<string, FakeFile>();

  add(file: FakeFile): void {
    this.files.set(file.key, file);
  }

  get(key: string): FakeFile | undefined {
    return this.files.get(key);
  }

  list(): FakeFile[] {
    return [...this.files.values()];
  }

  clear(): void {
    this.files.clear();
  }
}
