// Response format from the Accept header: JSON, a Table, or PartialObjectMetadata.
import { notAcceptable } from '../../../shared/api/errors.js';

export type ResponseForm = 'json' | 'table' | 'metadata';

interface MediaRange { type: string; params: Map<string, string> }

function parseAccept(accept: string): MediaRange[] {
  return accept.split(',').map((part) => {
    const [type = '', ...ps] = part.split(';').map((s) => s.trim());
    const params = new Map<string, string>();
    for (const p of ps) {
      const i = p.indexOf('=');
      if (i > 0) params.set(p.slice(0, i).trim().toLowerCase(), p.slice(i + 1).trim());
    }
    return { type: type.toLowerCase(), params };
  }).filter((m) => m.type !== '');
}

/** The first form of the Accept list Bosun can answer. */
export function responseForm(accept: string | undefined): ResponseForm {
  if (accept === undefined || accept.trim() === '') return 'json';
  const ranges = parseAccept(accept);
  for (const m of ranges) {
    const as = m.params.get('as');
    if (m.type === 'application/json' && as !== undefined) {
      const g = m.params.get('g');
      const v = m.params.get('v');
      if (g !== 'meta.k8s.io' || (v !== 'v1' && v !== 'v1beta1')) continue;
      if (as === 'Table') return 'table';
      if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') return 'metadata';
      continue;
    }
    if (m.type === 'application/json' || m.type === '*/*' || m.type === 'application/*') return 'json';
  }
  // Protobuf-first clients always offer JSON too; one that offers nothing we speak is told so.
  throw notAcceptable(['application/json', 'application/json;as=Table;v=v1;g=meta.k8s.io']);
}

/** Which discovery document the client prefers: aggregated v2, v2beta1, or the legacy lists. */
export function discoveryForm(accept: string | undefined): 'v2' | 'v2beta1' | 'legacy' {
  for (const m of parseAccept(accept ?? '')) {
    if (m.type !== 'application/json') continue;
    if (m.params.get('as') === undefined) return 'legacy';
    if (m.params.get('g') === 'apidiscovery.k8s.io' && m.params.get('as') === 'APIGroupDiscoveryList') {
      const v = m.params.get('v');
      if (v === 'v2' || v === 'v2beta1') return v;
    }
  }
  return 'legacy';
}
