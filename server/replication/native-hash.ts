import { hash } from 'node:crypto';
import { useSha256 } from '../../shared/workflow/hash';

// Every pushed event is hashed when its chain is verified: node:crypto's one-shot sha256 instead of
// the portable one the counters use (same digests, pinned by the audit-format test vector).
useSha256((text) => hash('sha256', text, 'hex'));
