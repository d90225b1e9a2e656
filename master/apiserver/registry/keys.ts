import { objectKey, namespacePrefix, storageGroupResourceOf } from '../storage/keys.js';
import type { ResourceType } from '../../../shared/api/resource.js';

export const storageId = (rt: ResourceType): string => storageGroupResourceOf(rt);

export const keyFor = (rt: ResourceType, namespace: string, name: string): string =>
  objectKey(storageId(rt), rt.namespaced ? namespace : '', name);

export const collectionPrefix = (rt: ResourceType, namespace: string): string =>
  namespacePrefix(storageId(rt), rt.namespaced ? namespace : '');
