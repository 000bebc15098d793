import { describe, expect, it } from 'vitest';
import { DOSSIER_ENCRYPTED_PATHS } from './personal-data';

describe('DOSSIER_ENCRYPTED_PATHS', () => {
  it('derives the stored schema’s encrypted fields from the applicant schema, in the stored order', () => {
    // Part of the stored schema: a change here needs a new schema version and a migration.
    expect(DOSSIER_ENCRYPTED_PATHS).toEqual([
      'applicant.idNumber',
      'applicant.taxCode',
      'applicant.phone',
      'applicant.email',
      'applicant.address',
    ]);
  });
});
