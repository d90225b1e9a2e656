// Storage-level errors with stable codes; the registry translates them into API errors
// in one place (registry/storage-errors.ts), where the resource and name are known.

export type StorageErrorCode = 'KeyExists' | 'KeyNotFound' | 'Conflict' | 'Compacted' | 'Unavailable' | 'TooLarge';

export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(readonly code: StorageErrorCode, readonly key: string, message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

export const isStorageError = (e: unknown, code?: StorageErrorCode): e is StorageError =>
  e instanceof StorageError && (code === undefined || e.code === code);
