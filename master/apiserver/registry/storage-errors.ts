// Storage errors become API errors here, once, where resource and name are known.
import { alreadyExists, internalError, notFound, staleObject, StatusError, tooLarge, gone, serviceUnavailable } from '../../../shared/api/errors.js';
import { isStorageError } from '../storage/errors.js';
import type { Target } from './context.js';
import { maxObjectBytes } from '../storage/object-store.js';

export function toApiError(err: unknown, t: Target, name: string = t.name): StatusError {
  if (err instanceof StatusError) return err;
  const gr = { group: t.rt.group, resource: t.rt.resource };
  if (isStorageError(err)) {
    switch (err.code) {
      case 'KeyExists': return alreadyExists(gr, name);
      case 'KeyNotFound': return notFound(gr, name);
      case 'Conflict': return staleObject(gr, name);
      case 'TooLarge': return tooLarge(maxObjectBytes);
      case 'Compacted': return gone('The resourceVersion for the provided list is too old.');
      case 'Unavailable': return serviceUnavailable(err.message);
    }
  }
  if (err instanceof Error && /UNAVAILABLE|deadline|No connection|ECONNREFUSED|not connected|breaker/i.test(err.message)) {
    return serviceUnavailable(`etcd is unavailable: ${err.message}`);
  }
  return internalError(err);
}
