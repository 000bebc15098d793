import type { DirectoryRepository } from './directory';
import type { CounterRepository } from './repository';

/**
 * The counter's local replica as the features see it: the directory (officers, catalogue,
 * settings), open from the start, and the encrypted dossier data, open once the database key is
 * known (at start on the desktop, at the first login in web mode).
 */
export interface Replica {
  readonly directory: DirectoryRepository;
  /** The dossier data; throws an error for the officer while it is still locked. */
  data(): CounterRepository;
}
